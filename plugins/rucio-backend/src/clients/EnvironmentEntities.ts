import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  RUCIO_ENVIRONMENT_ANNOTATION,
  RUCIO_RSE_ANNOTATION,
  RUCIO_RSE_RESOURCE_TYPE,
} from '@rucio-portal/plugin-rucio-common';

/** What the entities need of an environment's config. */
export interface EnvironmentClaimConfig {
  name: string;
  /** The System entity the environment's config names. */
  system?: string;
  /** The environment repository, whose own catalog-info.yaml may register the System. */
  repository: { url?: string };
}

/** The System entity that speaks for an environment. */
export interface TrustedSystem {
  ref: string;
  entity: Entity;
  /** Its `spec.owner` as a complete entity ref. */
  owner?: string;
}

/**
 * Whether a `url:` location lies inside the repository, compared as the URL
 * readers fetch it: `…/rucio-prod/../other/` is not inside `…/rucio-prod`.
 */
function isInside(location: string | undefined, repository: string) {
  if (!location?.startsWith('url:')) return false;
  try {
    const base = new URL(repository.replace(/\/*$/, '/')).href;
    return new URL(location.slice(4)).href.startsWith(base);
  } catch {
    return false;
  }
}

/**
 * `spec.owner` completed as the catalog reads it: kind Group and the
 * entity's own namespace unless given (`guests` is
 * `group:default/guests`); the notifications backend refuses short refs.
 */
function ownerOf(entity: Entity): string | undefined {
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

const ORIGIN_LOCATION = 'backstage.io/managed-by-origin-location';
const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.annotations',
  'spec.owner',
];

/**
 * The catalog entities of an environment, read as the plugin itself.
 * Ownership, the repository and notification recipients come from one
 * System only: the one the environment's config names (`system`), or
 * without it, the one registered from the environment repository itself
 * (`repository.url`). Any other entity carrying the environment's annotation
 * is a claim anybody allowed to register a location could make: it is
 * ignored, and logged once.
 */
export class EnvironmentEntities {
  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
    environments: EnvironmentClaimConfig[];
  }) {
    return new EnvironmentEntities(
      options.catalog,
      options.auth,
      options.logger,
      new Map(options.environments.map(e => [e.name, e])),
    );
  }

  readonly #untrustedLogged = new Set<string>();

  private constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly logger: LoggerService,
    private readonly environments: Map<string, EnvironmentClaimConfig>,
  ) {}

  /** The System that speaks for the environment, or undefined when there is none to trust. */
  async system(environment: string): Promise<TrustedSystem | undefined> {
    const env = this.environments.get(environment);
    if (!env) return undefined;
    const credentials = await this.auth.getOwnServiceCredentials();
    const { items } = await this.catalog.getEntities(
      {
        filter: {
          kind: 'System',
          [`metadata.annotations.${RUCIO_ENVIRONMENT_ANNOTATION}`]: environment,
        },
        fields: FIELDS,
      },
      { credentials },
    );
    const claims = items
      .map(entity => ({ entity, ref: stringifyEntityRef(entity) }))
      .sort((a, b) => a.ref.localeCompare(b.ref));
    let trusted: TrustedSystem | undefined;
    let why: string;
    if (env.system) {
      const ref = stringifyEntityRef(
        parseEntityRef(env.system, {
          defaultKind: 'system',
          defaultNamespace: 'default',
        }),
      );
      why = `the System its config names (system: ${env.system})`;
      trusted = claims.find(c => c.ref === ref);
      if (!trusted) {
        const entity = await this.catalog.getEntityByRef(ref, { credentials });
        trusted = entity ? { ref, entity } : undefined;
      }
    } else if (env.repository.url) {
      const repository = env.repository.url;
      why = `registered from its repository (${repository})`;
      trusted = claims.find(c =>
        isInside(c.entity.metadata.annotations?.[ORIGIN_LOCATION], repository),
      );
    } else {
      why = 'named by its config (neither system nor repository.url is set)';
    }
    for (const claim of claims) {
      if (claim.ref === trusted?.ref) continue;
      const key = `${environment}\u0000${claim.ref}`;
      if (this.#untrustedLogged.has(key)) continue;
      this.#untrustedLogged.add(key);
      this.logger.warn(
        `Untrusted claim: ${claim.ref} carries ${RUCIO_ENVIRONMENT_ANNOTATION}: ${environment} but is not ${why}; it is ignored for ownership, notifications and the repository`,
      );
    }
    return trusted && { ...trusted, owner: ownerOf(trusted.entity) };
  }

  /** The owner of the environment's System; none when there is no System to trust. */
  async owners(environment: string): Promise<string[]> {
    const owner = (await this.system(environment))?.owner;
    return owner ? [owner] : [];
  }

  /**
   * The Resource entity of each named RSE that has one: its page (for links)
   * and its owner.
   */
  async rseResources(
    environment: string,
    rses: string[],
  ): Promise<Map<string, { path: string; owner?: string }>> {
    const resources = new Map<string, { path: string; owner?: string }>();
    if (!rses.length) return resources;
    const { items } = await this.catalog.getEntities(
      {
        filter: {
          kind: 'Resource',
          'spec.type': RUCIO_RSE_RESOURCE_TYPE,
          [`metadata.annotations.${RUCIO_ENVIRONMENT_ANNOTATION}`]: environment,
          [`metadata.annotations.${RUCIO_RSE_ANNOTATION}`]: rses,
        },
        fields: [
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
          'spec.owner',
        ],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    for (const entity of items) {
      const rse = entity.metadata.annotations?.[RUCIO_RSE_ANNOTATION];
      if (!rse) continue;
      resources.set(rse, {
        path: `/catalog/${entity.metadata.namespace ?? 'default'}/resource/${
          entity.metadata.name
        }`,
        owner: ownerOf(entity),
      });
    }
    return resources;
  }
}
