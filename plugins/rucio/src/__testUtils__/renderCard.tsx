import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { RucioStatusClient } from '@rucio-portal/plugin-rucio-common';
import type { ReactElement } from 'react';
import { ConfigReader } from '@backstage/config';
import { configApiRef } from '@backstage/core-plugin-api';
import type { JsonObject } from '@backstage/types';
import { rucioApiRef } from '../api/rucioApiRef';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { entity } from './environment';

/** Where the cards' client sends its requests; tests answer there with msw. */
export const RUCIO_API = 'http://backstage.test/api/rucio';

/** A signals API that delivers nothing: with it, cards do not poll. */
export const silentSignalApi = {
  subscribe: () => ({ unsubscribe: () => {} }),
};

/**
 * A card on the demo System's page, with the real REST client; `signals`
 * gives the app a signals API (cards then wait for signals, not polls);
 * `config` is the app's configuration.
 */
export function renderCard(
  card: ReactElement,
  path = '/',
  options: { signals?: boolean; config?: JsonObject } = {},
) {
  const { signals = false, config = {} } = options;
  const api = new RucioStatusClient({
    discoveryApi: { getBaseUrl: async id => `http://backstage.test/api/${id}` },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });
  const page = <EntityProvider entity={entity}>{card}</EntityProvider>;
  // Without signals the cards poll; with them they wait for a signal.
  return renderInTestApp(
    signals ? (
      <TestApiProvider
        apis={[
          [rucioApiRef, api],
          [configApiRef, new ConfigReader(config)],
          [signalApiRef, silentSignalApi],
        ]}
      >
        {page}
      </TestApiProvider>
    ) : (
      <TestApiProvider
        apis={[
          [rucioApiRef, api],
          [configApiRef, new ConfigReader(config)],
        ]}
      >
        {page}
      </TestApiProvider>
    ),
    {
      routeEntries: [path],
      // RSE names link to their catalog pages.
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}
