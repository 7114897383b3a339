import { InputError } from '@backstage/errors';
import type { RseRow } from '@rucio-portal/plugin-rucio-common';
import type { EnvironmentSpec } from './EnvironmentSpec';

/** What adoption reads of an RSE: the portal's row, its details read. */
export type ServedRseRow = Pick<
  RseRow,
  'name' | 'type' | 'attributes' | 'protocols' | 'limits'
>;

/**
 * An RSE as Rucio serves it, in the shape `adoptedRses` declares: every
 * attribute (Rucio's own RSE-name attribute too), every protocol with all
 * its fields, every limit.
 */
export function adoptedRse(
  row: ServedRseRow,
): EnvironmentSpec['adoptedRses'][number] {
  if (row.type !== 'DISK' && row.type !== 'TAPE') {
    throw new InputError(
      `RSE ${row.name} has an rse_type other than DISK or TAPE; it cannot be declared`,
    );
  }
  return {
    rse: row.name,
    rse_type: row.type,
    attributes: row.attributes,
    protocols: (row.protocols ?? []).map(p => ({ ...p })),
    limits: row.limits ?? {},
  };
}
