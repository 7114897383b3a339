import {
  convertLegacyRouteRef,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { RucioStatusClient } from '@rucio-portal/plugin-rucio-common';
import { rucioApiRef } from '../api/rucioApiRef';
import StorageIcon from '@material-ui/icons/Storage';
import { changeTemplateRouteRef, rucioPageRouteRef } from '../routes';
import { isRucioAvailable, isRucioRseEntity } from '../isRucioAvailable';

const rucioApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: rucioApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new RucioStatusClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The Rucio page at `/rucio`, in the sidebar: every environment at a glance.
 *
 * @alpha
 */
export const rucioPage = PageBlueprint.make({
  params: {
    path: '/rucio',
    title: 'Rucio environments',
    icon: <StorageIcon />,
    routeRef: convertLegacyRouteRef(rucioPageRouteRef),
    loader: () => import('../components/RucioPage').then(m => <m.RucioPage />),
  },
});

/** @alpha */
export const rucioEntityContent = EntityContentBlueprint.make({
  params: {
    path: '/rucio',
    title: 'Rucio',
    filter: isRucioAvailable,
    loader: () =>
      import('../components/EntityRucioContent').then(m => (
        <m.EntityRucioContent />
      )),
  },
});

// Cards for use on other entity pages; off by default because the tab
// already shows them. Enable one with `app.extensions: [entity-card:rucio/<name>]`.
const cards = [
  [
    'overview',
    () =>
      import('../components/RucioOverviewCard').then(m => (
        <m.RucioOverviewCard />
      )),
  ],
  [
    'rses',
    () => import('../components/RucioRsesCard').then(m => <m.RucioRsesCard />),
  ],
  [
    'certificates',
    () =>
      import('../components/RucioCertificatesCard').then(m => (
        <m.RucioCertificatesCard />
      )),
  ],
  [
    'sync',
    () => import('../components/RucioSyncCard').then(m => <m.RucioSyncCard />),
  ],
  [
    'daemons',
    () =>
      import('../components/RucioDaemonsCard').then(m => (
        <m.RucioDaemonsCard />
      )),
  ],
  [
    'fts',
    () => import('../components/RucioFtsCard').then(m => <m.RucioFtsCard />),
  ],
  [
    'database',
    () =>
      import('../components/RucioDatabaseCard').then(m => (
        <m.RucioDatabaseCard />
      )),
  ],
  [
    'rules',
    () =>
      import('../components/RucioRulesCard').then(m => <m.RucioRulesCard />),
  ],
  [
    'transfers',
    () =>
      import('../components/RucioTransfersCard').then(m => (
        <m.RucioTransfersCard />
      )),
  ],
  [
    'drift',
    () =>
      import('../components/RucioDriftCard').then(m => <m.RucioDriftCard />),
  ],
  [
    'workloads',
    () =>
      import('../components/RucioWorkloadsCard').then(m => (
        <m.RucioWorkloadsCard />
      )),
  ],
  [
    'secrets',
    () =>
      import('../components/RucioSecretsCard').then(m => (
        <m.RucioSecretsCard />
      )),
  ],
] as const;

/** @alpha */
export const rucioEntityCards = cards.map(([name, loader]) =>
  EntityCardBlueprint.makeWithOverrides({
    name,
    disabled: true,
    factory(originalFactory) {
      return originalFactory({
        type: 'content',
        filter: isRucioAvailable,
        loader,
      });
    },
  }),
);

/** The RSE card, shown on the overview of every `rucio-rse` Resource. @alpha */
export const rucioRseEntityCard = EntityCardBlueprint.make({
  name: 'rse',
  params: {
    type: 'content',
    filter: isRucioRseEntity,
    loader: () =>
      import('../components/RucioRseEntityCard').then(m => (
        <m.RucioRseEntityCard />
      )),
  },
});

/**
 * The Rucio plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'rucio',
  info: { packageJson: () => import('../../package.json') },
  routes: convertLegacyRouteRefs({ page: rucioPageRouteRef }),
  externalRoutes: convertLegacyRouteRefs({
    changeTemplate: changeTemplateRouteRef,
  }),
  extensions: [
    rucioApi,
    rucioPage,
    rucioEntityContent,
    rucioRseEntityCard,
    ...rucioEntityCards,
  ],
});
