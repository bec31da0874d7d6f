import type { Site } from '../model/attr';
import type { ActionCatalog } from './action-catalog';
import type { AwsManagedPolicy } from './aws-managed-policies';
import { AWS_MANAGED_POLICIES } from './aws-managed-policies';
import type { EffectivePermissions, Grant } from './effective-permissions';

/** Why a role is dangerous for whoever runs code with it. */
export type PrivilegeCategory = 'admin' | 'privilege-escalation' | 'lateral-movement' | 'data-access';

export const PRIVILEGE_CATEGORIES: readonly PrivilegeCategory[] = ['admin', 'privilege-escalation', 'lateral-movement', 'data-access'];

/** Actions that are risky together when all are allowed on every resource. */
export interface RiskyCombination {
  category: Exclude<PrivilegeCategory, 'admin'>;
  actions: readonly string[];
  source: string;
}

// Rhino Security Labs' 21 methods as Cloudsplaining's PRIVILEGE_ESCALATION_METHODS lists them, with
// pathfinding.cloud ids where they exist (research aws-live §2.1).
const RHINO = 'Rhino Security Labs / Cloudsplaining PRIVILEGE_ESCALATION_METHODS';
const esc = (source: string, ...actions: string[]): RiskyCombination => ({ category: 'privilege-escalation', actions, source });
const lateral = (source: string, ...actions: string[]): RiskyCombination => ({ category: 'lateral-movement', actions, source });
const data = (source: string, ...actions: string[]): RiskyCombination => ({ category: 'data-access', actions, source });
const DATADOG_LATERAL = 'Datadog Fact 8 lateral movement (research aws-live §2.2)';
const DATADOG_DATA = 'Datadog Fact 8 excessive data access (research aws-live §2.3)';
const CLOUDSPLAINING_DATA = 'Cloudsplaining READ_ONLY_DATA_EXFILTRATION_ACTIONS';

export const RISKY_COMBINATIONS: readonly RiskyCombination[] = [
  esc(`${RHINO}; pathfinding iam-001`, 'iam:CreatePolicyVersion'),
  esc(RHINO, 'iam:SetDefaultPolicyVersion'),
  esc(`${RHINO}; pathfinding iam-002`, 'iam:CreateAccessKey'),
  esc(`${RHINO}; pathfinding iam-004`, 'iam:CreateLoginProfile'),
  esc(`${RHINO}; pathfinding iam-006`, 'iam:UpdateLoginProfile'),
  esc(`${RHINO}; pathfinding iam-008`, 'iam:AttachUserPolicy'),
  esc(`${RHINO}; pathfinding iam-010`, 'iam:AttachGroupPolicy'),
  esc(`${RHINO}; pathfinding iam-009`, 'iam:AttachRolePolicy'),
  esc(`${RHINO}; pathfinding iam-007`, 'iam:PutUserPolicy'),
  esc(`${RHINO}; pathfinding iam-011`, 'iam:PutGroupPolicy'),
  esc(`${RHINO}; pathfinding iam-005`, 'iam:PutRolePolicy'),
  esc(`${RHINO}; pathfinding iam-013`, 'iam:AddUserToGroup'),
  esc(RHINO, 'iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'),
  esc(`${RHINO}; pathfinding ec2-001`, 'iam:PassRole', 'ec2:RunInstances'),
  esc('pathfinding ec2-003', 'iam:PassRole', 'ec2:RequestSpotInstances'),
  esc(`${RHINO}; pathfinding lambda-001`, 'iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'),
  esc(`${RHINO}; pathfinding lambda-002`, 'iam:PassRole', 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping'),
  esc(`${RHINO}; pathfinding lambda-003`, 'lambda:UpdateFunctionCode'),
  esc(`${RHINO}; pathfinding glue-001`, 'iam:PassRole', 'glue:CreateDevEndpoint'),
  esc(`${RHINO}; pathfinding glue-002`, 'glue:UpdateDevEndpoint'),
  esc(`${RHINO}; pathfinding cloudformation-001`, 'iam:PassRole', 'cloudformation:CreateStack'),
  esc(RHINO, 'iam:PassRole', 'datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition'),
  esc('pathfinding codebuild-001', 'iam:PassRole', 'codebuild:CreateProject', 'codebuild:StartBuild'),
  esc('pathfinding ecs-00x', 'iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:RunTask'),
  lateral(`${DATADOG_LATERAL}; pathfinding ssm-001`, 'ssm:StartSession'),
  lateral(`${DATADOG_LATERAL}; pathfinding ssm-002`, 'ssm:SendCommand'),
  lateral(DATADOG_LATERAL, 'ec2-instance-connect:SendSSHPublicKey'),
  lateral(DATADOG_LATERAL, 'ec2-instance-connect:SendSerialConsoleSSHPublicKey'),
  lateral('Fleet Manager remote desktop (ssm-guiconnect)', 'ssm-guiconnect:StartConnection'),
  lateral('Prowler privilege_escalation_policies_combination (ecs:ExecuteCommand)', 'ecs:ExecuteCommand'),
  data(`${DATADOG_DATA}; ${CLOUDSPLAINING_DATA}`, 's3:GetObject'),
  data(DATADOG_DATA, 's3:ListAllMyBuckets', 's3:ListBucket'),
  data(`${DATADOG_DATA}; ${CLOUDSPLAINING_DATA}`, 'secretsmanager:GetSecretValue'),
  data('KMS key policies that enable IAM policies (the default) let kms:Decrypt on `*` decrypt every key', 'kms:Decrypt'),
  data(DATADOG_DATA, 'dynamodb:Scan'),
  data(CLOUDSPLAINING_DATA, 'ssm:GetParameter'),
  data(CLOUDSPLAINING_DATA, 'ssm:GetParameters'),
  data(`${DATADOG_DATA}; ${CLOUDSPLAINING_DATA}`, 'ssm:GetParametersByPath'),
];

/** One reason a role is dangerous, at the statement (or attachment) that grants it. */
export interface PrivilegeFinding {
  category: PrivilegeCategory;
  /** What grants it, for messages: combinations (`iam:PassRole + ec2:RunInstances`) or a managed policy. */
  what: string;
  at: Site;
  /** Why the finding is less certain (conditional grants, Denies not subtracted); empty when certain. */
  caveats: readonly string[];
}

/** The grant that makes an action count: on every resource, unconditional if possible. */
function bestGrant(permissions: EffectivePermissions, action: string): Grant | undefined {
  const broad = (permissions.grants.get(action) ?? []).filter((g) => g.broad);
  return broad.find((g) => !g.conditions.length) ?? broad[0];
}

function caveatsOf(permissions: EffectivePermissions, grants: readonly Grant[]): string[] {
  const out: string[] = [];
  for (const g of grants) {
    if (g.conditions.length) out.push(`\`${g.action}\` is allowed only under conditions on ${g.conditions.map((k) => `\`${k}\``).join(', ')}`);
    for (const deny of permissions.unsubtracted) if (deny.actions.has(g.action)) out.push(`${deny.why} and may remove \`${g.action}\``);
  }
  return [...new Set(out)];
}

