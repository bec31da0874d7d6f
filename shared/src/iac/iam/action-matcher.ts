import type { PolicyStatement } from '../model/policy-document';
import type { ActionCatalog } from './action-catalog';

const cache = new Map<string, RegExp>();

/**
 * An IAM wildcard pattern as a regular expression: `*` matches any run of characters, `?` exactly one, and
 * case is ignored (action names are case-insensitive in IAM policies; IAM User Guide, "IAM JSON policy
 * elements: Action").
 */
export function wildcardPattern(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, 'is');
    cache.set(pattern, re);
  }
  return re;
}

/** Whether an `Action` pattern (`iam:Pass*`, `*`) names an action. */
export function matchesAction(pattern: string, action: string): boolean {
  return wildcardPattern(pattern).test(action);
}

/** The catalog actions that a list of `Action` patterns names; patterns of services outside the catalog name none. */
export function expandActions(patterns: readonly string[], catalog: ActionCatalog): Set<string> {
  const out = new Set<string>();
  for (const pattern of patterns) {
    const colon = pattern.indexOf(':');
    const service = colon < 0 ? pattern : pattern.slice(0, colon);
    // A literal service prefix only needs that service's actions; `*` and `s3*:...` scan them all.
    const candidates = /[*?]/.test(service) || colon < 0 ? catalog.actions : catalog.actionsOf(service);
    const re = wildcardPattern(pattern);
    for (const action of candidates) if (re.test(action)) out.add(action);
  }
  return out;
}

/**
 * The catalog actions a statement covers: its `Action` patterns, or with `NotAction` every catalog action
 * not listed (an Allow with `NotAction` allows everything else, IAM User Guide "NotAction").
 */
export function statementActions(statement: Pick<PolicyStatement, 'actions' | 'notActions'>, catalog: ActionCatalog): Set<string> {
  const named = expandActions(statement.actions, catalog);
  if (!statement.notActions.length) return named;
  const excluded = expandActions(statement.notActions, catalog);
  for (const action of catalog.actions) if (!excluded.has(action)) named.add(action);
  return named;
}

/** Whether a statement covers one action, without the catalog (for actions such as `sts:AssumeRole`). */
export function coversAction(statement: Pick<PolicyStatement, 'actions' | 'notActions'>, action: string): boolean {
  if (statement.actions.some((p) => matchesAction(p, action))) return true;
  return statement.notActions.length > 0 && !statement.notActions.some((p) => matchesAction(p, action));
}
