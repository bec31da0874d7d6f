import type { Attr } from '../model/attr';
import { absent, set, unknown } from '../model/attr';
import type { PolicyDocument, PolicyStatement } from '../model/policy-document';
import type { PropertyReader } from './cfn-attributes';
import type { Resolved } from './cfn-evaluate';
import type { Span } from './cfn-node';
import { siteOf } from './cfn-node';

/** Strings of a statement element, and whether some could not be resolved. */
interface Strings {
  values: string[];
  partial: boolean;
}

/**
 * One string of a policy. A value made of known text and references to resources or pseudo parameters keeps its
 * shape with placeholders (`arn:aws:s3:::${Bucket}/*`): it names a definite thing that is never a wildcard. A value
 * that could be anything (parameter without default, undecidable condition) is dropped and marks the statement
 * partial.
 */
function stringOf(value: Resolved): string | undefined {
  if (value.kind === 'value' && value.value !== null) return String(value.value);
  if (value.kind === 'unknown') return value.text;
  return undefined;
}

function stringsOf(value: Resolved | undefined): Strings {
  if (value === undefined || value.kind === 'novalue') return { values: [], partial: false };
  const items = value.kind === 'list' ? value.items : [value];
  const result: Strings = { values: [], partial: false };
  for (const item of items) {
    const text = stringOf(item);
    if (text === undefined) result.partial = true;
    else result.values.push(text);
  }
  return result;
}

function entry(map: Resolved, key: string): Resolved | undefined {
  return map.kind === 'map' ? map.entries.find((e) => e.key === key)?.value : undefined;
}

/** `"*"` or `{ AWS: [...], Service: ..., Federated: ..., CanonicalUser: ... }`. */
function principalsOf(value: Resolved | undefined): { principals?: Record<string, string[]>; partial: boolean } {
  if (value === undefined || value.kind === 'novalue') return { partial: false };
  if (value.kind === 'value' && value.value === '*') return { principals: { '*': ['*'] }, partial: false };
  if (value.kind !== 'map') return { partial: true };
  const principals: Record<string, string[]> = {};
  let partial = false;
  for (const e of value.entries) {
    const strings = stringsOf(e.value);
    // `arn:${AWS::Partition}:iam::123456789012:root` names the same account in every partition: read it as `aws`.
    principals[e.key] = strings.values.map((v) => v.replace(/^arn:\$\{AWS::Partition\}:/, 'arn:aws:'));
    partial ||= strings.partial;
  }
  return { principals, partial };
}

function conditionsOf(value: Resolved | undefined): { conditions: PolicyStatement['conditions']; partial: boolean } {
  const conditions: PolicyStatement['conditions'] = {};
  if (value === undefined || value.kind === 'novalue') return { conditions, partial: false };
  if (value.kind !== 'map') return { conditions, partial: true };
  let partial = false;
  for (const operator of value.entries) {
    if (operator.value.kind !== 'map') {
      partial = true;
      continue;
    }
    const keys: Record<string, string[]> = {};
    for (const key of operator.value.entries) {
      const strings = stringsOf(key.value);
      keys[key.key] = strings.values;
      partial ||= strings.partial;
    }
    conditions[operator.key] = keys;
  }
  return { conditions, partial };
}

function statementOf(path: string, value: Resolved): PolicyStatement {
  const at = siteOf(path, value.span);
  if (value.kind !== 'map') {
    return { effect: 'unknown', actions: [], notActions: [], resources: [], notResources: [], conditions: {}, partial: true, at };
  }
  const effectValue = entry(value, 'Effect');
  const effectText = effectValue ? stringOf(effectValue) : undefined;
  const effect = effectText === 'Allow' || effectText === 'Deny' ? effectText : 'unknown';
  const actions = stringsOf(entry(value, 'Action'));
  const notActions = stringsOf(entry(value, 'NotAction'));
  const resources = stringsOf(entry(value, 'Resource'));
  const notResources = stringsOf(entry(value, 'NotResource'));
  const principal = principalsOf(entry(value, 'Principal'));
  const notPrincipal = principalsOf(entry(value, 'NotPrincipal'));
  const conditions = conditionsOf(entry(value, 'Condition'));
  const statement: PolicyStatement = {
    effect,
    actions: actions.values,
    notActions: notActions.values,
    resources: resources.values,
    notResources: notResources.values,
    conditions: conditions.conditions,
    partial:
      effect === 'unknown' ||
      actions.partial ||
      notActions.partial ||
      resources.partial ||
      notResources.partial ||
      principal.partial ||
      notPrincipal.partial ||
      conditions.partial,
    at,
  };
  const sid = entry(value, 'Sid');
  if (sid?.kind === 'value' && typeof sid.value === 'string') statement.sid = sid.value;
  if (principal.principals) statement.principals = principal.principals;
  if (notPrincipal.principals) statement.notPrincipals = notPrincipal.principals;
  return statement;
}

/** JSON policy text (some templates write the document as a string) as a resolved tree at the string's span. */
function fromJson(json: unknown, span: Span): Resolved {
  if (Array.isArray(json)) return { kind: 'list', items: json.map((item) => fromJson(item, span)), span };
  if (json !== null && typeof json === 'object') {
    const entries = Object.entries(json as Record<string, unknown>).map(([key, v]) => ({ key, keySpan: span, value: fromJson(v, span) }));
    return { kind: 'map', entries, span };
  }
  if (json === null || typeof json === 'string' || typeof json === 'number' || typeof json === 'boolean') {
    return { kind: 'value', value: json, span };
  }
  return { kind: 'value', value: null, span };
}

/** An IAM policy document (`PolicyDocument` of a bucket policy, a role, a policy) in the model's normal form. */
export function policyDocumentOf(path: string, value: Resolved): Attr<PolicyDocument> {
  const at = siteOf(path, value.span);
  if (value.kind === 'unknown') return unknown(at, value.reason);
  let document: Resolved = value;
  if (value.kind === 'value' && typeof value.value === 'string') {
    let json: unknown;
    try {
      json = JSON.parse(value.value);
    } catch {
      return unknown(at, 'the policy document is not valid JSON');
    }
    document = fromJson(json, value.span);
  }
  if (document.kind !== 'map') return unknown(at, 'the policy document is not a map');
  const statement = entry(document, 'Statement');
  if (statement?.kind === 'unknown') return unknown(at, statement.reason);
  const items = statement === undefined || statement.kind === 'novalue' ? [] : statement.kind === 'list' ? statement.items : [statement];
  return set({ statements: items.map((item) => statementOf(path, item)), at }, at);
}

/** A policy document property (`PolicyDocument`, `Content`): absent, at the resource, when not written. */
export function policyProperty(reader: PropertyReader, ...keys: string[]): Attr<PolicyDocument> {
  const value = reader.get(...keys);
  return value === undefined ? absent(reader.site) : policyDocumentOf(reader.path, value);
}
