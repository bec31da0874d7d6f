import type { GuardrailId, GuardrailResult, Report } from '@pavedroad/guardrails-core';
import { guardrailResults } from '@pavedroad/guardrails-core';

/**
 * The guardrail results again after findings were dropped, on the same terms as the scan: a guardrail left without
 * findings is `unknown` when the scan could not decide something else about it (`undecided`, from the scan), else
 * what it was before it failed (`not-applicable` reasons are kept), else `pass`.
 */
export function regradeGuardrails(report: Report, undecided: ReadonlyMap<GuardrailId, string> = new Map()): GuardrailResult[] {
  const incomplete = new Map(undecided);
  const notApplicable = new Map<GuardrailId, string>();
  for (const g of report.guardrails) {
    if (g.status === 'unknown' && g.reason) incomplete.set(g.id, g.reason);
    if (g.status === 'not-applicable' && g.reason) notApplicable.set(g.id, g.reason);
  }
  return guardrailResults(
    report.guardrails.map((g) => g.id),
    report.findings,
    incomplete,
    notApplicable,
  );
}
