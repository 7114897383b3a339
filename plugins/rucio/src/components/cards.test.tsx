import {
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  RucioStatusClient,
  type GetEnvironmentResponse,
} from '@rucio-portal/plugin-rucio-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { ReactElement } from 'react';
import { rucioApiRef } from '../api/rucioApiRef';
import {
  entity,
  environmentResponse,
  rsesResponse,
} from '../__testUtils__/environment';
import { renderCard, RUCIO_API } from '../__testUtils__/renderCard';
import { EntityRucioContent } from './EntityRucioContent';
import { RucioCertificatesCard } from './RucioCertificatesCard';
import { RucioDaemonsCard } from './RucioDaemonsCard';
import { RucioDatabaseCard } from './RucioDatabaseCard';
import { RucioFtsCard } from './RucioFtsCard';
import { RucioOverviewCard } from './RucioOverviewCard';
import { RucioRsesCard } from './RucioRsesCard';
import { RucioSyncCard } from './RucioSyncCard';
import { RucioDriftCard } from './RucioDriftCard';
import { RucioRulesCard } from './RucioRulesCard';
import { RucioTransfersCard } from './RucioTransfersCard';
import { RucioRseEntityCard } from './RucioRseEntityCard';
import { RucioSecretsCard } from './RucioSecretsCard';
import { RucioWorkloadsCard } from './RucioWorkloadsCard';
import { EntityProvider as RseEntityProvider } from '@backstage/plugin-catalog-react';

const server = setupServer();
registerMswTestHooks(server);

const BASE = RUCIO_API;
let refreshCalls = 0;
let syncBodies: unknown[] = [];

/** The start of the hour `n` hours before this one. */
const hoursAgo = (n: number) =>
  new Date((Math.floor(Date.now() / 3_600_000) - n) * 3_600_000).toISOString();

function backend(env: GetEnvironmentResponse | (() => Response)) {
  refreshCalls = 0;
  syncBodies = [];
  server.use(
    http.get(`${BASE}/environments`, () =>
      HttpResponse.json({
        items: [
          {
            ...(typeof env === 'function' ? environmentResponse() : env)
              .environment,
            system: 'system:default/rucio-demo',
            problems: [],
          },
        ],
      }),
    ),
    http.get(`${BASE}/environments/demo/rses/:rse/space`, ({ params }) =>
      HttpResponse.json({
        rse: params.rse,
        hours: [],
        days: [],
      }),
    ),
    http.post(`${BASE}/environments/demo/sync`, async ({ request }) => {
      const body = (await request.json()) as { kind: string; name: string };
      syncBodies.push(body);
      return HttpResponse.json(
        {
          ...body,
          controller: 'argocd',
          namespace: 'argocd',
          requestedAt: new Date().toISOString(),
        },
        { status: 202 },
      );
    }),
    http.get(`${BASE}/environments/demo`, () =>
      typeof env === 'function' ? env() : HttpResponse.json(env),
    ),
    http.get(`${BASE}/environments/demo/history`, () =>
      HttpResponse.json({
        items: [
          {
            check: 'server',
            status: 'error',
            checkedAt: '2026-11-30T00:00:00Z',
          },
          { check: 'server', status: 'ok', checkedAt: '2026-11-30T00:01:00Z' },
        ],
        // Two hours ago a warning with 4 RSEs in trouble, now 2.
        hours: [
          {
            check: 'rses',
            hour: hoursAgo(2),
            status: 'warning',
            value: 4,
            collections: 60,
          },
          {
            check: 'rses',
            hour: hoursAgo(0),
            status: 'ok',
            value: 2,
            collections: 12,
          },
        ],
      }),
    ),
    http.get(`${BASE}/environments/demo/rses`, ({ request }) =>
      HttpResponse.json(rsesResponse(new URL(request.url))),
    ),
    http.post(`${BASE}/environments/demo/refresh`, () => {
      refreshCalls++;
      return new HttpResponse(null, { status: 202 });
    }),
  );
}

