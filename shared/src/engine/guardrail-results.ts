import type { Finding } from '../model/finding';
import type { GuardrailId } from '../model/guardrail-id';
import { GUARDRAIL_IDS } from '../model/guardrail-id';
import type { GuardrailResult } from '../model/report';

/**
 * Turns findings into a status per evaluated guardrail: `fail` with any open finding above `info`,
 * `unknown` when the scan could not decide (unreadable inputs, unresolved values), `not-applicable` when nothing it
 * judges exists, otherwise `pass`.
 */
export function guardrailResults(
  evaluated: readonly GuardrailId[],
  findings: readonly Finding[],
  incomplete: ReadonlyMap<GuardrailId, string> = new Map(),
  notApplicable: ReadonlyMap<GuardrailId, string> = new Map(),
): GuardrailResult[] {
  const open = new Map<GuardrailId, number>();
  for (const f of findings) {
    if (f.suppression || f.severity === 'info') continue;
    open.set(f.guardrail, (open.get(f.guardrail) ?? 0) + 1);
  }
  return GUARDRAIL_IDS.filter((id) => evaluated.includes(id)).map((id) => {
    const count = open.get(id) ?? 0;
    if (count > 0) return { id, status: 'fail', findings: count };
    const why = incomplete.get(id);
    if (why) return { id, status: 'unknown', findings: 0, reason: why };
    const none = notApplicable.get(id);
    if (none) return { id, status: 'not-applicable', findings: 0, reason: none };
    return { id, status: 'pass', findings: 0 };
  });
}

