import type { Suppression } from '../model/finding';

/** A `guardrails:ignore` directive found in a comment. */
export interface InlineDirective {
  /** Rule ids or guardrail ids it applies to. */
  ids: string[];
  reason?: string;
  /** YYYY-MM-DD */
  until?: string;
}

// `guardrails:ignore <id>[,<id>...] [until YYYY-MM-DD] -- <reason>` in any comment syntax: the directive ends
// at a comment closer (`*/`, `-->`, `#}`, `%}`) or the end of the line.
const DIRECTIVE =
  /guardrails:ignore\s+(?<ids>[A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)(?:\s+until[ =](?<until>\d{4}-\d{2}-\d{2}))?(?:\s+--\s*(?<reason>.*?))?\s*(?:\*\/|-->|#\}|%\}|$)/;

export function parseInlineDirective(line: string): InlineDirective | undefined {
  if (!line.includes('guardrails:ignore')) return undefined;
  const m = DIRECTIVE.exec(line);
  if (!m?.groups) return undefined;
  const directive: InlineDirective = { ids: (m.groups.ids ?? '').split(/\s*,\s*/) };
  const reason = m.groups.reason?.trim();
  if (reason) directive.reason = reason;
  if (m.groups.until) directive.until = m.groups.until;
  return directive;
}

export type InlineDecision =
  | { kind: 'none' }
  | { kind: 'suppressed'; suppression: Suppression }
  | { kind: 'invalid'; line: number; problem: string };

/**
 * Decides whether a finding at `line` is suppressed by a directive on the same or the previous line.
 * A directive without a reason, or past its date, does not suppress and is reported as a problem.
 */
export function inlineDecision(
  lineText: (line: number) => string,
  line: number,
  ruleId: string,
  guardrail: string,
  today: string,
): InlineDecision {
  for (const at of [line, line - 1]) {
    if (at < 1) continue;
    const directive = parseInlineDirective(lineText(at));
    if (!directive || !directive.ids.some((id) => id === ruleId || id === guardrail)) continue;
    if (!directive.reason) {
      return { kind: 'invalid', line: at, problem: `guardrails:ignore ${ruleId} needs a reason: write "guardrails:ignore ${ruleId} -- <why this is safe>"` };
    }
    if (directive.until && directive.until < today) {
      return { kind: 'invalid', line: at, problem: `guardrails:ignore ${ruleId} expired on ${directive.until}; fix the finding or renew the date` };
    }
    const suppression: Suppression = { kind: 'inline', reason: directive.reason };
    if (directive.until) suppression.expires = directive.until;
    return { kind: 'suppressed', suppression };
  }
  return { kind: 'none' };
}

/**
 * Decides suppression by looking at the given lines (for a resource: its whole block and the line above it),
 * accepting our directive and the anchors' (`checkov:skip=`, `trivy:ignore:`, `tfsec:ignore:`, `kics-scan`)
 * for any of `ids` (the rule id, its guardrail and its anchor ids).
 */
export function decisionIn(
  lineText: (line: number) => string,
  lines: readonly number[],
  ids: ReadonlySet<string>,
  today: string,
  parse: (line: string) => InlineDirective | undefined,
): InlineDecision {
  for (const at of lines) {
    if (at < 1) continue;
    const directive = parse(lineText(at));
    if (!directive || !directive.ids.some((id) => ids.has(id) || id === '*')) continue;
    const named = directive.ids.find((id) => ids.has(id)) ?? directive.ids[0] ?? '';
    if (!directive.reason) {
      return { kind: 'invalid', line: at, problem: `the suppression of ${named} needs a reason: add "-- <why this is safe>"` };
    }
    if (directive.until && directive.until < today) {
      return { kind: 'invalid', line: at, problem: `the suppression of ${named} expired on ${directive.until}; fix the finding or renew the date` };
    }
    const suppression: Suppression = { kind: 'inline', reason: directive.reason };
    if (directive.until) suppression.expires = directive.until;
    return { kind: 'suppressed', suppression };
  }
  return { kind: 'none' };
}
