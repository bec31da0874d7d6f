import { compareSeverity } from '@pavedroad/guardrails-core/model';
import type { FindingView } from '@pavedroad/guardrails-core/model';

/** Most urgent first: overdue, then most severe, then due soonest, then oldest. Returns a new array. */
export function rankFindings(findings: readonly FindingView[]): FindingView[] {
  return [...findings].sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      compareSeverity(b.severity, a.severity) ||
      (a.dueAt ?? '\uffff').localeCompare(b.dueAt ?? '\uffff') ||
      b.ageDays - a.ageDays,
  );
}
