import type { Entity } from '@backstage/catalog-model';
import { getRucioEnvironmentName } from '@internal/plugin-rucio-common';

/**
 * Whether the entity names a Rucio environment, i.e. whether the Rucio tab applies.
 *
 * @public
 */
export function isRucioAvailable(entity: Entity): boolean {
  return getRucioEnvironmentName(entity) !== undefined;
}
