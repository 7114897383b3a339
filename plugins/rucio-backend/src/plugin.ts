import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createRouter } from './router';

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
        httpRouter: coreServices.httpRouter,
      },
      async init({ config, httpRouter }) {
        const environments =
          config.getOptionalConfigArray('rucio.environments') ?? [];
        httpRouter.use(
          await createRouter({ environmentCount: environments.length }),
        );
      },
    });
  },
});
