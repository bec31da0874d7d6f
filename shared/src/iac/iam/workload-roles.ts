import type { Attr, Link, Site } from '../model/attr';
import { valueOf } from '../model/attr';
import type { PolicyDocument } from '../model/policy-document';
import type { Ec2Instance, EksNodeGroup, IamRole, InstanceProfile, LaunchConfiguration, LaunchTemplate, ResourceModel } from '../model/resources';
import { awsManagedPolicyName } from './aws-managed-policies';

/** Something that runs code with a role's credentials. */
export type Workload = Ec2Instance | LaunchTemplate | LaunchConfiguration | EksNodeGroup;

/** A part of the graph or a policy that cannot be read from the code; the guardrail is then unknown, not passed. */
export interface Undecided {
  reason: string;
  at: Site;
}

/** A workload that runs with a role, and the instance profile between them (none for node groups). */
export interface RoleWorkload {
  workload: Workload;
  via?: InstanceProfile;
}

/** An identity policy of a role: a document to analyse, or an AWS managed policy known by name. */
export type RolePolicy =
  | { kind: 'document'; label: string; document: PolicyDocument }
  | { kind: 'aws-managed'; name: string; arn: string; at: Site };

type Resolved<T> = { found: T } | { outside: string } | { unknown: string } | { none: true };

/** `arn:aws:iam::111122223333:role/ops/web` → `web`; a plain name stays as it is. */
function lastName(value: string): string {
  return value.startsWith('arn:') ? value.slice(value.lastIndexOf('/') + 1) : value;
}

/** Whether a link points at a resource, by address or by name (`name:web`, `name:arn:...:role/web`). */
function linksTo(link: Link, address: string, name: Attr<string>): boolean {
  if (link.target === address) return true;
  const wanted = valueOf(name);
  return wanted !== undefined && link.target?.startsWith('name:') === true && lastName(link.target.slice(5)) === wanted;
}

function resolveRole(link: Link | undefined, model: ResourceModel): Resolved<IamRole> {
  if (!link) return { none: true };
  if (link.unresolved !== undefined) return { unknown: link.unresolved };
  const role = model.ofKind('iam-role').find((r) => linksTo(link, r.address, r.roleName));
  return role ? { found: role } : { outside: link.target ?? '' };
}

function resolveProfile(link: Link | undefined, model: ResourceModel): Resolved<InstanceProfile> {
  if (!link) return { none: true };
  if (link.unresolved !== undefined) return { unknown: link.unresolved };
  const profile = model.ofKind('instance-profile').find((p) => linksTo(link, p.address, p.profileName));
  return profile ? { found: profile } : { outside: link.target ?? '' };
}

/** The role a workload runs with: node group → role; instance, launch template, launch configuration → profile → role. */
export function roleOfWorkload(workload: Workload, model: ResourceModel): { role?: IamRole; via?: InstanceProfile; undecided?: Undecided } {
  if (workload.kind === 'eks-node-group') {
    const role = resolveRole(workload.nodeRole, model);
    if ('found' in role) return { role: role.found };
    if ('unknown' in role) return { undecided: { reason: `the node role of ${workload.name} cannot be resolved (${role.unknown})`, at: workload.nodeRole!.at } };
    return {};
  }
  const profile = resolveProfile(workload.instanceProfile, model);
  if ('unknown' in profile) {
    return { undecided: { reason: `the instance profile of ${workload.name} cannot be resolved (${profile.unknown})`, at: workload.instanceProfile!.at } };
  }
  if (!('found' in profile)) return {};
  const role = resolveRole(profile.found.role, model);
  if ('found' in role) return { role: role.found, via: profile.found };
  if ('unknown' in role) {
    return { undecided: { reason: `the role of ${profile.found.name} (used by ${workload.name}) cannot be resolved (${role.unknown})`, at: profile.found.role!.at } };
  }
  return {};
}

interface WorkloadIndex {
  byRole: Map<IamRole, RoleWorkload[]>;
  undecided: Undecided[];
}

// Per model, which workloads run with which role: built once, so checking every role stays linear in the number
// of workloads (a live account holds tens of thousands of instances).
const workloadIndexes = new WeakMap<ResourceModel, WorkloadIndex>();

