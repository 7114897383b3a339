import { registerMswTestHooks } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  environmentResponse,
  RSES,
  rsesResponse,
} from '../../__testUtils__/environment';
import { renderCard, RUCIO_API } from '../../__testUtils__/renderCard';
import { RucioRsesCard } from './RucioRsesCard';

const server = setupServer();
registerMswTestHooks(server);

/** The demo backend; each RSE request's query is kept in `asked`. */
function backend(asked: URLSearchParams[] = []) {
  server.use(
    http.get(`${RUCIO_API}/environments/demo`, () =>
      HttpResponse.json(environmentResponse()),
    ),
    http.get(`${RUCIO_API}/environments/demo/rses`, ({ request }) => {
      const url = new URL(request.url);
      asked.push(url.searchParams);
      return HttpResponse.json(rsesResponse(url));
    }),
  );
  return asked;
}

describe('RucioRsesCard', () => {
  it('shows an RSE whose free space Rucio does not report as unknown, not as full', async () => {
    // Rucio's own accounting row (source "rucio"): free null, total = used.
    const accounted = {
      ...RSES[0],
      name: 'ACCOUNTED_DISK',
      usedBytes: 5e14,
      totalBytes: 5e14,
      freeBytes: undefined,
    };
    backend();
    server.use(
      http.get(`${RUCIO_API}/environments/demo/rses`, ({ request }) =>
        HttpResponse.json({
          ...rsesResponse(new URL(request.url)),
          items: [accounted, RSES[1]],
          total: 2,
        }),
      ),
    );
    await renderCard(<RucioRsesCard />);
    const [unknown, known] = await screen.findAllByTestId('rse-row');
    expect(within(unknown).getByText('unknown')).toBeInTheDocument();
    expect(within(unknown).queryByRole('progressbar')).toBeNull();
    expect(within(known).getByRole('progressbar')).toBeInTheDocument();
  });

  it('offers each state the RSEs are in, with the count the summary gives', async () => {
    const asked = backend();
    await renderCard(<RucioRsesCard />);
    await screen.findAllByTestId('rse-row');
    const summary = environmentResponse().snapshot!.checks.rses!.details!;
    expect(screen.getByTestId('rse-filter-not-available').textContent).toBe(
      `not available for read or write (${summary.unavailable})`,
    );
    expect(
      screen.getByTestId('rse-filter-below-min-free-space').textContent,
    ).toBe(`below MinFreeSpace (${summary.belowMinFreeSpace})`);
    expect(screen.getByTestId('rse-filter-details-not-read').textContent).toBe(
      `with details not read yet (${summary.detailsPending})`,
    );
    // No RSE is closed for deletes: no chip for it.
    expect(screen.queryByTestId('rse-filter-closed-for-deletes')).toBeNull();
    fireEvent.click(screen.getByTestId('rse-filter-details-not-read'));
    await waitFor(() =>
      expect(screen.getAllByTestId('rse-row')).toHaveLength(2),
    );
    expect(asked.at(-1)!.get('status')).toBe('details-not-read');
  });

  it('keeps search, state, sort and page in the URL and starts from it', async () => {
    const asked = backend();
    await renderCard(
      <RucioRsesCard />,
      '/?rseQ=pic&rseStatus=not-available&rseSort=files&rseOrder=desc&rsePage=2&rseRows=25&tab=x',
    );
    await screen.findByText(/No RSE matches "pic"/);
    const first = asked[0];
    expect(Object.fromEntries(first)).toEqual({
      q: 'pic',
      status: 'not-available',
      sort: 'files',
      order: 'desc',
      offset: '25',
      limit: '25',
    });
    expect(screen.getByLabelText('Filter RSEs')).toHaveValue('pic');
  });

  it('sorts by every column, the second click reversing', async () => {
    const asked = backend();
    await renderCard(<RucioRsesCard />);
    await screen.findAllByTestId('rse-row');
    const headers = within(screen.getByRole('table', { name: 'RSEs' }))
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(headers).toEqual([
      'RSE',
      'R / W / D',
      'Usage',
      'Free',
      'MinFreeSpace in',
      'Used',
      'Total',
      'Type',
      'Files',
      'Site / country / tier',
      'Usage read',
    ]);
    const sorts: string[] = [];
    for (const label of headers) {
      fireEvent.click(screen.getByRole('button', { name: label! }));
      const before = asked.length;
      await waitFor(() => expect(asked.length).toBeGreaterThan(before));
      sorts.push(`${asked.at(-1)!.get('sort')} ${asked.at(-1)!.get('order')}`);
    }
    expect(sorts).toEqual([
      'name desc',
      'availability asc',
      'usage asc',
      'free asc',
      'minFreeSpaceDays asc',
      'used asc',
      'total asc',
      'type asc',
      'files asc',
      'site asc',
      'detailsCheckedAt asc',
    ]);
  });

  it('says when each RSE falls below MinFreeSpace at its pace, — without a fit', async () => {
    backend();
    server.use(
      http.get(`${RUCIO_API}/environments/demo/rses`, ({ request }) =>
        HttpResponse.json({
          ...rsesResponse(new URL(request.url)),
          items: [
            { ...RSES[0], minFreeSpaceDays: 4.5 },
            { ...RSES[1], minFreeSpaceDays: 0 },
            RSES[2],
          ],
        }),
      ),
    );
    await renderCard(<RucioRsesCard />);
    await screen.findAllByTestId('rse-row');
    expect(
      screen.getAllByTestId('rse-min-free-space-days').map(c => c.textContent),
    ).toEqual(['4.5 d', 'now', '—']);
  });

  it('links each RSE to its catalog page', async () => {
    backend();
    await renderCard(<RucioRsesCard />);
    const [cern] = await screen.findAllByTestId('rse-row');
    expect(
      within(cern).getByRole('link', { name: 'CERN-PROD_DATADISK' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/resource/demo-cern-prod_datadisk',
    );
  });

  it('shows sizes in decimal units unless rucio.ui.byteUnits says binary', async () => {
    backend();
    const { unmount } = await renderCard(<RucioRsesCard />);
    const [cern] = await screen.findAllByTestId('rse-row');
    // 1e15 bytes: 1.0 PB decimal, 909 TiB binary (≈ 10 % apart).
    expect(within(cern).getAllByText('1.0 PB')).toHaveLength(2);
    unmount();
    await renderCard(<RucioRsesCard />, '/', {
      config: { rucio: { ui: { byteUnits: 'binary' } } },
    });
    const [binary] = await screen.findAllByTestId('rse-row');
    expect(within(binary).getAllByText('909 TiB')).toHaveLength(2);
  });

  it('says how old the usage figures are apart from when the list was checked', async () => {
    backend();
    await renderCard(<RucioRsesCard />);
    await screen.findAllByTestId('rse-row');
    expect(
      screen.getByText(/^list checked .* · usage read .* or later$/),
    ).toBeInTheDocument();
  });
});
