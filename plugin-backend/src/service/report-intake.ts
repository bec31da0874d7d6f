import { InputError } from '@backstage/errors';
import type { Report } from '@pavedroad/guardrails-core';
import { describeSchemaIssues, reportSchema, sha256 } from '@pavedroad/guardrails-core';
import { TextRedactor } from './text-redactor';

/** A validated, redacted report with what the portal needs to file it. */
export interface IntakeReport {
  id: string;
  report: Report;
  repository: string;
  sourceKey: string;
  /** Full scope on the default branch: it changes the service's posture. */
  posture: boolean;
  scannedAt: number;
}

const MAX_ISSUES_SHOWN = 10;

/** Whether the report's ref is the repository's default branch (a report without a ref is a local full scan). */
export function isDefaultBranch(report: Report): boolean {
  const ref = report.repository?.ref;
  const defaultBranch = report.repository?.defaultBranch;
  if (!ref || !defaultBranch) return true;
  return ref === defaultBranch || ref === `refs/heads/${defaultBranch}`;
}

/**
 * Validates a pushed body against the shared report contract (400 names every bad field), requires the
 * repository slug, redacts anything credential-shaped, and derives the report's idempotency key: the hash of
 * the normalised report, so the same report pushed twice is recognised.
 */
export function intakeReport(body: unknown): IntakeReport {
  const parsed = reportSchema.safeParse(body);
  if (!parsed.success) {
    throw new InputError(`Invalid report: ${describeSchemaIssues(parsed.error.issues, { max: MAX_ISSUES_SHOWN, root: '(body)' })}`);
  }
  const slug = parsed.data.repository?.slug?.trim().toLowerCase();
  if (!slug || !/^[^/\s]+\/[^/\s]+$/.test(slug)) {
    throw new InputError('Invalid report: repository.slug: an owner/repo slug is required to file a report (run the scan in a git checkout or pass --repository)');
  }
  const report = new TextRedactor().report(parsed.data);
  const posture = report.scan.scope === 'full' && isDefaultBranch(report);
  return {
    id: sha256(JSON.stringify(report)),
    report,
    repository: slug,
    sourceKey: `github:${slug}`,
    posture,
    scannedAt: Date.parse(report.scan.startedAt),
  };
}
