import type { Site } from './attr';
import type { PolicyDocument, PolicyStatement } from './policy-document';

/**
 * Reads an IAM policy from a parsed JSON-like value (Terraform `jsonencode`, a heredoc, CloudFormation).
 * `isUnknown` tells which parts could not be resolved; a statement with unknown parts is `partial`, so checks
 * can say "unknown" instead of guessing. Strings of JSON are parsed.
 */
export function policyFromValue(value: unknown, at: Site, isUnknown: (v: unknown) => boolean): PolicyDocument | undefined {
  let doc = value;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc) as unknown;
    } catch {
      return undefined;
    }
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return undefined;
  const raw = (doc as Record<string, unknown>).Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const statements: PolicyStatement[] = [];
  for (const s of list) {
    if (typeof s !== 'object' || s === null || Array.isArray(s)) {
      statements.push(emptyStatement(at, true));
      continue;
    }
    statements.push(readStatement(s as Record<string, unknown>, at, isUnknown));
  }
  return { statements, at };
}

function emptyStatement(at: Site, partial: boolean): PolicyStatement {
  return { effect: 'unknown', actions: [], notActions: [], resources: [], notResources: [], conditions: {}, partial, at };
}

function readStatement(s: Record<string, unknown>, at: Site, isUnknown: (v: unknown) => boolean): PolicyStatement {
  let partial = false;
  const strings = (v: unknown): string[] => {
    if (v === undefined) return [];
    const items = Array.isArray(v) ? v : [v];
    const out: string[] = [];
    for (const item of items) {
      if (typeof item === 'string') out.push(item);
      else partial = true;
    }
    return out;
  };
  const principals = (v: unknown): Record<string, string[]> | undefined => {
    if (v === undefined) return undefined;
    if (v === '*') return { '*': ['*'] };
    if (typeof v !== 'object' || v === null || isUnknown(v)) {
      partial = true;
      return {};
    }
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, strings(x)]));
  };
  const conditions: PolicyStatement['conditions'] = {};
  const cond = s.Condition;
  if (cond !== undefined) {
    if (typeof cond !== 'object' || cond === null || isUnknown(cond)) partial = true;
    else {
      for (const [op, keys] of Object.entries(cond as Record<string, unknown>)) {
        if (typeof keys !== 'object' || keys === null || isUnknown(keys)) {
          partial = true;
          continue;
        }
        conditions[op] = Object.fromEntries(Object.entries(keys as Record<string, unknown>).map(([k, x]) => [k, strings(x)]));
      }
    }
  }
  const effect = s.Effect === 'Allow' || s.Effect === 'Deny' ? s.Effect : 'unknown';
  if (effect === 'unknown') partial = true;
  const statement: PolicyStatement = {
    effect,
    actions: strings(s.Action),
    notActions: strings(s.NotAction),
    resources: strings(s.Resource),
    notResources: strings(s.NotResource),
    conditions,
    partial: false,
    at,
  };
  const p = principals(s.Principal);
  if (p) statement.principals = p;
  const np = principals(s.NotPrincipal);
  if (np) statement.notPrincipals = np;
  if (typeof s.Sid === 'string') statement.sid = s.Sid;
  statement.partial = partial;
  return statement;
}
