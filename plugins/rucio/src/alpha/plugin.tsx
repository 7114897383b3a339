import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { RucioStatusClient } from '@internal/plugin-rucio-common';
import { rucioApiRef } from '../api/rucioApiRef';
import { isRucioAvailable } from '../isRucioAvailable';

const rucioApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: rucioApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new RucioStatusClient({ discoveryApi, fetchApi }),
    }),
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

/**
 * The Rucio plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'rucio',
  info: { packageJson: () => import('../../package.json') },
  extensions: [rucioApi, rucioEntityContent],
});
