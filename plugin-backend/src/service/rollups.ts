import type { AgingBucket, PavedRoadLevel, SlaCounts } from '@pavedroad/guardrails-core/model';
import { ACTIVE_FINDING_STATUSES, AGING_BUCKETS } from '@pavedroad/guardrails-core/model';
import type { FindingTiming, SnapshotRecord } from '../store/guardrails-store';
import { DAY_MS, daysBetween, utcDay } from './time';

const DUE_SOON_MS = 7 * DAY_MS;
const isActive = (t: FindingTiming) => ACTIVE_FINDING_STATUSES.includes(t.status);

function bucketOf(ageDays: number): AgingBucket {
  if (ageDays <= 7) return '0-7';
  if (ageDays <= 30) return '8-30';
  if (ageDays <= 90) return '31-90';
  if (ageDays <= 180) return '91-180';
  return '180+';
}

/** Open findings by age since first seen. */
export function agingBuckets(timings: readonly FindingTiming[], now: number): { bucket: AgingBucket; count: number }[] {
  const counts = new Map<AgingBucket, number>(AGING_BUCKETS.map((b) => [b, 0]));
  for (const t of timings) if (isActive(t)) counts.set(bucketOf(daysBetween(t.firstSeenAt, now)), (counts.get(bucketOf(daysBetween(t.firstSeenAt, now))) ?? 0) + 1);
  return AGING_BUCKETS.map((bucket) => ({ bucket, count: counts.get(bucket) ?? 0 }));
}

/** Open findings against their due dates. */
export function slaCounts(timings: readonly FindingTiming[], now: number): SlaCounts {
  const out: SlaCounts = { onTrack: 0, dueSoon: 0, overdue: 0 };
  for (const t of timings) {
    if (!isActive(t)) continue;
    if (t.dueAt !== undefined && t.dueAt < now) out.overdue++;
    else if (t.dueAt !== undefined && t.dueAt - now <= DUE_SOON_MS) out.dueSoon++;
    else out.onTrack++;
  }
  return out;
}

/** Mean days from first seen to fixed, over findings fixed since `since`; null when none was. */
export function meanTimeToRemediate(timings: readonly FindingTiming[], since: number): number | null {
  const fixed = timings.filter((t) => t.status === 'fixed' && t.fixedAt !== undefined && t.fixedAt >= since);
  if (fixed.length === 0) return null;
  const total = fixed.reduce((sum, t) => sum + ((t.fixedAt ?? t.firstSeenAt) - t.firstSeenAt), 0);
  return Math.round((total / fixed.length / DAY_MS) * 10) / 10;
}

export function fixedSince(timings: readonly FindingTiming[], since: number): number {
  return timings.filter((t) => t.status === 'fixed' && t.fixedAt !== undefined && t.fixedAt >= since).length;
}

/** The UTC days from `days - 1` days ago to today, oldest first. */
export function lastDays(now: number, days: number): string[] {
  const out: string[] = [];
  for (let i = days - 1; i >= 0; i--) out.push(utcDay(now - i * DAY_MS));
  return out;
}

/**
 * For each day, every entity's latest snapshot on or before that day. Snapshots are written when posture
 * changes and once a day, so a day without one carries the last known state forward.
 */
export function carriedForward(snapshots: readonly SnapshotRecord[], days: readonly string[]): Map<string, SnapshotRecord[]> {
  const byEntity = new Map<string, SnapshotRecord[]>();
  for (const s of snapshots) byEntity.set(s.entityRef, [...(byEntity.get(s.entityRef) ?? []), s]);
  for (const list of byEntity.values()) list.sort((a, b) => a.day.localeCompare(b.day));
  const out = new Map<string, SnapshotRecord[]>(days.map((d) => [d, []]));
  for (const list of byEntity.values()) {
    let i = 0;
    let last: SnapshotRecord | undefined;
    for (const day of days) {
      while (i < list.length && (list[i]?.day ?? '') <= day) last = list[i++];
      if (last) out.get(day)?.push(last);
    }
  }
  return out;
}

export function emptyLevels(): Record<PavedRoadLevel, number> {
  return { none: 0, bronze: 0, silver: 0, gold: 0 };
}
