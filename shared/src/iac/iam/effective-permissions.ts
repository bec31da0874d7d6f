import type { Site } from '../model/attr';
import type { PolicyDocument, PolicyStatement } from '../model/policy-document';
import type { ActionCatalog } from './action-catalog';
import { statementActions, wildcardPattern } from './action-matcher';

/** One identity policy of a principal, with a label for messages (`aws_iam_policy.deploy`). */
export interface PolicySource {
  label: string;
  document: PolicyDocument;
}

/** One statement allowing one action. */
export interface Grant {
  action: string;
  /** True when the statement covers every resource of the action: `*`, an ARN that wildcards the whole resource part, or `NotResource`. */
  broad: boolean;
  /** Condition keys that may narrow the grant; empty when the grant is unconditional. */
  conditions: readonly string[];
  at: Site;
  source: string;
}

/** A Deny that was not subtracted, and why; grants of its actions are less certain. */
export interface UnsubtractedDeny {
  actions: ReadonlySet<string>;
  why: string;
  at: Site;
}

export interface EffectivePermissions {
  /** Allowed catalog actions with every statement that allows them, after unconditional Deny on `*`. */
  grants: ReadonlyMap<string, readonly Grant[]>;
  unsubtracted: readonly UnsubtractedDeny[];
  /** Statements with parts that could not be read (unresolved values): what they allow is unknown. */
  partial: readonly { at: Site; source: string }[];
}

// Condition keys that do not change who can use a grant or on what: transport, region and time limits.
// Any other key makes a grant conditional (reported with lower confidence, never silently passed).
const NOT_LIMITING = new Set(['aws:securetransport', 'aws:requestedregion', 'aws:currenttime', 'aws:epochtime']);

// The ARN services an action's resources belong to, where they differ from the action's prefix:
// Session Manager and EC2 Instance Connect act on EC2 instance ARNs (Service Authorization Reference).
const RESOURCE_SERVICES: Readonly<Record<string, readonly string[]>> = {
  ssm: ['ssm', 'ec2'],
  'ec2-instance-connect': ['ec2'],
  'ssm-guiconnect': ['ssm-guiconnect', 'ssm', 'ec2'],
  sts: ['sts', 'iam'],
};

/** The condition keys of a statement that may narrow it. */
export function limitingConditionKeys(statement: PolicyStatement): string[] {
  const keys = Object.values(statement.conditions).flatMap((byKey) => Object.keys(byKey));
  return [...new Set(keys.filter((k) => !NOT_LIMITING.has(k.toLowerCase())))];
}

/** Whether a `Resource` entry covers every resource an action can act on. */
export function coversAllResources(resource: string, action: string): boolean {
  if (resource === '*') return true;
  const parts = resource.split(':');
  if (parts.length < 6 || parts[0]?.toLowerCase() !== 'arn') return false;
  const arnService = parts[2] ?? '';
  const actionService = action.slice(0, action.indexOf(':')).toLowerCase();
  const owners = RESOURCE_SERVICES[actionService] ?? [actionService];
  if (!owners.some((s) => wildcardPattern(arnService).test(s))) return false;
  const rest = parts.slice(5).join(':');
  // Bucket ARNs have no type prefix: `arn:aws:s3:::receipts/*` is one bucket's objects.
  if (arnService.toLowerCase() === 's3' && !parts[3] && !parts[4]) return /^\*(?:\/\*)?$/.test(rest);
  // `*`, `*/*`, `role/*`, `secret:*`, `parameter/*`: the whole resource part is a wildcard.
  return /^(?:\*|\*\/\*|[A-Za-z0-9-]+[/:]\*)$/.test(rest);
}

function isBroad(statement: PolicyStatement, action: string): boolean {
  // NotResource names what is excluded; everything else is allowed, so it counts as broad.
  if (statement.notResources.length) return true;
  return statement.resources.some((r) => coversAllResources(r, action));
}

/**
 * What a principal's identity policies allow, taken together (a principal-centric view: PassRole in one policy
 * and RunInstances in another still combine). Denies subtract only when they are unconditional and on `*`;
 * other Denies are kept with the reason they were not subtracted.
 */
export function effectivePermissions(policies: readonly PolicySource[], catalog: ActionCatalog): EffectivePermissions {
  const grants = new Map<string, Grant[]>();
  const unsubtracted: UnsubtractedDeny[] = [];
  const partial: { at: Site; source: string }[] = [];
  const denied = new Set<string>();

  for (const { label, document } of policies) {
    for (const statement of document.statements) {
      if (statement.partial) partial.push({ at: statement.at, source: label });
      if (statement.effect === 'unknown') continue;
      const actions = statementActions(statement, catalog);
      if (statement.effect === 'Deny') {
        // A Deny limited to transport, region or time leaves the grant in place in the normal case: no caveat.
        if (!statement.partial && Object.keys(statement.conditions).length && !limitingConditionKeys(statement).length) continue;
        const why = denyNotSubtracted(statement);
        if (why) unsubtracted.push({ actions, why: `${why} (${label})`, at: statement.at });
        else for (const a of actions) denied.add(a);
        continue;
      }
      const conditions = limitingConditionKeys(statement);
      for (const action of actions) {
        let list = grants.get(action);
        if (!list) grants.set(action, (list = []));
        list.push({ action, broad: isBroad(statement, action), conditions, at: statement.at, source: label });
      }
    }
  }
  for (const action of denied) grants.delete(action);
  return { grants, unsubtracted, partial };
}

/** Why a Deny statement is not subtracted, or undefined when it is (unconditional, on `*`, fully known). */
function denyNotSubtracted(statement: PolicyStatement): string | undefined {
  if (statement.partial) return 'a Deny is only partly known';
  if (Object.keys(statement.conditions).length) return 'a Deny applies only under conditions';
  if (statement.notResources.length) return 'a Deny uses NotResource';
  if (!statement.resources.includes('*')) return 'a Deny names specific resources';
  return undefined;
}
