import {
  RSE_STATUS_FILTERS,
  RSE_STATUS_FILTER_IDS,
  rseUsageShare,
  type ListRsesRequest,
  type ListRsesResponse,
  type RseRow,
} from '@rucio-portal/plugin-rucio-common';

/** Sort keys; `undefined` (not known) sorts last in either direction. */
const SORTERS: Record<
  NonNullable<ListRsesRequest['sort']>,
  (r: RseRow) => number | string | undefined
> = {
  name: r => r.name,
  type: r => r.type,
  used: r => r.usedBytes,
  free: r => r.freeBytes,
  total: r => r.totalBytes,
  usage: rseUsageShare,
  // Closed for reads weighs most, then writes, then deletes: open ones first.
  availability: r =>
    (r.availabilityRead ? 0 : 4) +
    (r.availabilityWrite ? 0 : 2) +
    (r.availabilityDelete ? 0 : 1),
  files: r => r.files,
  site: r => rseSite(r),
  detailsCheckedAt: r => r.detailsCheckedAt,
  minFreeSpaceDays: r => r.minFreeSpaceDays,
};

/** "site / country / tier" as the table shows it; `undefined` without any. */
function rseSite(r: RseRow): string | undefined {
  const parts = [r.attributes.site, r.attributes.country, r.attributes.tier]
    .filter(v => v !== undefined)
    .map(String);
  return parts.length ? parts.join(' / ') : undefined;
}

/**
 * One page of the RSE table: the counts of every state over `rows`, then
 * narrowed by state and search, sorted and paged.
 */
export function listRsePage(
  all: RseRow[],
  request: ListRsesRequest,
): Omit<ListRsesResponse, 'collectedAt'> {
  const offset = Math.max(0, request.offset ?? 0);
  const limit = Math.min(Math.max(1, request.limit ?? 25), 1000);
  const counts = Object.fromEntries(
    RSE_STATUS_FILTER_IDS.map(id => [
      id,
      all.filter(RSE_STATUS_FILTERS[id].matches).length,
    ]),
  ) as ListRsesResponse['counts'];
  let rows = all;
  if (request.status) {
    rows = rows.filter(RSE_STATUS_FILTERS[request.status].matches);
  }
  const q = request.q?.trim().toLowerCase();
  if (q) {
    rows = rows.filter(
      r =>
        r.name.toLowerCase().includes(q) ||
        Object.entries(r.attributes).some(
          ([k, v]) =>
            ['site', 'country', 'country_name', 'tier', 'city'].includes(k) &&
            String(v).toLowerCase().includes(q),
        ),
    );
  }
  if (request.sort) {
    const key = SORTERS[request.sort];
    const dir = request.order === 'desc' ? -1 : 1;
    rows = [...rows].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      if (x === y) return 0;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      return (x < y ? -1 : 1) * dir;
    });
  }
  return {
    items: rows.slice(offset, offset + limit),
    total: rows.length,
    offset,
    limit,
    counts,
  };
}
