import { DateTime } from 'luxon';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** Bytes in IEC units, e.g. "1.4 PiB". */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '—';
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value >= 100 || unit === 0 ? 0 : 1)} ${UNITS[unit]}`;
}

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
