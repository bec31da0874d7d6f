import { parse } from 'yaml';
import { z } from 'zod';
import { GuardrailsError } from '../errors';
import type { Finding } from '../model/finding';

/**
 * A baseline: fingerprints of known findings to ignore, keyed by content, never by line (lines rot:
 * gitleaks#2239, detect-secrets#394). Holds no secret material.
 */
export const baselineSchema = z.object({
  version: z.literal(1),
  findings: z.array(
    z.object({
      fingerprint: z.string().min(8),
      ruleId: z.string(),
      path: z.string().optional(),
      reason: z.string().optional(),
    }),
  ),
});
export type Baseline = z.infer<typeof baselineSchema>;

export function parseBaseline(text: string, file: string): Baseline {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new GuardrailsError('BASELINE_INVALID', `${file}: not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = baselineSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || '(top level)';
    throw new GuardrailsError('BASELINE_INVALID', `${file}: ${field}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** A baseline of the given findings, sorted so that the file diffs cleanly. */
export function createBaseline(findings: readonly Finding[]): Baseline {
  const entries = new Map<string, Baseline['findings'][number]>();
  for (const f of findings) {
    if (f.suppression && f.suppression.kind !== 'baseline') continue;
    const entry: Baseline['findings'][number] = { fingerprint: f.fingerprint, ruleId: f.ruleId };
    if (f.location) entry.path = f.location.path;
    entries.set(f.fingerprint, entry);
  }
  return {
    version: 1,
    findings: [...entries.values()].sort((a, b) => (a.path ?? '').localeCompare(b.path ?? '') || a.fingerprint.localeCompare(b.fingerprint)),
  };
}

/** Marks findings whose fingerprint is in the baseline as suppressed. */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline, file: string): Finding[] {
  const known = new Map(baseline.findings.map((e) => [e.fingerprint, e]));
  return findings.map((f) => {
    const entry = known.get(f.fingerprint);
    if (!entry || f.suppression) return f;
    return { ...f, suppression: { kind: 'baseline', reason: entry.reason ?? `accepted in baseline ${file}` } };
  });
}