function workloadIndex(model: ResourceModel): WorkloadIndex {
  const cached = workloadIndexes.get(model);
  if (cached) return cached;
  const index: WorkloadIndex = { byRole: new Map(), undecided: [] };
  const all: Workload[] = [...model.ofKind('ec2-instance'), ...model.ofKind('launch-template'), ...model.ofKind('launch-configuration'), ...model.ofKind('eks-node-group')];
  for (const workload of all) {
    const found = roleOfWorkload(workload, model);
    if (found.role) {
      const list = index.byRole.get(found.role) ?? [];
      list.push(found.via ? { workload, via: found.via } : { workload });
      index.byRole.set(found.role, list);
    } else if (found.undecided) index.undecided.push(found.undecided);
  }
  workloadIndexes.set(model, index);
  return index;
}

/**
 * The workloads that run with a role. A workload whose profile or role cannot be resolved might run with
 * this role: it is undecided. Links to names or resources outside the code lead to roles outside it.
 */
export function workloadsOfRole(role: IamRole, model: ResourceModel): { workloads: RoleWorkload[]; undecided: Undecided[] } {
  const index = workloadIndex(model);
  return { workloads: [...(index.byRole.get(role) ?? [])], undecided: [...index.undecided] };
}

/** A policy ARN: an AWS managed policy by name, or a customer-managed policy that must be in the code. */
function policyFromArn(arn: string, at: Site): RolePolicy | Undecided {
  const name = awsManagedPolicyName(arn);
  if (name) return { kind: 'aws-managed', name, arn, at };
  return { reason: `the policy ${arn} is not defined in this code`, at };
}

/** A managed policy resource named in an unknown ARN (`computed from aws_iam_policy.app.arn`). */
function policyFromReason(reason: string, model: ResourceModel): PolicyDocument | 'unknown' | undefined {
  const address = /^computed from ((?:module\.[^.]+\.)*[a-z0-9_]+\.[^.]+)\.(?:arn|id)$/.exec(reason)?.[1];
  const policy = model.get(address);
  if (policy?.kind !== 'iam-managed-policy') return undefined;
  return valueOf(policy.policy) ?? 'unknown';
}

/**
 * Every identity policy of a role: inline policies, `managed_policy_arns`, `aws_iam_role_policy`, and
 * attachments of customer-managed policies in the code or AWS managed policies by name. What cannot be read
 * (unknown documents, unresolved attachments, policies defined elsewhere) is returned as undecided.
 */
export function policiesOfRole(role: IamRole, model: ResourceModel): { policies: RolePolicy[]; undecided: Undecided[] } {
  const policies: RolePolicy[] = [];
  const undecided: Undecided[] = [];
  const addDocument = (label: string, attr: Attr<PolicyDocument>) => {
    switch (attr.state) {
      case 'set':
      case 'default':
        policies.push({ kind: 'document', label, document: attr.value });
        return;
      case 'unknown':
        undecided.push({ reason: `${label}: ${attr.reason}`, at: attr.at });
        return;
      case 'absent':
        return;
    }
  };
  const addArn = (arn: Attr<string>, label: string) => {
    if (arn.state === 'set' || arn.state === 'default') {
      const p = policyFromArn(arn.value, arn.at);
      if ('kind' in p) policies.push(p);
      else undecided.push({ reason: `${label}: ${p.reason}`, at: p.at });
    } else if (arn.state === 'unknown') {
      const doc = policyFromReason(arn.reason, model);
      if (doc && doc !== 'unknown') policies.push({ kind: 'document', label: arn.reason.replace(/^computed from /, '').replace(/\.(?:arn|id)$/, ''), document: doc });
      else undecided.push({ reason: `${label}: ${arn.reason}`, at: arn.at });
    }
  };
  // Which of a resource's role links point here; an unresolved one might.
  const targets = (links: readonly Link[], what: string): boolean => {
    let hit = false;
    for (const link of links) {
      if (link.unresolved !== undefined) undecided.push({ reason: `${what} applies to a role that cannot be resolved (${link.unresolved})`, at: link.at });
      else if (linksTo(link, role.address, role.roleName)) hit = true;
    }
    return hit;
  };

  role.inlinePolicies.forEach((p) => addDocument(`the inline policy of ${role.name}`, p));
  role.managedPolicyArns.forEach((arn) => addArn(arn, `managed_policy_arns of ${role.name}`));
  for (const rp of model.ofKind('iam-role-policy')) if (targets(rp.roles, rp.name)) addDocument(rp.name, rp.policy);
  for (const attachment of model.ofKind('iam-policy-attachment')) {
    if (!targets(attachment.roles, attachment.name)) continue;
    const managed = model.follow(attachment.policy, 'iam-managed-policy');
    if (managed) addDocument(managed.name, managed.policy);
    else addArn(attachment.policyArn, attachment.name);
  }
  return { policies, undecided };
}