const siteKey = (site: Site) => JSON.stringify(site);

/** `a, b, c, d and 3 more`: messages stay readable when `NotAction` or `*` allows many combinations. */
function shortList(items: readonly string[], max = 4): string {
  return items.length > max ? `${items.slice(0, max).join(', ')} and ${items.length - max} more` : items.join(', ');
}

/**
 * Classifies what a set of permissions allows: admin (every `iam:` action on `*`, which `*` and `iam:*` both
 * give), else each risky combination allowed on every resource, grouped per category and statement.
 */
export function classifyPermissions(permissions: EffectivePermissions, catalog: ActionCatalog): PrivilegeFinding[] {
  const iam = catalog.actionsOf('iam');
  const iamGrants = iam.map((a) => bestGrant(permissions, a));
  if (iam.length && iamGrants.every((g): g is Grant => g !== undefined)) {
    const all = catalog.actions.every((a) => bestGrant(permissions, a));
    const anchor = bestGrant(permissions, 'iam:PassRole') ?? iamGrants[0]!;
    const conditional = iamGrants.filter((g) => g.conditions.length);
    const denies = permissions.unsubtracted.filter((d) => iam.some((a) => d.actions.has(a)));
    const caveats = [
      ...new Set([
        ...conditional.map((g) => `the grant is allowed only under conditions on ${g.conditions.map((k) => `\`${k}\``).join(', ')}`),
        ...denies.map((d) => `${d.why} and may remove some of it`),
      ]),
    ];
    return [{ category: 'admin', what: all ? '`*` on `*`' : '`iam:*` on `*`', at: anchor.at, caveats }];
  }

  const groups = new Map<string, { category: PrivilegeCategory; what: string[]; at: Site; caveats: string[] }>();
  for (const combination of RISKY_COMBINATIONS) {
    const grants = combination.actions.map((a) => bestGrant(permissions, a));
    if (!grants.every((g): g is Grant => g !== undefined)) continue;
    const at = grants[0]!.at;
    const key = `${combination.category}\u0000${siteKey(at)}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { category: combination.category, what: [], at, caveats: [] }));
    group.what.push(combination.actions.map((a) => `\`${a}\``).join(' + '));
    group.caveats.push(...caveatsOf(permissions, grants));
  }
  return [...groups.values()]
    .map((g) => ({ category: g.category, what: `${shortList(g.what)} on every resource`, at: g.at, caveats: [...new Set(g.caveats)] }))
    .sort((a, b) => PRIVILEGE_CATEGORIES.indexOf(a.category) - PRIVILEGE_CATEGORIES.indexOf(b.category));
}

/** The findings an AWS managed policy brings, or undefined when the policy is not in the table (unknown). */
export function classifyManagedPolicy(name: string, at: Site): PrivilegeFinding[] | undefined {
  const known: AwsManagedPolicy | undefined = AWS_MANAGED_POLICIES[name];
  if (!known) return undefined;
  return PRIVILEGE_CATEGORIES.flatMap((category) => {
    const grant = known.risks[category];
    return grant ? [{ category, what: `the AWS managed policy \`${name}\` (${grant})`, at, caveats: [] }] : [];
  });
}

/** The caveats of a finding as a sentence to append to its message; empty when the finding is certain. */
export function caveatText(caveats: readonly string[]): string {
  return caveats.length ? ` Lower confidence: ${caveats.join('; ')}.` : '';
}
