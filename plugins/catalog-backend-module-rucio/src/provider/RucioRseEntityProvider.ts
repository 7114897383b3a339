import type {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  RucioStatusClient,
  type RseRow,
} from '@rucio-portal/plugin-rucio-common';
import {
  rseEntities,
  type RseEnvironment,
  type RseOwnerRules,
} from './rseEntities';

/** Where the provider reads the RSEs of an environment from. */
export interface RseSource {
  listRses(environment: string): Promise<RseRow[]>;
}

/**
 * Reads RSEs from the rucio backend plugin, which already holds them from its
 * last collection; the catalog never talks to Rucio itself.
 */
export class RucioBackendRseSource implements RseSource {
  static create(options: { discovery: DiscoveryService; auth: AuthService }) {
    const { discovery, auth } = options;
    return new RucioBackendRseSource(
      new RucioStatusClient({
        discoveryApi: discovery,
        fetchApi: {
          // As the catalog's own service principal, for every request.
          fetch: async (input, init) => {
            const { token } = await auth.getPluginRequestToken({
              onBehalfOf: await auth.getOwnServiceCredentials(),
              targetPluginId: 'rucio',
            });
            const headers = new Headers(init?.headers);
            headers.set('Authorization', `Bearer ${token}`);
            return fetch(input, { ...init, headers });
          },
        },
      }),
    );
  }

  private constructor(private readonly client: RucioStatusClient) {}

  listRses(environment: string): Promise<RseRow[]> {
    return this.client.listAllRses(environment);
  }
}

/**
 * Emits one `rucio-rse` Resource per RSE of every configured environment.
 * Each run applies a full mutation, so RSEs that disappear leave the catalog.
 */
export class RucioRseEntityProvider implements EntityProvider {
  static fromConfig(
    config: Config,
    options: {
      logger: LoggerService;
      taskRunner: SchedulerServiceTaskRunner;
      source: RseSource;
    },
  ): RucioRseEntityProvider {
    const environments: RseEnvironment[] = [];
    for (const env of config.getOptionalConfigArray('rucio.environments') ??
      []) {
      const owner = env.getOptionalString('owner');
      if (!owner) {
        // Without an owner the RSEs could not become owned entities.
        options.logger.info(
          `Rucio environment ${env.getString(
            'name',
          )} has no owner; its RSEs are not added to the catalog`,
        );
        continue;
      }
      environments.push({
        name: env.getString('name'),
        owner,
        webuiUrl: env.getOptionalString('webui.url'),
      });
    }
    const providerConfig = config.getOptionalConfig('catalog.providers.rucio');
    const byAttribute = providerConfig?.getOptionalConfig('ownerByAttribute');
    const rules: RseOwnerRules = {
      ownerAttribute:
        providerConfig?.getOptionalString('ownerAttribute') ?? 'owner',
      byAttribute: byAttribute && {
        attribute: byAttribute.getString('attribute'),
        owners: byAttribute.getConfig('owners').get<Record<string, string>>(),
      },
    };
    return new RucioRseEntityProvider(environments, rules, options);
  }

  #connection?: EntityProviderConnection;

  private constructor(
    private readonly environments: RseEnvironment[],
    private readonly rules: RseOwnerRules,
    private readonly options: {
      logger: LoggerService;
      taskRunner: SchedulerServiceTaskRunner;
      source: RseSource;
    },
  ) {}

  getProviderName(): string {
    return 'RucioRseEntityProvider';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    await this.options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: () => this.refresh(),
    });
  }

  /**
   * Reads every environment and applies one full mutation. An environment that
   * cannot be read aborts the run so that its RSEs are not dropped by mistake.
   */
  async refresh(): Promise<void> {
    if (!this.#connection) {
      throw new Error('RucioRseEntityProvider is not connected');
    }
    const entities = [];
    for (const env of this.environments) {
      const location = `url:rucio-environment:${env.name}`;
      try {
        const rses = await this.options.source.listRses(env.name);
        entities.push(...rseEntities(env, rses, this.rules, location));
      } catch (error) {
        this.options.logger.warn(
          `Could not read the RSEs of Rucio environment ${env.name}; keeping the catalog as it is: ${error}`,
        );
        return;
      }
    }
    await this.#connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: this.getProviderName(),
      })),
    });
    this.options.logger.info(`Emitted ${entities.length} RSE entities`);
  }
}
