import type { RseRow } from './api';

/**
 * The share of an RSE's total that is used, 0–1; `undefined` when Rucio
 * reports no free figure (its own accounting, `source: rucio`, has
 * `free: null` and `total = used`), so the share is not known rather than full.
 *
 * @public
 */
export function rseUsageShare(row: RseRow): number | undefined {
  return row.totalBytes && row.freeBytes !== undefined
    ? (row.usedBytes ?? 0) / row.totalBytes
    : undefined;
}

/**
 * The states the RSE table can be narrowed to. The RSE check's summary counts
 * with the same tests, so a filter's count equals the summary's figure.
 *
 * @public
 */
export const RSE_STATUS_FILTERS = {
  'not-available': {
    label: 'not available for read or write',
    matches: (row: RseRow) => !row.availabilityRead || !row.availabilityWrite,
  },
  'below-min-free-space': {
    label: 'below MinFreeSpace',
    matches: (row: RseRow) => row.belowMinFreeSpace,
  },
  'below-min-free-space-soon': {
    label: 'below MinFreeSpace within 7 days',
    matches: (row: RseRow) =>
      !row.belowMinFreeSpace &&
      row.minFreeSpaceDays !== undefined &&
      row.minFreeSpaceDays <= 7,
  },
  'closed-for-writes': {
    label: 'closed for writes',
    matches: (row: RseRow) => !row.availabilityWrite,
  },
  'closed-for-reads': {
    label: 'closed for reads',
    matches: (row: RseRow) => !row.availabilityRead,
  },
  'closed-for-deletes': {
    label: 'closed for deletes',
    matches: (row: RseRow) => !row.availabilityDelete,
  },
  'unknown-usage': {
    label: 'with unknown usage',
    matches: (row: RseRow) =>
      !!row.detailsCheckedAt && rseUsageShare(row) === undefined,
  },
  'details-not-read': {
    label: 'with details not read yet',
    matches: (row: RseRow) => !row.detailsCheckedAt,
  },
} as const;

/** @public */
export type RseStatusFilter = keyof typeof RSE_STATUS_FILTERS;

/** @public */
export const RSE_STATUS_FILTER_IDS = Object.keys(
  RSE_STATUS_FILTERS,
) as RseStatusFilter[];

/**
 * The states of an RSE its owners are told of: one notification per state,
 * linking to the RSE table narrowed to it.
 *
 * @public
 */
export const NOTIFIED_RSE_STATUSES = [
  'below-min-free-space',
  'below-min-free-space-soon',
  'closed-for-writes',
  'closed-for-reads',
  'closed-for-deletes',
] as const satisfies readonly RseStatusFilter[];

/** @public */
export type NotifiedRseStatus = (typeof NOTIFIED_RSE_STATUSES)[number];
