const DAY_MS = 86_400_000;

/**
 * Access key age thresholds of the `no-long-lived-cloud-keys` guardrail (GUARDRAILS.md): 90 days (Security Hub
 * IAM.3, `access-keys-rotated`), and Datadog's 1 / 3 / 5 year buckets. Oldest first.
 */
export const KEY_AGE_THRESHOLDS: readonly { days: number; label: string }[] = [
  { days: 5 * 365, label: '5 years' },
  { days: 3 * 365, label: '3 years' },
  { days: 365, label: '1 year' },
  { days: 90, label: '90 days' },
];

/** Whole days from `then` to `now`, never negative. */
export const daysBetween = (then: Date, now: Date) => Math.max(0, Math.floor((now.getTime() - then.getTime()) / DAY_MS));

/** The largest threshold a key of this age has passed, e.g. `1 year`; undefined under 90 days. */
export const ageThreshold = (days: number) => KEY_AGE_THRESHOLDS.find((t) => days > t.days)?.label;

/** `today`, `yesterday`, `12 days ago`. */
export function daysAgo(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}
