import type { RseRow } from './api';

/**
 * The states of an RSE its owners are told of and the RSE table can be
 * narrowed to: one notification per state, linking to the table so narrowed.
 *
 * @public
 */
export const RSE_STATUS_FILTERS = {
  'below-min-free-space': {
    label: 'below MinFreeSpace',
    matches: (row: RseRow) => row.belowMinFreeSpace,
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
} as const;

/** @public */
export type RseStatusFilter = keyof typeof RSE_STATUS_FILTERS;

/** @public */
export const RSE_STATUS_FILTER_IDS = Object.keys(
  RSE_STATUS_FILTERS,
) as RseStatusFilter[];
