import type { Attr, Link } from '../model/attr';
import { set, unknown } from '../model/attr';
import type { PolicyDocument } from '../model/policy-document';
import type { IamManagedPolicy, IamPolicyAttachment, IamRole, IamRolePolicy, InstanceProfile } from '../model/resources';
import type { PropertyReader } from './cfn-attributes';
import type { Resolved } from './cfn-evaluate';
import { namedLink, ROLE } from './cfn-links';
import { policyDocumentOf, policyProperty } from './cfn-policy-document';
import type { CfnAdaptContext, CfnResourceAdapter, CfnResourceBase } from './cfn-resource-adapter';

const MANAGED_POLICY = 'AWS::IAM::ManagedPolicy';

/** The members of a list property; a value that is not a list (an unknown whole list) is one member. */
function membersOf(value: Resolved | undefined): Resolved[] {
  if (value === undefined) return [];
  return value.kind === 'list' ? value.items : [value];
}

/** `Roles` of a policy: one link per member, each at its own place. */
function roleLinks(reader: PropertyReader, ctx: CfnAdaptContext, value: Resolved | undefined): Link[] {
  return membersOf(value)
    .map((member) => namedLink(reader, ctx, member, ROLE))
    .filter((link): link is Link => link !== undefined);
}

/** The value of a key of a resolved map, undefined when not written (or removed, or empty). */
function entryValue(map: Resolved, key: string): Resolved | undefined {
  const value = map.kind === 'map' ? map.entries.find((e) => e.key === key)?.value : undefined;
  return value === undefined || value.kind === 'novalue' || (value.kind === 'value' && value.value === null) ? undefined : value;
}

/** `Policies[].PolicyDocument`: one document per policy; a policy without a document is left out (as in Terraform). */
function inlinePolicies(reader: PropertyReader): Attr<PolicyDocument>[] {
  const policies = reader.get('Policies');
  if (policies === undefined) return [];
  if (policies.kind === 'unknown') return [unknown(reader.siteOf(policies), policies.reason)];
  if (policies.kind !== 'list') return [unknown(reader.siteOf(policies), 'Policies is not a list')];
  const documents: Attr<PolicyDocument>[] = [];
  for (const policy of policies.items) {
    if (policy.kind === 'unknown') documents.push(unknown(reader.siteOf(policy), policy.reason));
    else if (policy.kind !== 'map') documents.push(unknown(reader.siteOf(policy), 'a member of Policies is not a map'));
    else {
      const document = entryValue(policy, 'PolicyDocument');
      if (document) documents.push(policyDocumentOf(reader.path, document));
    }
  }
  return documents;
}

// `!Sub arn:${AWS::Partition}:iam::aws:policy/Name` names the AWS managed policy Name in whichever partition the
// stack runs in; the name, which is what the checks read, is the same in every partition.
const PARTITIONED_AWS_POLICY = /^arn:\$\{AWS::Partition\}(:iam::aws:policy\/[^${}]+)$/;

/** One `ManagedPolicyArns` member as an ARN. */
function policyArn(reader: PropertyReader, member: Resolved): Attr<string> {
  if (member.kind === 'unknown') {
    const partitioned = member.text === undefined ? undefined : PARTITIONED_AWS_POLICY.exec(member.text);
    if (partitioned) return set(`arn:aws${partitioned[1]}`, reader.siteOf(member));
  }
  return reader.string(member, 'absent', 'ManagedPolicyArns member');
}

/** The managed policy of the template that a member refers to (`!Ref AppPolicy`, `!GetAtt AppPolicy.PolicyArn`). */
function templatePolicy(member: Resolved, ctx: CfnAdaptContext): { target: string; reason: string } | undefined {
  const target = member.kind === 'unknown' ? member.target : undefined;
  if (member.kind !== 'unknown' || target === undefined || ctx.typeOf(target) !== MANAGED_POLICY) return undefined;
  const direct = member.text === undefined || member.text === `\${${target}}` || member.text === `\${${target}.PolicyArn}`;
  return direct ? { target, reason: member.reason } : undefined;
}

/**
 * `ManagedPolicyArns`: each member its own ARN. A member that refers to a managed policy of the template becomes
 * an attachment of that policy to the role instead, as `aws_iam_role_policy_attachment` does in Terraform, so the
 * role's policies are followed to the policy's document (iam/workload-roles.ts reads attachments by link, and an
 * ARN known only at deploy time by nothing).
 */
