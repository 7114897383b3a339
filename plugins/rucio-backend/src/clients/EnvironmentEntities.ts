import type { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  RUCIO_ENVIRONMENT_ANNOTATION,
  RUCIO_RSE_ANNOTATION,
  RUCIO_RSE_RESOURCE_TYPE,
} from '@internal/plugin-rucio-common';

/**
 * The catalog entities of an environment, read as the plugin itself: the
 * System entities naming it and the owners of its RSE Resources. Ownership
 * always comes from here, never from the plugin's own config.
 */
export class EnvironmentEntities {
  static create(options: { catalog: CatalogService; auth: AuthService }) {
    return new EnvironmentEntities(options.catalog, options.auth);
  }

  private constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  /** The System entities naming the environment, by entity ref. */
  async systems(
    environment: string,
  ): Promise<Array<{ ref: string; entity: Entity }>> {
    const { items } = await this.catalog.getEntities(
      {
        filter: {
          kind: 'System',
          [`metadata.annotations.${RUCIO_ENVIRONMENT_ANNOTATION}`]: environment,
        },
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
          'spec.owner',
        ],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    return items
      .map(entity => ({ entity, ref: stringifyEntityRef(entity) }))
      .sort((a, b) => a.ref.localeCompare(b.ref));
  }

  /** The owners of the System entities naming the environment. */
  async owners(environment: string): Promise<string[]> {
    const systems = await this.systems(environment);
    return systems.flatMap(({ entity }) => {
      const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
      return typeof owner === 'string' ? [owner] : [];
    });
  }

  /** The owner of each named RSE's Resource entity that has one. */
  async rseOwners(
    environment: string,
    rses: string[],
  ): Promise<Map<string, string>> {
    const owners = new Map<string, string>();
    if (!rses.length) return owners;
    const { items } = await this.catalog.getEntities(
      {
        filter: {
          kind: 'Resource',
          'spec.type': RUCIO_RSE_RESOURCE_TYPE,
          [`metadata.annotations.${RUCIO_ENVIRONMENT_ANNOTATION}`]: environment,
          [`metadata.annotations.${RUCIO_RSE_ANNOTATION}`]: rses,
        },
        fields: ['metadata.annotations', 'spec.owner'],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    for (const entity of items) {
      const rse = entity.metadata.annotations?.[RUCIO_RSE_ANNOTATION];
      const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
      if (rse && typeof owner === 'string') owners.set(rse, owner);
    }
    return owners;
  }
}