const render = renderCard;

const error = (status: number, name: string, message: string) => () =>
  HttpResponse.json(
    { error: { name, message }, response: { statusCode: status } },
    { status },
  );

const CARDS: Array<[string, ReactElement]> = [
  ['Overview', <RucioOverviewCard />],
  ['RSEs', <RucioRsesCard />],
  ['Certificates', <RucioCertificatesCard />],
  ['GitOps sync', <RucioSyncCard />],
  ['Daemons', <RucioDaemonsCard />],
  ['FTS3', <RucioFtsCard />],
  ['Database', <RucioDatabaseCard />],
  ['Replication rules', <RucioRulesCard />],
  ['Transfers', <RucioTransfersCard />],
  ['Drift', <RucioDriftCard />],
  ['Workloads', <RucioWorkloadsCard />],
  ['Secrets', <RucioSecretsCard />],
];

describe.each(CARDS)('%s card', (_title, card) => {
  it('shows the loading state, then the backend error when the backend is down', async () => {
    backend(error(503, 'ServiceUnavailableError', 'rucio backend is down'));
    await render(card);
    expect(
      (await screen.findAllByText(/rucio backend is down/)).length,
    ).toBeGreaterThan(0);
  });

  it('shows 403 from the backend as an error, not as data', async () => {
    backend(
      error(
        403,
        'NotAllowedError',
        'rucio.environment.read: you may not read Rucio environment demo',
      ),
    );
    await render(card);
    expect(
      (
        await screen.findAllByText(
          /rucio.environment.read: you may not read Rucio environment demo/,
        )
      ).length,
    ).toBeGreaterThan(0);
  });

  it('explains that nothing was collected yet', async () => {
    backend(environmentResponse({ snapshot: undefined }));
    await render(card);
    expect(
      (await screen.findAllByText(/has not finished|not collected yet/i))
        .length,
    ).toBeGreaterThan(0);
  });

  it('warns when the data is stale', async () => {
    backend(environmentResponse({ stale: true }));
    await render(card);
    expect(await screen.findByText(/Stale data/)).toBeInTheDocument();
  });
});

