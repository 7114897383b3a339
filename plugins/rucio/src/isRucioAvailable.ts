import type { Entity } from '@backstage/catalog-model';
import {
  getRucioEnvironmentName,
  RUCIO_RSE_ANNOTATION,
  RUCIO_RSE_RESOURCE_TYPE,
} from '@rucio-portal/plugin-rucio-common';

/**
 * Whether the entity names a Rucio environment, i.e. whether the Rucio tab applies.
 *
 * @public
 */
export function isRucioAvailable(entity: Entity): boolean {
  return (
    getRucioEnvironmentName(entity) !== undefined && !isRucioRseEntity(entity)
  );
}

/**
 * Whether the entity is an RSE Resource (`spec.type: rucio-rse`) that names
 * its RSE, i.e. whether the RSE card applies.
 *
 * @public
 */
export function isRucioRseEntity(entity: Entity): boolean {
  return (
    entity.kind.toLowerCase() === 'resource' &&
    entity.spec?.type === RUCIO_RSE_RESOURCE_TYPE &&
    !!entity.metadata.annotations?.[RUCIO_RSE_ANNOTATION]
  );
}
