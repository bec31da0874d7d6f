import type { Severity } from '@pavedroad/guardrails-core/model';

/** Days from first seen to due, per severity. `undefined` means no due date. */
export type SlaPolicy = Readonly<Record<Severity, number | undefined>>;

/** Defaults in line with common vulnerability-management SLAs (critical a week, high a month). */
export const DEFAULT_SLA: SlaPolicy = { critical: 7, high: 30, medium: 90, low: 180, info: undefined };

const DAY_MS = 86_400_000;

/** The due date of a finding of `severity` first seen at `firstSeenAt` (epoch ms). */
export function dueAt(policy: SlaPolicy, severity: Severity, firstSeenAt: number): number | undefined {
  const days = policy[severity];
  return days === undefined ? undefined : firstSeenAt + days * DAY_MS;
}