describe('cards with data', () => {
  it('Replication rules: counts by state, stuck ones, RSEs with most stuck locks', async () => {
    backend(environmentResponse());
    await render(<RucioRulesCard />);
    expect(await screen.findByTestId('rules-STUCK')).toHaveTextContent(
      'STUCK 4',
    );
    expect(screen.getByTestId('rules-WAITING_APPROVAL')).toHaveTextContent(
      'WAITING APPROVAL 1',
    );
    expect(
      screen.getByText(/3 STUCK for more than 24 h · schema fb28a95fe288/),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', {
      name: 'RSEs with the most stuck locks',
    });
    expect(within(table).getByText('SITE_B_DISK')).toBeInTheDocument();
    expect(within(table).getByText('5')).toBeInTheDocument();
  });

  it('Replication rules: says what it needs when no source is configured, never zeros', async () => {
    const response = environmentResponse();
    response.snapshot!.checks.rules = {
      check: 'rules',
      status: 'unconfigured',
      checkedAt: new Date().toISOString(),
      durationMs: 0,
      message:
        'Rule counts need a read-only role on Rucio’s database (database.rucio): Rucio’s REST API has no count of rules by state.',
    };
    backend(response);
    await render(<RucioRulesCard />);
    expect(
      await screen.findByText(/need a read-only role on Rucio’s database/),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('rules-STUCK')).toBeNull();
  });

  it('Transfers: the owners of both RSEs of a link, from the catalog', async () => {
    const OWNERS: Record<string, { spec: { owner: string } } | undefined> = {
      'demo-site_a_disk': { spec: { owner: 'group:default/data-management' } },
      'demo-site_b_s3': { spec: { owner: 'group:default/site-admins' } },
    };
    backend(environmentResponse());
    const api = new RucioStatusClient({
      discoveryApi: {
        getBaseUrl: async id => `http://backstage.test/api/${id}`,
      },
      fetchApi: { fetch: (input, init) => fetch(input, init) },
    });
    const getEntitiesByRefs = jest.fn(
      async ({ entityRefs }: { entityRefs: string[] }) => ({
        items: entityRefs.map(ref => OWNERS[ref.split('/').pop()!]),
      }),
    );
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [rucioApiRef, api],
          [catalogApiRef, { getEntitiesByRefs } as any],
        ]}
      >
        <EntityProvider entity={entity}>
          <RucioTransfersCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    const [first, second] = await screen.findAllByTestId('transfer-row');
    await waitFor(() =>
      expect(first).toHaveTextContent('data-management → site-admins'),
    );
    // An RSE without an entity in the catalog has no owner to show.
    expect(second).toHaveTextContent('— → data-management');
    expect(getEntitiesByRefs.mock.calls[0][0].entityRefs).toContain(
      'resource:default/demo-site_a_disk',
    );
  });

  it('Transfers: the link matrix and the links with their failure ratio', async () => {
    backend(environmentResponse());
    await render(<RucioTransfersCard />);
    const rows = await screen.findAllByTestId('transfer-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('SITE_A_DISK → SITE_B_S3');
    expect(rows[0]).toHaveTextContent('40 / 440');
    expect(rows[0]).toHaveTextContent('5 %');
    expect(rows[1]).toHaveTextContent('100 %');
    expect(screen.getAllByTestId('transfer-cell')).toHaveLength(2);
    expect(
      screen.getByText(
        /2 links · 15 files queued · 8 failed in 1 h · from GET \/requests\/metrics/,
      ),
    ).toBeInTheDocument();
    // The colours say what they mean, and over which window.
    expect(
      screen.getByLabelText('Legend: share of transfers failed over 6 h'),
    ).toHaveTextContent('Failed over 6 h:0 %25 %50 %75 %100 %none finished');
    expect(
      screen.getByRole('columnheader', { name: 'Failed % 6 h' }),
    ).toBeInTheDocument();
  });

  it('Transfers: an RSE that is both a source and a destination draws with keys of its own', async () => {
    const env = environmentResponse();
    const transfers = env.snapshot!.checks.transfers!;
    const [first] = transfers.details!.links;
    const link = (source: string, destination: string) => ({
      ...first,
      source,
      destination,
    });
    transfers.details = {
      ...transfers.details!,
      links: [
        link('DESY-HH_LOCALGROUPDISK', 'NDGF-T1_LOCALGROUPDISK'),
        link('NDGF-T1_LOCALGROUPDISK', 'DESY-HH_LOCALGROUPDISK'),
      ],
    };
    const errors = jest.spyOn(console, 'error');
    try {
      backend(env);
      await render(<RucioTransfersCard />);
      expect(await screen.findAllByTestId('transfer-cell')).toHaveLength(2);
      expect(
        errors.mock.calls.filter(call =>
          /same key/.test(call.map(String).join(' ')),
        ),
      ).toEqual([]);
    } finally {
      errors.mockRestore();
    }
  });

  it('Transfers from Rucio’s database: says when the unindexed history was last read', async () => {
    const env = environmentResponse();
    const transfers = env.snapshot!.checks.transfers!;
    transfers.details = {
      ...transfers.details!,
      source: 'database',
      alembicVersion: 'fb28a95fe288',
      history: {
        readAt: new Date(Date.now() - 20 * 60_000).toISOString(),
        everyMinutes: 60,
      },
    };
    backend(env);
    await render(<RucioTransfersCard />);
    expect(
      await screen.findByText(
        /Done and failed read from requests_history 20 minutes ago, at most every 60 min/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/from Rucio's database \(schema fb28a95fe288\)/),
    ).toBeInTheDocument();
  });

  it('Drift: each difference with the value on both sides, and what was not compared', async () => {
    backend(environmentResponse());
    await render(<RucioDriftCard />);
    const table = await screen.findByRole('table', { name: 'Differences' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(r => r.textContent)).toEqual([
      'SITE_A_DISKLimit MinFreeSpace1000000000000050000000000000',
      'SITE_D_SCRATCHNot in the repositoryabsentserved',
    ]);
    expect(screen.getByText(/3 RSEs declared in/).textContent).toMatch(
      /3 RSEs declared in https:\/\/github\.com\/org\/rucio-demo\/tree\/main\/base\/rses\/ \(read .*\), 3 served by Rucio, 2 compared in detail, 1 not read yet\./,
    );
    expect(
      screen.getByRole('link', { name: /github\.com\/org\/rucio-demo/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/org/rucio-demo/tree/main/base/rses/',
    );
  });

  it('Drift: says why nothing is compared when the catalog names no repository', async () => {
    const response = environmentResponse();
    response.snapshot!.checks.drift = {
      check: 'drift',
      status: 'unconfigured',
      checkedAt: new Date().toISOString(),
      durationMs: 0,
      message:
        'system:default/rucio-demo has no backstage.io/source-location of type url; register it from its repository, or set the annotation, to compare RSEs with Rucio.',
    };
    backend(response);
    await render(<RucioDriftCard />);
    expect(
      await screen.findByText(/has no backstage\.io\/source-location/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('Overview: one row per check, the failing one named, links and Refresh', async () => {
    backend(environmentResponse());
    await render(<RucioOverviewCard />);
    expect(
      await screen.findByText('Demo Rucio environment'),
    ).toBeInTheDocument();
    expect(screen.getByText('demo')).toBeInTheDocument();
    expect(screen.getByText(/Rucio 40\.1\.0/)).toBeInTheDocument();
    const auth = screen.getByTestId('rucio-check-auth');
    expect(auth).toHaveTextContent('refused the connection');
    expect(auth).toHaveTextContent('Error');
    expect(screen.getByTestId('rucio-check-webui')).toHaveTextContent(
      'Not configured',
    );
    expect(screen.getByRole('link', { name: /^WebUI/ })).toHaveAttribute(
      'href',
      'https://webui.example.org',
    );
    expect(screen.getByRole('link', { name: /^Argo CD/ })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(refreshCalls).toBe(1));
    // Each check over 7 days, an hour a cell, with its figure on hover and
    // the last one beside the strip.
    const rses = screen.getByTestId('rucio-check-rses');
    await waitFor(() =>
      expect(within(rses).getAllByTestId('week-hour')).toHaveLength(2),
    );
    expect(
      within(rses)
        .getAllByTestId('week-hour')
        .map(cell => cell.textContent),
    ).toEqual([
      expect.stringMatching(
        / · warning · 4 RSEs not available or below MinFreeSpace · 60 collections$/,
      ),
      expect.stringMatching(
        / · ok · 2 RSEs not available .* · 12 collections$/,
      ),
    ]);
    expect(
      within(rses).getByTitle('RSEs not available or below MinFreeSpace'),
    ).toHaveTextContent('2');
    // The newest hour is the strip's last cell, two hours ago two cells before.
    const [older, newer] = within(rses).getAllByTestId('week-hour');
    expect(
      Number(newer.getAttribute('x')) - Number(older.getAttribute('x')),
    ).toBe(3);
    expect(
      within(screen.getByTestId('rucio-check-server')).queryAllByTestId(
        'week-hour',
      ),
    ).toHaveLength(0);
  });

  it('Overview: Refresh shows its progress until the new collection arrives, then what it found', async () => {
    const before = environmentResponse();
    const after = {
      ...before,
      snapshot: {
        ...before.snapshot!,
        collectedAt: new Date(Date.now() + 1000).toISOString(),
      },
    };
    backend(() => HttpResponse.json(refreshCalls ? after : before));
    await render(<RucioOverviewCard />);
    fireEvent.click(await screen.findByRole('button', { name: 'Refresh' }));
    expect(
      await screen.findByRole('button', { name: 'Collecting…' }),
    ).toBeDisabled();
    await waitFor(() =>
      expect(
        screen.getByRole('status', { name: 'Refresh progress' }),
      ).toHaveTextContent(/^Collecting: every check runs now/),
    );
    // Looked for every 2 s: the newer snapshot ends the progress.
    const result = await screen.findByRole(
      'status',
      { name: 'Refresh result' },
      { timeout: 5000 },
    );
    expect(result.textContent).toMatch(
      /^Collected in \d+ s: error, \d+ checks not OK$/,
    );
    expect(screen.getByRole('button', { name: 'Refresh' })).toBeEnabled();
  });

  it('Overview: hides Refresh from users who may not refresh', async () => {
    backend(
      environmentResponse({ permissions: { refresh: false, sync: false } }),
    );
    await render(<RucioOverviewCard />);
    expect(
      await screen.findByText('Demo Rucio environment'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Refresh' })).toBeNull();
  });

  it('RSEs: rows from the server, MinFreeSpace breach, server-side filter', async () => {
    backend(environmentResponse());
    await render(<RucioRsesCard />);
    expect(await screen.findAllByTestId('rse-row')).toHaveLength(3);
    expect(screen.getByText('below MinFreeSpace')).toBeInTheDocument();
    // Decimal units, as Rucio's own client prints sizes.
    expect(screen.getAllByText('1.0 PB').length).toBeGreaterThan(0);
    // The age of each row's details, from the rotation.
    const [cern, desy] = screen.getAllByTestId('rse-row');
    expect(within(cern).getByText('1 hour ago')).toBeInTheDocument();
    expect(within(desy).getByText('not yet')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Filter RSEs'), {
      target: { value: 'tape' },
    });
    await waitFor(() =>
      expect(screen.getAllByTestId('rse-row')).toHaveLength(1),
    );
    expect(screen.getByText('PIC_TAPE')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Filter RSEs'), {
      target: { value: 'nothing' },
    });
    expect(
      await screen.findByText('No RSE matches "nothing".'),
    ).toBeInTheDocument();
  });

  it('RSEs: narrowed to the state an owner notification links to, until cleared', async () => {
    backend(environmentResponse());
    const asked: string[] = [];
    server.use(
      http.get(`${BASE}/environments/demo/rses`, ({ request }) => {
        const url = new URL(request.url);
        asked.push(url.searchParams.get('status') ?? '');
        return HttpResponse.json(rsesResponse(url));
      }),
    );
    await render(<RucioRsesCard />, '/?rseStatus=below-min-free-space');
    expect(
      await screen.findByText('below MinFreeSpace (1)'),
    ).toBeInTheDocument();
    expect(screen.getAllByTestId('rse-row')).toHaveLength(1);
    expect(asked).toEqual(['below-min-free-space']);
    // The chip's delete icon clears the state.
    const chip = screen.getByTestId('rse-filter-below-min-free-space');
    fireEvent.click(chip.querySelector('.MuiChip-deleteIcon')!);
    await waitFor(() =>
      expect(screen.getAllByTestId('rse-row')).toHaveLength(3),
    );
    expect(
      screen.getByTestId('rse-filter-below-min-free-space').className,
    ).not.toMatch(/colorPrimary/);
    expect(asked.at(-1)).toBe('');
  });

  it('RSEs: the first page is asked for alongside the environment, once', async () => {
    backend(environmentResponse());
    const events: string[] = [];
    server.use(
      http.get(`${BASE}/environments/demo`, async () => {
        events.push('environment asked');
        await new Promise(r => setTimeout(r, 200));
        events.push('environment answered');
        return HttpResponse.json(environmentResponse());
      }),
      http.get(`${BASE}/environments/demo/rses`, ({ request }) => {
        events.push(`rses ${new URL(request.url).search}`);
        return HttpResponse.json(rsesResponse(new URL(request.url)));
      }),
    );
    await render(<RucioRsesCard />);
    expect(await screen.findAllByTestId('rse-row')).toHaveLength(3);
    const rses = events.filter(e => e.startsWith('rses'));
    expect(rses).toHaveLength(1);
    expect(events.indexOf(rses[0])).toBeLessThan(
      events.indexOf('environment answered'),
    );
  });

  it('Certificates: soonest first with days-left chips', async () => {
    backend(environmentResponse());
    await render(<RucioCertificatesCard />);
    expect(
      await screen.findByText('webui.example.org:443'),
    ).toBeInTheDocument();
    expect(screen.getByText('12 d')).toBeInTheDocument();
    expect(screen.getByText('80 d')).toBeInTheDocument();
    expect(screen.getByText('cert-manager')).toBeInTheDocument();
  });

  it('Sync: application, status, revision and Argo CD link', async () => {
    backend(environmentResponse());
    await render(<RucioSyncCard />);
    expect(
      await screen.findByRole('link', { name: /^rucio-daemons/ }),
    ).toHaveAttribute(
      'href',
      'https://argocd.example.org/applications/argocd/rucio-daemons',
    );
    expect(screen.getByText('OutOfSync')).toBeInTheDocument();
    expect(screen.getAllByText('a1b2c3d')).toHaveLength(2);
  });

  it('Daemons: threads, replicas and the stale daemon', async () => {
    backend(environmentResponse());
    await render(<RucioDaemonsCard />);
    expect(await screen.findByText('hermes')).toBeInTheDocument();
    expect(screen.getByText('0/1')).toBeInTheDocument();
    expect(screen.getByText('2/2')).toBeInTheDocument();
    expect(screen.getByTestId('rucio-daemons-message')).toHaveTextContent(
      'hermes',
    );
  });

  it('FTS3: version, DN, proxy in hours and jobs with the window each count covers', async () => {
    backend(environmentResponse());
    await render(<RucioFtsCard />);
    expect(await screen.findByText(/Version 3\.14\.2/)).toBeInTheDocument();
    expect(
      screen.getByText(/\(84 h left; Rucio renews below 72 h\)/),
    ).toBeInTheDocument();
    expect(screen.getByText('Finished in the last hour:')).toBeInTheDocument();
    expect(screen.getByText('FINISHED 170')).toBeInTheDocument();
    expect(
      screen.getByText('Not finished yet (any age, counted up to 500):'),
    ).toBeInTheDocument();
    expect(screen.getByText('SUBMITTED 500+')).toBeInTheDocument();
  });

  it('Database: connections gauge, size and PgBouncer pools', async () => {
    backend(environmentResponse());
    await render(<RucioDatabaseCard />);
    expect(
      await screen.findByText('Connections 40 of 100'),
    ).toBeInTheDocument();
    expect(screen.getByText('Size 5.4 GB')).toBeInTheDocument();
    expect(screen.getByText('rucio/rucio (transaction)')).toBeInTheDocument();
  });

  it('Database: figures hidden from the role are not shown as facts', async () => {
    const env = environmentResponse();
    env.snapshot!.checks.database = {
      check: 'database',
      status: 'warning',
      checkedAt: new Date().toISOString(),
      durationMs: 4,
      message:
        'PostgreSQL 16.4 (primary): 35 sessions of other roles are hidden from monitor, so connections and the oldest transaction are unknown; GRANT pg_monitor TO monitor.',
      details: {
        postgres: {
          version: '16.4',
          role: 'monitor',
          inRecovery: false,
          maxConnections: 100,
          databaseSizeBytes: 5 * 1024 ** 3,
          hiddenSessions: 35,
        },
      },
    };
    backend(env);
    await render(<RucioDatabaseCard />);
    expect(
      await screen.findByText(
        'Connections unknown: 35 sessions hidden (max 100)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Connections hidden from role monitor'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/of 100 connections/)).not.toBeInTheDocument();
    expect(screen.queryByText(/Oldest transaction/)).not.toBeInTheDocument();
  });

  it('a not-configured check says so instead of showing an empty card', async () => {
    const env = environmentResponse();
    env.snapshot!.checks.database = {
      check: 'database',
      status: 'unconfigured',
      checkedAt: new Date().toISOString(),
      durationMs: 0,
      message: 'No database connection is configured.',
    };
    backend(env);
    await render(<RucioDatabaseCard />);
    expect(
      (await screen.findAllByText('Not configured')).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getByText('No database connection is configured.'),
    ).toBeInTheDocument();
  });

  it('the tab composes every card; one failing check leaves the others intact', async () => {
    backend(environmentResponse());
    await render(<EntityRucioContent />);
    expect(
      await screen.findByText('Demo Rucio environment'),
    ).toBeInTheDocument();
    for (const title of [
      'Certificates',
      'GitOps sync',
      'RSEs',
      'Daemons',
      'FTS3',
      'Database',
    ]) {
      expect(screen.getAllByText(title).length).toBeGreaterThan(0);
    }
    expect(await screen.findByText('hermes')).toBeInTheDocument();
  });

  it('the tab says once that the user may not read the environment', async () => {
    backend(
      error(
        403,
        'NotAllowedError',
        'rucio.environment.read: you may not read Rucio environment demo',
      ),
    );
    await render(<EntityRucioContent />);
    expect(
      await screen.findByText('You may not read Rucio environment demo'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Certificates')).toBeNull();
    expect(
      screen.queryByRole('button', { name: 'Change this environment' }),
    ).toBeNull();
  });

  it('Sync: owners can ask for a sync; others do not see the button', async () => {
    backend(environmentResponse());
    await render(<RucioSyncCard />);
    const buttons = await screen.findAllByRole('button', { name: 'Sync now' });
    expect(buttons).toHaveLength(2);
    fireEvent.click(buttons[0]);
    await waitFor(() =>
      expect(syncBodies).toEqual([
        { kind: 'Application', name: 'rucio-daemons' },
      ]),
    );
  });

  it('Sync: no button without the sync permission', async () => {
    backend(
      environmentResponse({ permissions: { refresh: true, sync: false } }),
    );
    await render(<RucioSyncCard />);
    expect(await screen.findByText('OutOfSync')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sync now' })).toBeNull();
  });

  /** The RSE card on the Resource entity of PIC_TAPE. */
  const renderPicTapeCard = () => {
    const api = new RucioStatusClient({
      discoveryApi: {
        getBaseUrl: async id => `http://backstage.test/api/${id}`,
      },
      fetchApi: { fetch: (input, init) => fetch(input, init) },
    });
    return renderInTestApp(
      <TestApiProvider apis={[[rucioApiRef, api]]}>
        <RseEntityProvider
          entity={{
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Resource',
            metadata: {
              name: 'demo-pic_tape',
              annotations: {
                'rucio.cern.ch/environment': 'demo',
                'rucio.cern.ch/rse': 'PIC_TAPE',
              },
            },
            spec: { type: 'rucio-rse', owner: 'group:default/site-admins' },
          }}
        >
          <RucioRseEntityCard />
        </RseEntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
  };

  it('RSE entity card: availability, usage and limits of its own RSE', async () => {
    backend(environmentResponse());
    await renderPicTapeCard();
    expect(await screen.findByText('RSE PIC_TAPE')).toBeInTheDocument();
    // Its state as chips: PIC_TAPE is closed for writes, has no limit and
    // its usage was not read yet.
    const state = await screen.findByRole('list', { name: 'RSE state' });
    expect(
      within(state)
        .getAllByRole('listitem')
        .map(c => c.textContent),
    ).toEqual([
      'read open',
      'closed for writes',
      'delete open',
      'no MinFreeSpace',
      'usage not read yet',
    ]);
    expect(screen.getByText('TAPE')).toBeInTheDocument();
    expect(screen.getByText('no limit')).toBeInTheDocument();
    // Not among the RSEs the rules check names for their stuck locks.
    expect(screen.getByTestId('rse-stuck-locks')).toHaveTextContent(
      'PIC_TAPE is not among the 2 RSEs with the most stuck locks (the last of them has 2).',
    );
    // Back to the environment's tab, through the System that speaks for it.
    expect(
      await screen.findByRole('link', { name: 'Rucio environment' }),
    ).toHaveAttribute('href', '/catalog/default/system/rucio-demo/rucio');
    expect(screen.getByRole('link', { name: /^Rucio WebUI/ })).toHaveAttribute(
      'href',
      'https://webui.example.org/rse/PIC_TAPE',
    );
    expect(screen.getByRole('link', { name: /^FTS3 monitor/ })).toHaveAttribute(
      'href',
      'https://fts:8449/fts3/ftsmon/',
    );
    expect(
      screen.getByText('root://xrootd.pic.es:1094//tape/rucio/'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('No busy transfer link into or out of PIC_TAPE.'),
    ).toBeInTheDocument();
  });

  it('RSE entity card: its space over 7 days with MinFreeSpace as a line, and when it meets it', async () => {
    backend(environmentResponse());
    const hour = (n: number) =>
      new Date(Date.UTC(2026, 11, 1) + n * 3_600_000).toISOString();
    server.use(
      http.get(`${BASE}/environments/demo/rses/PIC_TAPE/space`, () =>
        HttpResponse.json({
          rse: 'PIC_TAPE',
          hours: [0, 1, 2].map(n => ({
            at: hour(n),
            usedBytes: 70e12 + n * 1e12,
            freeBytes: 30e12 - n * 1e12,
            totalBytes: 100e12,
          })),
          days: [
            {
              at: hour(0),
              usedBytes: 70e12,
              freeBytes: 30e12,
              totalBytes: 100e12,
            },
          ],
          minFreeSpaceBytes: 10e12,
          minFreeSpaceDays: 4.5,
        }),
      ),
    );
    await renderPicTapeCard();
    expect(await screen.findByTestId('rse-space-forecast')).toHaveTextContent(
      "Below MinFreeSpace in 4.5 days at the last 7 days' pace.",
    );
    const chart = screen.getByRole('img', { name: 'Space of PIC_TAPE' });
    expect(
      await within(chart).findByText('MinFreeSpace 10.0 TB'),
    ).toBeInTheDocument();
    expect(chart.querySelectorAll('.recharts-line')).toHaveLength(2);
    // 90 days keeps one day so far: too few to draw.
    fireEvent.click(screen.getByRole('button', { name: '90 days, daily' }));
    expect(screen.getByText(/^1 figure kept so far/)).toBeInTheDocument();
  });

  it('RSE entity card: the transfer links into and out of its RSE', async () => {
    const response = environmentResponse();
    const [first, second] = response.snapshot!.checks.transfers!.details!.links;
    response.snapshot!.checks.transfers!.details!.links = [
      { ...first, destination: 'PIC_TAPE' },
      { ...second, source: 'PIC_TAPE' },
      { ...first, source: 'X', destination: 'Y' },
    ];
    backend(response);
    await renderPicTapeCard();
    const links = await screen.findAllByTestId('rse-transfer-link');
    expect(links.map(l => l.textContent)).toEqual([
      expect.stringMatching(/^in from SITE_A_DISK15440225 %$/),
      expect.stringMatching(/^out to SITE_A_DISK0099100 %$/),
    ]);
    // The RSE at the other end links to its page.
    expect(
      within(links[0]).getByRole('link', { name: 'SITE_A_DISK' }),
    ).toHaveAttribute('href', '/catalog/default/resource/demo-site_a_disk');
  });
});
