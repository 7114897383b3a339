import type { JSX } from 'react';
import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { RucioStatusClient } from '@rucio-portal/plugin-rucio-common';
import { rucioApiRef } from './api/rucioApiRef';
import {
  changeTemplateRouteRef,
  rootRouteRef,
  rucioPageRouteRef,
} from './routes';

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
  routes: { root: rootRouteRef, page: rucioPageRouteRef },
  externalRoutes: { changeTemplate: changeTemplateRouteRef },
});

/**
 * The Rucio tab of an entity that carries the `rucio.cern.ch/environment` annotation.
 *
 * @public
 */
export const EntityRucioContent: () => JSX.Element = rucioPlugin.provide(
  createRoutableExtension({
    name: 'EntityRucioContent',
    mountPoint: rootRouteRef,
    component: () =>
      import('./components/EntityRucioContent').then(m => m.EntityRucioContent),
  }),
);

/**
 * The Rucio page: every environment the user may read, worst first. Mount it
 * at `/rucio` and add a sidebar item (README).
 *
 * @public
 */
export const RucioPage: () => JSX.Element = rucioPlugin.provide(
  createRoutableExtension({
    name: 'RucioPage',
    mountPoint: rucioPageRouteRef,
    component: () => import('./components/RucioPage').then(m => m.RucioPage),
  }),
);

function card<T>(name: string, load: () => Promise<T>) {
  return rucioPlugin.provide(
    createComponentExtension({ name, component: { lazy: load as any } }),
  );
}

/** @public */
export const EntityRucioOverviewCard = card('EntityRucioOverviewCard', () =>
  import('./components/RucioOverviewCard').then(m => m.RucioOverviewCard),
);
/** @public */
export const EntityRucioRsesCard = card('EntityRucioRsesCard', () =>
  import('./components/RucioRsesCard').then(m => m.RucioRsesCard),
);
/** @public */
export const EntityRucioCertificatesCard = card(
  'EntityRucioCertificatesCard',
  () =>
    import('./components/RucioCertificatesCard').then(
      m => m.RucioCertificatesCard,
    ),
);
/** @public */
export const EntityRucioSyncCard = card('EntityRucioSyncCard', () =>
  import('./components/RucioSyncCard').then(m => m.RucioSyncCard),
);
/** @public */
export const EntityRucioDaemonsCard = card('EntityRucioDaemonsCard', () =>
  import('./components/RucioDaemonsCard').then(m => m.RucioDaemonsCard),
);
/** @public */
export const EntityRucioFtsCard = card('EntityRucioFtsCard', () =>
  import('./components/RucioFtsCard').then(m => m.RucioFtsCard),
);
/** @public */
export const EntityRucioRseCard = card('EntityRucioRseCard', () =>
  import('./components/RucioRseEntityCard').then(m => m.RucioRseEntityCard),
);
/** @public */
export const EntityRucioDatabaseCard = card('EntityRucioDatabaseCard', () =>
  import('./components/RucioDatabaseCard').then(m => m.RucioDatabaseCard),
);
/** @public */
export const EntityRucioRulesCard = card('EntityRucioRulesCard', () =>
  import('./components/RucioRulesCard').then(m => m.RucioRulesCard),
);
/** @public */
export const EntityRucioTransfersCard = card('EntityRucioTransfersCard', () =>
  import('./components/RucioTransfersCard').then(m => m.RucioTransfersCard),
);
/** @public */
export const EntityRucioDriftCard = card('EntityRucioDriftCard', () =>
  import('./components/RucioDriftCard').then(m => m.RucioDriftCard),
);
/** @public */
export const EntityRucioWorkloadsCard = card('EntityRucioWorkloadsCard', () =>
  import('./components/RucioWorkloadsCard').then(m => m.RucioWorkloadsCard),
);
/** @public */
export const EntityRucioSecretsCard = card('EntityRucioSecretsCard', () =>
  import('./components/RucioSecretsCard').then(m => m.RucioSecretsCard),
);
