import type { Finding } from '@pavedroad/guardrails-core';
import { fingerprint, LineIndex } from '@pavedroad/guardrails-core';

export const KEY_ID_RULE = 'aws-access-key-id';

/** The text of a scanned file (scan-root-relative path) as the scan read it; undefined when it cannot be had. */
export type SourceReader = (path: string) => Promise<string | undefined>;

// Long-lived user keys and temporary STS keys: the two `sts:GetAccessKeyInfo` answers for.
const KEY_ID = /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z2-7]{16}(?![A-Za-z0-9])/g;

/** A leaked AKIA/ASIA key id whose account the scanner could not decode offline (legacy `AKIAI…`/`AKIAJ…` ids). */
export const needsAccount = (f: Finding) => f.ruleId === KEY_ID_RULE && !f.properties?.awsAccount && /^A[KS]IA/.test(f.evidence) && f.location !== undefined && f.commit === undefined;

/**
 * The key ids of findings that need an account, read again from the files the scan read: findings carry only
 * redacted evidence. A candidate on the finding's lines counts only when it gives the finding's fingerprint, so
 * this is the very key the scanner saw. The ids stay in memory, for the one call that needs them.
 */
export async function leakedKeyIds(findings: readonly Finding[], read: SourceReader): Promise<Map<Finding, string>> {
  const ids = new Map<Finding, string>();
  const texts = new Map<string, Promise<LineIndex | undefined>>();
  for (const f of findings.filter(needsAccount)) {
    const loc = f.location!;
    let index = texts.get(loc.path);
    if (!index) {
      index = read(loc.path).then(
        (text) => (text === undefined ? undefined : new LineIndex(text)),
        () => undefined,
      );
      texts.set(loc.path, index);
    }
    const lines = await index;
    if (!lines) continue;
    for (let line = loc.startLine; line <= loc.endLine && !ids.has(f); line++) {
      for (const m of lines.line(line).matchAll(KEY_ID)) {
        if (fingerprint(f.ruleId, loc.path, m[0]) === f.fingerprint) {
          ids.set(f, m[0]);
          break;
        }
      }
    }
  }
  return ids;
}
