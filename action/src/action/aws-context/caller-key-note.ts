import type { Finding } from '@pavedroad/guardrails-core';
import type { CallerKey } from './caller-key';
import { ageThreshold, daysAgo, daysBetween } from './key-age';

/** The workflow rule whose findings point at the line that configures a stored AWS key. */
export const STATIC_KEYS_RULE = 'ci-aws-static-keys';

export interface CallerKeyFacts {
  /** One sentence for a finding's message, the summary or a notice. */
  sentence: string;
  keyAgeDays: number;
  lastUsedDaysAgo?: number;
}

export function callerKeyFacts(key: CallerKey, now: Date): CallerKeyFacts {
  const keyAgeDays = daysBetween(key.created, now);
  const threshold = ageThreshold(keyAgeDays);
  const lastUsedDaysAgo = key.lastUsed ? daysBetween(key.lastUsed, now) : undefined;
  const use = lastUsedDaysAgo === undefined ? 'IAM has no record of its use' : `IAM last recorded its use ${daysAgo(lastUsedDaysAgo)}`;
  const sentence =
    `AWS context: this run signed in as ${key.principal} of account ${key.account} with a long-lived access key created ` +
    `${daysAgo(keyAgeDays)} (${key.created.toISOString().slice(0, 10)})${threshold ? `, older than ${threshold}` : ''}; ${use}.`;
  return { sentence, keyAgeDays, ...(lastUsedDaysAgo === undefined ? {} : { lastUsedDaysAgo }) };
}

/**
 * Adds the key's age to the `ci-aws-static-keys` findings `configuresJob` picks (those in the running workflow):
 * a sentence in the message and `keyAgeDays` / `lastUsedDaysAgo` properties. Temporary keys handed on with a
 * session token (`sessionKeys`) are not this key. Severity stays: a scan must not rate a change differently
 * because the job that scanned it had AWS credentials.
 */
export function enrichStaticKeyFindings(findings: readonly Finding[], facts: CallerKeyFacts, configuresJob: (f: Finding) => boolean): { findings: Finding[]; enriched: number } {
  let enriched = 0;
  const out = findings.map((f) => {
    if (f.ruleId !== STATIC_KEYS_RULE || f.properties?.messageId === 'sessionKeys' || !configuresJob(f)) return f;
    enriched++;
    const properties = { ...f.properties, keyAgeDays: facts.keyAgeDays, ...(facts.lastUsedDaysAgo === undefined ? {} : { lastUsedDaysAgo: facts.lastUsedDaysAgo }) };
    return { ...f, message: `${f.message} ${facts.sentence}`, properties };
  });
  return { findings: out, enriched };
}
