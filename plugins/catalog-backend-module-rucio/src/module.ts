import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  RucioBackendRseSource,
  RucioRseEntityProvider,
} from './provider/RucioRseEntityProvider';

/**
 * Adds the RSEs of the configured Rucio environments to the catalog.
 *
 * @public
 */
export const catalogModuleRucio = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'rucio',
  register({ registerInit }) {
    registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        processing: catalogProcessingExtensionPoint,
      },
      async init({ logger, config, scheduler, discovery, auth, processing }) {
        const scheduleConfig = config.getOptionalConfig(
          'catalog.providers.rucio.schedule',
        );
        const taskRunner = scheduler.createScheduledTaskRunner(
          scheduleConfig
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                scheduleConfig,
              )
            : {
                frequency: { minutes: 10 },
                timeout: { minutes: 3 },
                initialDelay: { seconds: 30 },
              },
        );
        processing.addEntityProvider(
          RucioRseEntityProvider.fromConfig(config, {
            logger,
            taskRunner,
            source: RucioBackendRseSource.create({ discovery, auth }),
          }),
        );
      },
    });
  },
});
