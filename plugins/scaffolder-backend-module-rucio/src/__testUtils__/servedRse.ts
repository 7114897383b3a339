import type { RseRow } from '@rucio-portal/plugin-rucio-common';

/**
 * A row of the rucio backend's RSE table for a POSIX disk RSE whose details
 * were read, as the generated `base/rses/*.json` declares one.
 */
export function servedRse(
  name: string,
  protocols: NonNullable<RseRow['protocols']>,
): RseRow {
  return {
    name,
    type: 'DISK',
    availabilityRead: true,
    availabilityWrite: true,
    availabilityDelete: true,
    belowMinFreeSpace: false,
    attributes: { istape: false },
    protocols,
    limits: {},
    detailsCheckedAt: '2026-11-30T12:00:00Z',
  };
}
