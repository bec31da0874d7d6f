import type { ManagedPolicyDetail, RoleDetail } from '@aws-sdk/client-iam';
import { paginateGetAccountAuthorizationDetails } from '@aws-sdk/client-iam';
import type { Attr, Link } from '../../iac/model/attr';
import { set } from '../../iac/model/attr';
import type { PolicyDocument } from '../../iac/model/policy-document';
import type { IamManagedPolicy, IamPolicyAttachment, IamRole, InstanceProfile } from '../../iac/model/resources';
import { awsManagedPolicyName } from '../../iac/iam/aws-managed-policies';
import type { ScanContext } from '../session/scan-context';
import type { LiveInventory } from './live-inventory';
import { liveSite } from './live-inventory';
import { livePolicy } from './policy-json';

// Pages of whole roles with their policy documents parse into large trees: keep them moderate (API max 1000).
const PAGE = 200;

/** An IAM user as the authorization details list it: enough to own keys and carry tags. */
export interface IamUserInfo {
  name: string;
  arn: string;
}

/**
 * Reads users, roles (trust, inline and attached policies), instance profiles and customer-managed policies with
 * one paginated `iam:GetAccountAuthorizationDetails` (what Cloudsplaining and PMapper download), and adds the
 * roles, instance profiles, policies and attachments to the inventory. Returns the users, or undefined when
 * the call failed.
 */
export async function collectAuthorizationDetails(ctx: ScanContext, inventory: LiveInventory): Promise<IamUserInfo[] | undefined> {
  const iam = ctx.clients.iam();
  const roles: RoleDetail[] = [];
  const policies: ManagedPolicyDetail[] = [];
  const users: IamUserInfo[] = [];
  const ok = await ctx.step(
    { service: 'iam', operation: 'GetAccountAuthorizationDetails', guardrails: ['least-privilege-workloads', 'third-party-roles-safe'] },
    async (abortSignal) => {
      const pages = paginateGetAccountAuthorizationDetails({ client: iam, pageSize: PAGE }, { Filter: ['User', 'Role', 'LocalManagedPolicy'] }, { abortSignal });
      for await (const page of pages) {
        for (const u of page.UserDetailList ?? []) {
          if (!u.UserName || !u.Arn) continue;
          users.push({ name: u.UserName, arn: u.Arn });
          inventory.addTags(u.Arn, u.Tags);
        }
        roles.push(...(page.RoleDetailList ?? []));
        policies.push(...(page.Policies ?? []));
      }
      return true;
    },
  );
  if (!ok) return undefined;

  const account = inventory.accountId;
  const policyByArn = new Map<string, IamManagedPolicy>();
  for (const p of policies) {
    if (!p.Arn) continue;
    const site = liveSite(account, p.Arn);
    const version = p.PolicyVersionList?.find((v) => v.IsDefaultVersion) ?? p.PolicyVersionList?.find((v) => v.VersionId === p.DefaultVersionId);
    const policy: IamManagedPolicy = {
      kind: 'iam-managed-policy',
      address: p.Arn,
      type: 'AWS::IAM::ManagedPolicy',
      origin: 'aws',
      site,
      name: p.PolicyName ?? p.Arn,
      policy: livePolicy(version?.Document, site, `the default version of ${p.PolicyName ?? p.Arn}`, true),
    };
    policyByArn.set(p.Arn, policy);
  }

  const attachments = new Map<string, Link[]>();
  const profiles = new Map<string, InstanceProfile>();
  for (const r of roles) {
    if (!r.Arn || !r.RoleName) continue;
    const site = liveSite(account, r.Arn);
    const managedPolicyArns: Attr<string>[] = [];
    for (const a of r.AttachedManagedPolicies ?? []) {
      if (!a.PolicyArn) continue;
      // AWS managed policies are judged by name; customer-managed ones through their documents.
      if (awsManagedPolicyName(a.PolicyArn)) managedPolicyArns.push(set(a.PolicyArn, site));
      else attachments.set(a.PolicyArn, [...(attachments.get(a.PolicyArn) ?? []), { target: r.Arn, at: site }]);
    }
    const role: IamRole = {
      kind: 'iam-role',
      address: r.Arn,
      type: 'AWS::IAM::Role',
      origin: 'aws',
      site,
      name: r.RoleName,
      roleName: set(r.RoleName, site),
      trustPolicy: livePolicy(r.AssumeRolePolicyDocument, site, `the trust policy of ${r.RoleName}`, true),
      inlinePolicies: (r.RolePolicyList ?? []).map((p): Attr<PolicyDocument> => livePolicy(p.PolicyDocument, site, `the inline policy ${p.PolicyName ?? ''} of ${r.RoleName}`, true)),
      managedPolicyArns,
    };
    inventory.addGlobal(role, r.PermissionsBoundary?.PermissionsBoundaryArn ? { permissionsBoundary: r.PermissionsBoundary.PermissionsBoundaryArn } : undefined);
    inventory.addTags(r.Arn, r.Tags);
    inventory.counts.roles++;
    for (const p of r.InstanceProfileList ?? []) {
      if (!p.Arn || profiles.has(p.Arn)) continue;
      const profileSite = liveSite(account, p.Arn);
      const roleArn = p.Roles?.[0]?.Arn ?? r.Arn;
      profiles.set(p.Arn, {
        kind: 'instance-profile',
        address: p.Arn,
        type: 'AWS::IAM::InstanceProfile',
        origin: 'aws',
        site: profileSite,
        name: p.InstanceProfileName ?? p.Arn,
        profileName: set(p.InstanceProfileName ?? p.Arn, profileSite),
        role: { target: roleArn, at: profileSite },
      });
    }
  }
  for (const profile of profiles.values()) inventory.addGlobal(profile);
  for (const [arn, roleLinks] of attachments) {
    const site = liveSite(account, arn);
    const policy = policyByArn.get(arn);
    if (policy) inventory.addGlobal(policy);
    const attachment: IamPolicyAttachment = {
      kind: 'iam-policy-attachment',
      address: `${arn}#attachments`,
      type: 'AWS::IAM::PolicyAttachment',
      origin: 'aws',
      site,
      name: policy?.name ?? arn,
      roles: roleLinks,
      policyArn: set(arn, site),
      policy: { target: arn, at: site },
    };
    inventory.addGlobal(attachment);
  }
  return users;
}
