import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { RucioStatusClient } from '@rucio-portal/plugin-rucio-common';
import type { ReactElement } from 'react';
import { rucioApiRef } from '../api/rucioApiRef';
import { entity } from './environment';

/** Where the cards' client sends its requests; tests answer there with msw. */
export const RUCIO_API = 'http://backstage.test/api/rucio';

/** A card on the demo System's page, with the real REST client. */
export function renderCard(card: ReactElement, path = '/') {
  const api = new RucioStatusClient({
    discoveryApi: { getBaseUrl: async id => `http://backstage.test/api/${id}` },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });
  return renderInTestApp(
    <TestApiProvider apis={[[rucioApiRef, api]]}>
      <EntityProvider entity={entity}>{card}</EntityProvider>
    </TestApiProvider>,
    { routeEntries: [path] },
  );
}
