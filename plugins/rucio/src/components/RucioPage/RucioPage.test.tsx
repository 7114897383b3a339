import { identityApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  RucioStatusClient,
  type RucioEnvironmentListItem,
} from '@rucio-portal/plugin-rucio-common';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { rucioApiRef } from '../../api/rucioApiRef';
import { RUCIO_API } from '../../__testUtils__/renderCard';
import { AGE_TICK_MS } from '../shared/useTicker';
import { RucioPage } from './RucioPage';

const server = setupServer();
registerMswTestHooks(server);

function env(
  name: string,
  extra: Partial<RucioEnvironmentListItem>,
): RucioEnvironmentListItem {
  return {
    name,
    title: name,
    demo: false,
    links: {},
    status: 'ok',
    collectedAt: new Date(Date.now() - 60_000).toISOString(),
    system: `system:default/rucio-${name}`,
    owner: 'group:default/other-team',
    problems: [],
    ...extra,
  };
}

const ENVIRONMENTS = [
  env('alpha', {}),
  env('beta', {
    status: 'warning',
    owner: 'group:default/data-management',
    problems: [
      {
        check: 'rses',
        status: 'warning',
        message:
          '1000 RSEs: 19 not available for read or write; 33 below MinFreeSpace.',
      },
    ],
  }),
  env('gamma', {
    status: 'error',
    problems: [
      { check: 'server', status: 'error', message: 'connection refused' },
      { check: 'fts', status: 'warning', message: 'proxy expires in 40 h' },
    ],
  }),
  env('delta', { status: 'unknown', system: undefined, owner: undefined }),
];

/** The page with the real client; `listeners` gets each signal subscription. */
async function renderPage(
  path = '/rucio',
  listeners?: Map<string, () => void>,
) {
  const api = new RucioStatusClient({
    discoveryApi: { getBaseUrl: async id => `http://backstage.test/api/${id}` },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });
  const signalApi = {
    subscribe: (channel: string, onMessage: (message: any) => void) => {
      listeners?.set(channel, () => onMessage({}));
      return {
        unsubscribe: () => {
          listeners?.delete(channel);
        },
      };
    },
  };
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [rucioApiRef, api],
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: 'user:default/ada',
            ownershipEntityRefs: [
              'user:default/ada',
              'group:default/data-management',
            ],
          }),
        ],
        [signalApiRef, signalApi],
      ]}
    >
      <RucioPage />
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

function listing(items: RucioEnvironmentListItem[], calls?: { n: number }) {
  server.use(
    http.get(`${RUCIO_API}/environments`, () => {
      if (calls) calls.n++;
      return HttpResponse.json({ items });
    }),
  );
}

const names = () =>
  screen
    .getAllByTestId('environment-row')
    .map(r => within(r).getAllByRole('cell')[0].textContent);

describe('RucioPage', () => {
  it('lists every environment worst first, with the checks not OK, owner and a link to its tab', async () => {
    listing(ENVIRONMENTS);
    await renderPage();
    await screen.findAllByTestId('environment-row');
    expect(names()).toEqual(['gamma', 'beta', 'delta', 'alpha']);
    const [gamma] = screen.getAllByTestId('environment-row');
    expect(within(gamma).getByRole('link', { name: 'gamma' })).toHaveAttribute(
      'href',
      '/catalog/default/system/rucio-gamma/rucio',
    );
    expect(within(gamma).getByTestId('problem-server')).toHaveTextContent(
      'Rucio serverconnection refused',
    );
    expect(within(gamma).getByTestId('problem-fts')).toHaveTextContent(
      'FTS3proxy expires in 40 h',
    );
    expect(within(gamma).getByText('1 minute ago')).toBeInTheDocument();
    expect(
      within(gamma).getByRole('link', { name: 'other-team' }),
    ).toBeInTheDocument();
    // Without a System to trust there is no tab to link to, nor an owner.
    const delta = screen.getAllByTestId('environment-row')[2];
    expect(within(delta).queryByRole('link')).toBeNull();
  });

  it('narrows to the environments the user owns and to one status, kept in the URL', async () => {
    listing(ENVIRONMENTS);
    await renderPage('/rucio?status=error');
    await screen.findAllByTestId('environment-row');
    expect(names()).toEqual(['gamma']);
    expect(screen.getByTestId('filter-error')).toHaveTextContent('Error (1)');
    expect(screen.getByTestId('filter-warning')).toHaveTextContent(
      'Warning (1)',
    );
    fireEvent.click(screen.getByTestId('filter-error'));
    await waitFor(() => expect(names()).toHaveLength(4));
    expect(screen.getByTestId('filter-owned')).toHaveTextContent(
      'Owned by me (1)',
    );
    fireEvent.click(screen.getByTestId('filter-owned'));
    await waitFor(() => expect(names()).toEqual(['beta']));
    // Written into the address for a reload or a link, without a navigation.
    expect(window.location.search).toBe('?owned=me');
    fireEvent.click(screen.getByTestId('filter-ok'));
    expect(
      await screen.findByText('No environment matches these filters.'),
    ).toBeInTheDocument();
  });

  it('reads the list again when an environment signals a new collection', async () => {
    const calls = { n: 0 };
    listing(ENVIRONMENTS, calls);
    const listeners = new Map<string, () => void>();
    await renderPage('/rucio', listeners);
    await screen.findAllByTestId('environment-row');
    expect(calls.n).toBe(1);
    await waitFor(() => expect(listeners.size).toBe(4));
    listing(
      ENVIRONMENTS.map(e =>
        e.name === 'alpha'
          ? {
              ...e,
              status: 'error' as const,
              problems: [
                {
                  check: 'auth' as const,
                  status: 'error' as const,
                  message: 'refused',
                },
              ],
            }
          : e,
      ),
      calls,
    );
    act(() => listeners.get('rucio:environment:alpha')!());
    // Now an error too, with fewer checks not OK than gamma.
    await waitFor(
      () => expect(names().slice(0, 2)).toEqual(['gamma', 'alpha']),
      {
        timeout: 3000,
      },
    );
    expect(calls.n).toBe(2);
  });

  it('counts ages up between collections, with no request in between', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      const calls = { n: 0 };
      listing(ENVIRONMENTS, calls);
      await renderPage('/rucio', new Map());
      await screen.findAllByTestId('environment-row');
      const gamma = () => screen.getAllByTestId('environment-row')[0];
      expect(within(gamma()).getByText('1 minute ago')).toBeInTheDocument();
      // Narrowed and widened again: the rows that stay keep their age.
      fireEvent.click(screen.getByTestId('filter-error'));
      await waitFor(() => expect(names()).toEqual(['gamma']));
      fireEvent.click(screen.getByTestId('filter-error'));
      await waitFor(() => expect(names()).toHaveLength(4));
      await act(async () => {
        jest.advanceTimersByTime(5 * 60_000 + AGE_TICK_MS);
      });
      expect(within(gamma()).getByText('6 minutes ago')).toBeInTheDocument();
      expect(calls.n).toBe(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('says when there is no environment to show, and shows a backend error', async () => {
    listing([]);
    const { unmount } = await renderPage();
    expect(
      await screen.findByText('No Rucio environment to show'),
    ).toBeInTheDocument();
    unmount();
    server.use(
      http.get(`${RUCIO_API}/environments`, () =>
        HttpResponse.json(
          { error: { name: 'Error', message: 'database down' } },
          { status: 500 },
        ),
      ),
    );
    await renderPage();
    expect(
      (await screen.findAllByText(/database down/)).length,
    ).toBeGreaterThan(0);
  });
});