function managedPolicies(base: CfnResourceBase, reader: PropertyReader, ctx: CfnAdaptContext): { arns: Attr<string>[]; attachments: IamPolicyAttachment[] } {
  const arns: Attr<string>[] = [];
  const attachments: IamPolicyAttachment[] = [];
  membersOf(reader.get('ManagedPolicyArns')).forEach((member, i) => {
    const policy = templatePolicy(member, ctx);
    if (!policy) {
      arns.push(policyArn(reader, member));
      return;
    }
    const at = reader.siteOf(member);
    attachments.push({
      ...base,
      address: `${base.address}.ManagedPolicyArns.${i}`,
      kind: 'iam-policy-attachment',
      roles: [{ target: base.address, at }],
      policyArn: unknown(at, policy.reason),
      policy: { target: policy.target, at },
    });
  });
  return { arns, attachments };
}

/** `AWS::IAM::Role`; without `RoleName` CloudFormation generates the name at deploy time (absent). */
export const adaptIamRole: CfnResourceAdapter = (base, reader, ctx) => {
  const { arns, attachments } = managedPolicies(base, reader, ctx);
  const role: IamRole = {
    ...base,
    kind: 'iam-role',
    roleName: reader.string(reader.get('RoleName'), 'absent', 'RoleName'),
    trustPolicy: policyProperty(reader, 'AssumeRolePolicyDocument'),
    inlinePolicies: inlinePolicies(reader),
    managedPolicyArns: arns,
  };
  return attachments.length ? [role, ...attachments] : role;
};

/**
 * `AWS::IAM::ManagedPolicy`, and when it names `Roles`, its attachment to them: an `iam-policy-attachment` linked
 * to the policy (whose ARN is known only once deployed), as Terraform's `aws_iam_policy_attachment` is modelled.
 * `Users` and `Groups` are not modelled.
 */
export const adaptIamManagedPolicy: CfnResourceAdapter = (base, reader, ctx) => {
  const policy: IamManagedPolicy = { ...base, kind: 'iam-managed-policy', policy: policyProperty(reader, 'PolicyDocument') };
  const roles = reader.get('Roles');
  if (roles === undefined) return policy;
  const attachment: IamPolicyAttachment = {
    ...base,
    address: `${base.address}.Roles`,
    kind: 'iam-policy-attachment',
    roles: roleLinks(reader, ctx, roles),
    policyArn: unknown(base.site, `the ARN of managed policy ${base.address} is known only at deploy time`),
    policy: { target: base.address, at: reader.siteOf(roles) },
  };
  return [policy, attachment];
};

/** `AWS::IAM::Policy` embedded in roles; one that names only `Users` or `Groups` is not modelled. */
export const adaptIamPolicy: CfnResourceAdapter = (base, reader, ctx) => {
  const roles = reader.get('Roles');
  if (roles === undefined) return undefined;
  const resource: IamRolePolicy = {
    ...base,
    kind: 'iam-role-policy',
    roles: roleLinks(reader, ctx, roles),
    policy: policyProperty(reader, 'PolicyDocument'),
  };
  return resource;
};

/** `AWS::IAM::RolePolicy`: a policy embedded in the one role `RoleName` names. */
export const adaptIamRolePolicy: CfnResourceAdapter = (base, reader, ctx) => {
  const role = namedLink(reader, ctx, reader.get('RoleName'), ROLE);
  const resource: IamRolePolicy = {
    ...base,
    kind: 'iam-role-policy',
    roles: role ? [role] : [],
    policy: policyProperty(reader, 'PolicyDocument'),
  };
  return resource;
};

/** `AWS::IAM::InstanceProfile`: an instance profile holds at most one role (`Roles[0]`). */
export const adaptInstanceProfile: CfnResourceAdapter = (base, reader, ctx) => {
  const resource: InstanceProfile = {
    ...base,
    kind: 'instance-profile',
    profileName: reader.string(reader.get('InstanceProfileName'), 'absent', 'InstanceProfileName'),
  };
  const roles = reader.get('Roles');
  const role = namedLink(reader, ctx, roles?.kind === 'list' ? roles.items[0] : roles, ROLE);
  if (role) resource.role = role;
  return resource;
};
