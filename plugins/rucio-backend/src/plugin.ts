import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  rucioEnvironmentReadPermission,
  rucioEnvironmentRefreshPermission,
  rucioGitopsSyncPermission,
  rucioPermissions,
  type ByteUnits,
} from '@rucio-portal/plugin-rucio-common';
import {
  isEnvironmentOwner,
  rucioEnvironmentResourceRef,
} from './permissions/rules';
import { readEnvironmentConfigs } from './config/readEnvironmentConfigs';
import {
  actionsRegistryServiceRef,
  metricsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { ScmIntegrations } from '@backstage/integration';
import { EnvironmentEntities } from './clients/EnvironmentEntities';
import { EnvironmentRepository } from './clients/EnvironmentRepository';
import { NotificationStateStore } from './notifications/NotificationStateStore';
import { OwnerNotifier } from './notifications/OwnerNotifier';
import { RucioMetrics } from './metrics/RucioMetrics';
import { registerRucioActions } from './actions/registerRucioActions';
import { createRouter } from './router';
import { RucioEnvironmentService } from './service/RucioEnvironmentService';
import { SnapshotStore, type Latest } from './store/SnapshotStore';

/**
 * The rucio backend plugin: collects the health of configured Rucio
 * environments and serves it under `/api/rucio`.
 *
 * @public
 */
export const rucioPlugin = createBackendPlugin({
  pluginId: 'rucio',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        auditor: coreServices.auditor,
        metrics: metricsServiceRef,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        signals: signalsServiceRef,
        catalog: catalogServiceRef,
        notifications: notificationService,
        urlReader: coreServices.urlReader,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        // Fails start-up with a message naming every bad key.
        const environments = readEnvironmentConfigs(deps.config);
        deps.permissionsRegistry.addPermissions(rucioPermissions);
        const store = await SnapshotStore.create({ database: deps.database });
        const entities = EnvironmentEntities.create({
          catalog: deps.catalog,
          auth: deps.auth,
          logger: deps.logger,
          environments,
        });
        deps.permissionsRegistry.addResourceType({
          resourceRef: rucioEnvironmentResourceRef,
          permissions: [
            rucioEnvironmentReadPermission,
            rucioEnvironmentRefreshPermission,
            rucioGitopsSyncPermission,
          ],
          rules: [isEnvironmentOwner],
          // Ownership is the catalog's: the System the environment's config names.
          getResources: names =>
            Promise.all(
              names.map(async name =>
                environments.some(e => e.name === name)
                  ? { name, owners: await entities.owners(name) }
                  : undefined,
              ),
            ),
        });
        const service = RucioEnvironmentService.create({
          environments,
          store,
          logger: deps.logger,
          scheduler: deps.scheduler,
          discovery: deps.discovery,
          auth: deps.auth,
          signals: deps.signals,
          entities,
          notifier: OwnerNotifier.create({
            notifications: deps.notifications,
            entities,
            state: NotificationStateStore.create({
              knex: await deps.database.getClient(),
            }),
            logger: deps.logger,
            // Validated with the rest of `rucio` above.
            byteUnits: deps.config.getOptionalString('rucio.ui.byteUnits') as
              | ByteUnits
              | undefined,
          }),
          repository: EnvironmentRepository.create({
            entities,
            urlReader: deps.urlReader,
            integrations: ScmIntegrations.fromConfig(deps.config),
          }),
          // Read back through the store, which picks up the collections of
          // other backend instances, at most every 15 s per scrape.
          metrics: RucioMetrics.create(deps.metrics, {
            latest: async () =>
              (
                await Promise.all(
                  environments.map(e => store.fresh(e.name, 15_000)),
                )
              ).filter((l): l is Latest => !!l),
          }),
        });
        deps.httpRouter.use(
          await createRouter({
            service,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
          }),
        );
        registerRucioActions({
          actionsRegistry: deps.actionsRegistry,
          service,
          permissions: deps.permissions,
        });
        await service.start();
        deps.logger.info(
          `Watching ${environments.length} Rucio environment(s): ${environments
            .map(e => e.name)
            .join(', ')}`,
        );
      },
    });
  },
});
