import { CronTime } from 'cron';

/** One entry of an AppProject's `spec.syncWindows` (Argo CD types.go). */
export interface SyncWindow {
  kind?: 'allow' | 'deny';
  schedule?: string;
  duration?: string;
  applications?: string[];
  namespaces?: string[];
  clusters?: string[];
  manualSync?: boolean;
  timeZone?: string;
}

interface AppTarget {
  metadata: { name: string };
  spec?: {
    destination?: { name?: string; server?: string; namespace?: string };
  };
}

/** Argo CD matches window fields as globs. */
function globMatch(pattern: string, value: string | undefined) {
  if (value === undefined) return false;
  const re = pattern
    .split('*')
    .map(part => part.replace(/[.+^${}()|[\]\\?]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${re}$`).test(value);
}

/** A Go duration such as 1h, 30m or 1h30m, in ms. */
function durationMs(value: string | undefined): number | undefined {
  const match = value?.match(/^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/);
  if (!value || !match || !match[0]) return undefined;
  const [, h = '0', m = '0', s = '0'] = match;
  return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000;
}

/** Within [last start, last start + duration) of the window's schedule. */
function isActive(window: SyncWindow, now: Date): boolean {
  const length = durationMs(window.duration);
  if (!window.schedule || length === undefined) return false;
  const zone = window.timeZone ?? 'UTC';
  const cron = new CronTime(window.schedule, zone);
  const next = cron.getNextDateFrom(new Date(now.getTime() - length), zone);
  return next.toMillis() <= now.getTime();
}

/** The windows that apply to an Application (SyncWindows.Matches). */
function matching(windows: SyncWindow[], app: AppTarget) {
  const destination = app.spec?.destination ?? {};
  return windows.filter(
    w =>
      (w.applications ?? []).some(a => globMatch(a, app.metadata.name)) ||
      (w.clusters ?? []).some(
        c => globMatch(c, destination.name) || globMatch(c, destination.server),
      ) ||
      (w.namespaces ?? []).some(n => globMatch(n, destination.namespace)),
  );
}

const describe = (w: SyncWindow) =>
  `${w.kind} ${w.schedule} for ${w.duration}${
    w.timeZone ? ` (${w.timeZone})` : ''
  }`;

/**
 * Why the AppProject's sync windows refuse a manual sync of the Application
 * now, or undefined when they allow it: Argo CD's SyncWindows.CanSync with
 * isManual (an active deny window blocks unless all allow manual syncs; with
 * allow windows, one must be active or allow manual syncs).
 */
export function blockingSyncWindow(
  windows: SyncWindow[],
  app: AppTarget,
  now: Date,
): string | undefined {
  const applicable = matching(windows, app);
  if (!applicable.length) return undefined;
  const active = applicable.filter(w => isActive(w, now));
  const denies = active.filter(w => w.kind === 'deny');
  if (denies.length) {
    return denies.every(w => w.manualSync)
      ? undefined
      : `the deny window ${describe(
          denies.find(w => !w.manualSync)!,
        )} is active`;
  }
  if (active.some(w => w.kind === 'allow')) return undefined;
  const inactiveAllows = applicable.filter(
    w => w.kind === 'allow' && !active.includes(w),
  );
  if (inactiveAllows.length) {
    return inactiveAllows.every(w => w.manualSync)
      ? undefined
      : `no allow window is active (${inactiveAllows
          .map(describe)
          .join('; ')})`;
  }
  return undefined;
}
