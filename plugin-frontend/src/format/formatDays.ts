/** `today`, `1 day`, `12 days`. */
export function formatDays(days: number): string {
  if (days <= 0) return 'today';
  return days === 1 ? '1 day' : `${days} days`;
}
