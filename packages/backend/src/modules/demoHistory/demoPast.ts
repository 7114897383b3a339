import {
  checkValue,
  type CheckId,
  type CheckResult,
  type CheckStatus,
  type EnvironmentSnapshot,
  type RseRow,
} from '@rucio-portal/plugin-rucio-common';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How far back the made-up past goes: the plugin keeps 8 days of hours. */
export const PAST_HOURS = 8 * 24;
/** The plugin keeps 90 days and 7 days of an RSE's space. */
export const PAST_DAYS = 90;
const PAST_SPACE_HOURS = 7 * 24;

/** The days until MinFreeSpace of the first and second RSE with a limit. */
export const DUE_IN_DAYS = [4, 20] as const;

const hourStart = (ms: number) => Math.floor(ms / HOUR) * HOUR;
const dayStart = (ms: number) => Math.floor(ms / DAY) * DAY;
const iso = (ms: number) => new Date(ms).toISOString();

/** A repeatable wobble in [-1, 1] for a name and a time. */
function wobble(key: string, t: number) {
  let h = 2166136261;
  for (const c of `${key}/${t}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return ((h >>> 0) / 0xffffffff) * 2 - 1;
}

/**
 * Incidents of the made-up past, hours before the first collection: a night
 * when the server answered 503 for an hour, an afternoon when FTS3 refused
 * new transfers.
 */
const INCIDENTS: Array<{
  check: CheckId;
  hoursAgo: number[];
  status: CheckStatus;
}> = [
  { check: 'server', hoursAgo: [52], status: 'error' },
  { check: 'auth', hoursAgo: [52], status: 'error' },
  { check: 'fts', hoursAgo: [101, 102, 103], status: 'warning' },
];

/** The figure of a check `hoursAgo` hours before it read `now`. */
function pastValue(result: CheckResult<unknown>, hoursAgo: number) {
  const value = checkValue(result);
  if (value === undefined) return undefined;
  switch (result.check) {
    case 'certificates':
      return Math.round((value + hoursAgo / 24) * 10) / 10;
    case 'fts':
      // Rucio renews 96-hour proxies once fewer than 72 hours are left.
      return 72 + ((((value - 72 + hoursAgo) % 24) + 24) % 24);
    case 'auth':
      return Math.max(
        1,
        Math.round(value * (1 + 0.3 * wobble('auth', hoursAgo))),
      );
    default:
      return value;
  }
}

/**
 * Rows of `rucio_check_hours` for the hours before the snapshot's: each
 * check as it is now (its figure walked back where it moves with time), OK
 * where it failed only since the demo started, and the incidents above.
 */
export function pastCheckHours(
  snapshot: EnvironmentSnapshot,
  demoStartedAt: number,
) {
  const now = Date.parse(snapshot.collectedAt);
  const first = hourStart(now);
  const rows = [];
  for (let n = 1; n <= PAST_HOURS; n++) {
    const hour = first - n * HOUR;
    for (const result of Object.values(snapshot.checks)) {
      const incident = INCIDENTS.find(
        i => i.check === result!.check && i.hoursAgo.includes(n),
      );
      const status =
        incident?.status ??
        (hour < demoStartedAt && result!.status === 'error'
          ? 'ok'
          : result!.status);
      rows.push({
        environment: snapshot.environment,
        check: result!.check,
        hour: iso(hour),
        status,
        value:
          status === 'ok' && result!.check === 'daemons'
            ? 0
            : pastValue(result!, n) ?? null,
        collections: 60,
      });
    }
  }
  return rows;
}

/**
 * Free bytes lost per day: the first two RSEs (by name) that have a limit and
 * are above it reach it in 4 and 20 days.
 */
export function fillRates(rses: RseRow[]): Map<string, number> {
  const limited = rses
    .filter(
      r =>
        r.minFreeSpaceBytes !== undefined &&
        r.freeBytes !== undefined &&
        r.freeBytes > r.minFreeSpaceBytes,
    )
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const rates = new Map<string, number>();
  DUE_IN_DAYS.forEach((days, i) => {
    const r = limited[i];
    if (r) rates.set(r.name, (r.freeBytes! - r.minFreeSpaceBytes!) / days);
  });
  // The other RSEs with a limit gain free space (0.1 to 0.2 % of their size
  // a day), so that no other one is due within the week; the rest wander.
  for (const r of rses) {
    if (!rates.has(r.name) && r.totalBytes) {
      const w = wobble(r.name, 0);
      rates.set(
        r.name,
        r.minFreeSpaceBytes === undefined
          ? r.totalBytes * 0.002 * w
          : -r.totalBytes * 0.001 * (1.5 + w / 2),
      );
    }
  }
  return rates;
}

/**
 * Rows of `rucio_rse_space` before an RSE's first detail read: the last 7
 * days hourly and the last 90 daily, free space walked back at its rate with
 * a small wobble, never below nothing nor above the total.
 */
export function pastRseSpace(
  environment: string,
  rse: RseRow,
  ratePerDay: number,
) {
  const read = Date.parse(rse.detailsCheckedAt!);
  const total = rse.totalBytes!;
  const point = (resolution: 'hour' | 'day', at: number) => {
    const ago = (read - at) / DAY;
    const free = Math.min(
      total,
      Math.max(
        0,
        rse.freeBytes! +
          ratePerDay * ago +
          total * 0.004 * wobble(rse.name, at),
      ),
    );
    return {
      environment,
      rse: rse.name,
      resolution,
      at: iso(at),
      used_bytes: total - free,
      free_bytes: free,
      total_bytes: total,
    };
  };
  const rows = [];
  for (let n = 1; n <= PAST_SPACE_HOURS; n++) {
    rows.push(point('hour', hourStart(read) - n * HOUR));
  }
  for (let n = 1; n < PAST_DAYS; n++) {
    rows.push(point('day', dayStart(read) - n * DAY));
  }
  return rows;
}
