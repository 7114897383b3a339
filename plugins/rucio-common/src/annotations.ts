import type { Entity } from '@backstage/catalog-model';

/**
 * Names the Rucio environment (from the admin's `rucio.environments[]`) that an
 * entity belongs to. It only ever names an environment; URLs and credentials
 * come from admin config alone.
 *
 * @public
 */
export const RUCIO_ENVIRONMENT_ANNOTATION = 'rucio.cern.ch/environment';

/**
 * Names the RSE that a `rucio-rse` Resource entity stands for.
 *
 * @public
 */
export const RUCIO_RSE_ANNOTATION = 'rucio.cern.ch/rse';

/**
 * The `spec.type` of Resource entities that stand for an RSE.
 *
 * @public
 */
export const RUCIO_RSE_RESOURCE_TYPE = 'rucio-rse';

/**
 * The environment an entity names through {@link RUCIO_ENVIRONMENT_ANNOTATION},
 * or `undefined` when it names none.
 *
 * @public
 */
export function getRucioEnvironmentName(entity: Entity): string | undefined {
  const value = entity.metadata.annotations?.[RUCIO_ENVIRONMENT_ANNOTATION];
  return value && value.trim() ? value.trim() : undefined;
}
