import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { RucioStatusClient } from '@internal/plugin-rucio-common';
import { rucioApiRef } from './api/rucioApiRef';
import { rootRouteRef } from './routes';

/**
 * The Rucio plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const rucioPlugin = createPlugin({
  id: 'rucio',
  apis: [
    createApiFactory({
      api: rucioApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new RucioStatusClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef },
});

/**
 * The Rucio tab of an entity that carries the `rucio.cern.ch/environment` annotation.
 *
 * @public
 */
export const EntityRucioContent = rucioPlugin.provide(
  createRoutableExtension({
    name: 'EntityRucioContent',
    mountPoint: rootRouteRef,
    component: () =>
      import('./components/EntityRucioContent').then(m => m.EntityRucioContent),
  }),
);
