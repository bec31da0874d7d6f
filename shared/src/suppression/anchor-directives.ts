import type { InlineDirective } from './inline-suppression';
import { parseInlineDirective } from './inline-suppression';

// The inline skips of the tools users migrate from, read so that existing suppressions keep working; each is
// mapped to our rules through the rules' anchor ids. A reason is still required.
const CHECKOV = /checkov:skip=(?<ids>[A-Za-z0-9_,]+)(?::(?<reason>[^\n]*?))?\s*(?:\*\/|-->|$)/;
const TRIVY = /(?:trivy|tfsec):ignore:(?<id>[A-Za-z0-9_-]+)(?::exp:(?<until>\d{4}-\d{2}-\d{2}))?(?:\s+(?:--\s*)?(?<reason>[^\n]*?))?\s*(?:\*\/|-->|$)/;
const KICS = /kics-scan\s+(?:ignore-line|ignore-block)(?:\s+(?:--\s*)?(?<reason>[^\n]*?))?\s*(?:\*\/|-->|$)/;

/** The wildcard id that `kics-scan ignore-line|ignore-block` stands for: it names no check. */
export const ANY_RULE = '*';

/** Reads a `guardrails:ignore`, `checkov:skip=`, `trivy:ignore:`/`tfsec:ignore:` or `kics-scan ignore-*` directive. */
export function parseAnyDirective(line: string): InlineDirective | undefined {
  const own = parseInlineDirective(line);
  if (own) return own;
  const clean = (r: string | undefined) => r?.trim().replace(/^--\s*/, '') || undefined;
  let m = CHECKOV.exec(line);
  if (m?.groups) {
    const d: InlineDirective = { ids: (m.groups.ids ?? '').split(',') };
    const reason = clean(m.groups.reason);
    if (reason) d.reason = reason;
    return d;
  }
  m = TRIVY.exec(line);
  if (m?.groups) {
    const d: InlineDirective = { ids: [m.groups.id ?? ''] };
    const reason = clean(m.groups.reason);
    if (reason) d.reason = reason;
    if (m.groups.until) d.until = m.groups.until;
    return d;
  }
  m = KICS.exec(line);
  if (m?.groups) {
    const d: InlineDirective = { ids: [ANY_RULE] };
    const reason = clean(m.groups.reason);
    if (reason) d.reason = reason;
    return d;
  }
  return undefined;
}
