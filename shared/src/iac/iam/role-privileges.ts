import type { IamRole, ResourceModel } from '../model/resources';
import type { ActionCatalog } from './action-catalog';
import { iamActionCatalog } from './action-catalog';
import type { PolicySource } from './effective-permissions';
import { effectivePermissions } from './effective-permissions';
import type { PrivilegeFinding } from './privileges';
import { classifyManagedPolicy, classifyPermissions } from './privileges';
import type { Undecided } from './workload-roles';
import { policiesOfRole } from './workload-roles';

/** What a role's identity policies let it do, and what could not be read. */
export interface RolePrivileges {
  findings: PrivilegeFinding[];
  undecided: Undecided[];
}

/**
 * Classifies a role from all its identity policies taken together (documents in the code, AWS managed
 * policies by name). Partly known statements and unknown managed policies are undecided.
 */
export function rolePrivileges(role: IamRole, model: ResourceModel, catalog: ActionCatalog = iamActionCatalog()): RolePrivileges {
  const { policies, undecided } = policiesOfRole(role, model);
  const documents: PolicySource[] = [];
  const findings: PrivilegeFinding[] = [];
  for (const policy of policies) {
    if (policy.kind === 'document') {
      documents.push({ label: policy.label, document: policy.document });
      continue;
    }
    const managed = classifyManagedPolicy(policy.name, policy.at);
    if (managed) findings.push(...managed);
    else undecided.push({ reason: `${role.name} has the AWS managed policy ${policy.name}, which this check does not classify`, at: policy.at });
  }
  const permissions = effectivePermissions(documents, catalog);
  findings.unshift(...classifyPermissions(permissions, catalog));
  for (const p of permissions.partial) undecided.push({ reason: `a statement of ${p.source} is only partly known`, at: p.at });
  return { findings, undecided };
}
