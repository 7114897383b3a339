import type { EnvironmentConfig } from '../config/readEnvironmentConfigs';
import type { Cause } from './notificationCauses';

const NOT_COLLECTED_KEY = 'outage:not-collected';

/**
 * No instance stored a collection of the environment for `intervals`
 * collection intervals, though the instance asking runs: its task is stuck
 * or keeps failing before it stores anything.
 */
export function notCollectedCause(
  env: Pick<EnvironmentConfig, 'notifications' | 'schedule'>,
  lastCollectedAt: string | undefined,
  watchingSince: Date,
  now: Date,
): Cause | undefined {
  const intervals = env.notifications.notCollectedIntervals;
  if (!env.notifications.causes.outages) return undefined;
  const since = lastCollectedAt
    ? Date.parse(lastCollectedAt)
    : watchingSince.getTime();
  if (
    now.getTime() - since <=
    intervals * env.schedule.intervalSeconds * 1000
  ) {
    return undefined;
  }
  return {
    key: NOT_COLLECTED_KEY,
    kind: 'outages',
    stage: 'not-collected',
    severity: 'critical',
    title: 'The portal has not collected this environment',
    description: lastCollectedAt
      ? `No backend instance stored a collection since ${lastCollectedAt} (${intervals} intervals of ${env.schedule.intervalSeconds} s); the backend logs say why.`
      : `No backend instance stored a collection yet (${intervals} intervals of ${env.schedule.intervalSeconds} s); the backend logs say why.`,
  };
}
