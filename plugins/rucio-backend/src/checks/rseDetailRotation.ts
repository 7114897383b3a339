import type { RseRow } from '@rucio-portal/plugin-rucio-common';
import type { RucioRse } from '../clients/rucioResources';
import type { EnvironmentConfig } from '../config/readEnvironmentConfigs';

/** Requests that read one RSE's details: attributes, usage, limits, protocols. */
export const REQUESTS_PER_RSE = 4;

/**
 * Requests of a collection that are not RSE details, kept out of the budget
 * so that the whole collection stays within it: the RSE list, the server's
 * ping and whoami (a redirect: two), the auth server's ping, the daemons'
 * heartbeats, the transfer metrics, and one to spare for a token renewal.
 */
export const OTHER_REQUESTS = 8;

/**
 * How many RSEs get their details read in one collection:
 * `rseDetailRequestsPerMinute` over the interval, less the collection's
 * other requests, four requests per RSE; at least one.
 */
export function rseDetailBudget(schedule: EnvironmentConfig['schedule']) {
  const perCollection = Math.floor(
    (schedule.rseDetailRequestsPerMinute * schedule.intervalSeconds) / 60,
  );
  return Math.max(
    1,
    Math.floor((perCollection - OTHER_REQUESTS) / REQUESTS_PER_RSE),
  );
}

/**
 * The RSEs to read details of now, at most `count`: those never read first,
 * then those whose `updated_at` moved since (availability or settings
 * changed), then the ones read longest ago.
 */
export function pickRsesForDetails(
  listed: RucioRse[],
  previous: Map<string, RseRow>,
  count: number,
): Set<string> {
  const rank = (rse: RucioRse) => {
    const before = previous.get(rse.rse);
    if (!before?.detailsCheckedAt) return 0;
    if (before.updatedAt !== rse.updated_at) return 1;
    return 2;
  };
  const checkedAt = (rse: RucioRse) =>
    previous.get(rse.rse)?.detailsCheckedAt ?? '';
  const order = [...listed].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      checkedAt(a).localeCompare(checkedAt(b)) ||
      a.rse.localeCompare(b.rse),
  );
  return new Set(order.slice(0, count).map(r => r.rse));
}
