import { entry } from './workflow-document';
import type { FieldMap, Job, WorkflowDocument } from './workflow-document';

/** Where a job's `GITHUB_TOKEN` permissions come from. */
export type PermissionSource = 'job' | 'workflow' | 'default' | 'caller';

export interface EffectivePermissions {
  source: PermissionSource;
  /** The `permissions:` that apply, when declared in this file. */
  block: FieldMap | undefined;
}

/** True when the workflow can only be called by another workflow, whose caller job sets the token's permissions. */
export function onlyCalled(doc: WorkflowDocument): boolean {
  return doc.triggers.length > 0 && doc.triggers.every((t) => t.name === 'workflow_call');
}

/**
 * The permissions a job runs with: its own `permissions:`, else the workflow's, else the repository default
 * (or, for a workflow that is only called, the caller's, which this file cannot see).
 */
export function effectivePermissions(doc: WorkflowDocument, job: Job): EffectivePermissions {
  if (job.permissions) return { source: 'job', block: job.permissions };
  if (doc.permissions) return { source: 'workflow', block: doc.permissions };
  return { source: onlyCalled(doc) ? 'caller' : 'default', block: undefined };
}

/**
 * True when the permissions grant `scope: write`. `write-all` grants every scope; the repository default
 * never includes `id-token: write` (GitHub docs, "Permissions for the GITHUB_TOKEN").
 */
export function grantsWrite(block: FieldMap | undefined, scope: string): boolean {
  if (!block) return false;
  if (block.scalar !== undefined) return block.scalar.trim() === 'write-all';
  return entry(block, scope)?.value?.trim() === 'write';
}
