import { agingBuckets, carriedForward, lastDays, meanTimeToRemediate, slaCounts } from './rollups';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-28T12:00:00.000Z');

describe('team roll-ups', () => {
  const timings = [
    { status: 'open' as const, severity: 'critical' as const, firstSeenAt: NOW - 2 * DAY, dueAt: NOW + 5 * DAY },
    { status: 'open' as const, severity: 'high' as const, firstSeenAt: NOW - 40 * DAY, dueAt: NOW - 10 * DAY },
    { status: 'reopened' as const, severity: 'low' as const, firstSeenAt: NOW - 200 * DAY, dueAt: NOW + 60 * DAY },
    { status: 'fixed' as const, severity: 'high' as const, firstSeenAt: NOW - 10 * DAY, fixedAt: NOW - 4 * DAY },
    { status: 'fixed' as const, severity: 'low' as const, firstSeenAt: NOW - 20 * DAY, fixedAt: NOW - 2 * DAY },
    { status: 'suppressed' as const, severity: 'high' as const, firstSeenAt: NOW - 20 * DAY, dueAt: NOW - 1 * DAY },
  ];

  it('buckets open findings by age and leaves fixed and triaged ones out', () => {
    expect(agingBuckets(timings, NOW)).toEqual([
      { bucket: '0-7', count: 1 },
      { bucket: '8-30', count: 0 },
      { bucket: '31-90', count: 1 },
      { bucket: '91-180', count: 0 },
      { bucket: '180+', count: 1 },
    ]);
  });

  it('counts open findings on track, due within a week, and overdue', () => {
    expect(slaCounts(timings, NOW)).toEqual({ onTrack: 1, dueSoon: 1, overdue: 1 });
  });

  it('averages the days from first seen to fixed', () => {
    expect(meanTimeToRemediate(timings, NOW - 90 * DAY)).toBe(12);
    expect(meanTimeToRemediate(timings, NOW)).toBeNull();
  });

  it('carries each service\'s last snapshot forward over days without one', () => {
    const days = lastDays(NOW, 4);
    expect(days).toEqual(['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28']);
    const snap = (entityRef: string, day: string, open: number) => ({ entityRef, day, score: 50, grade: 'F' as const, level: 'none' as const, openFindings: open, overdueFindings: 0, statuses: {} });
    const carried = carriedForward([snap('a', '2026-11-20', 5), snap('a', '2026-11-27', 2), snap('b', '2026-11-26', 1)], days);
    expect(days.map((d) => (carried.get(d) ?? []).reduce((n, s) => n + s.openFindings, 0))).toEqual([5, 6, 3, 3]);
  });
});
