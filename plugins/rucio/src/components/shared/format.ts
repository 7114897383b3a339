import { DateTime } from 'luxon';

/** "3 minutes ago", or "—" without a date. */
export function relativeTime(iso: string | undefined): string {
  if (!iso) return '—';
  return DateTime.fromISO(iso).toRelative() ?? iso;
}

/** "2026-11-30 01:02 UTC". */
export function absoluteTime(iso: string | undefined): string {
  if (!iso) return '—';
  return DateTime.fromISO(iso).toUTC().toFormat("yyyy-LL-dd HH:mm 'UTC'");
}
