import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { environmentResponse, RSES } from '../../__testUtils__/environment';
import { renderCard, RUCIO_API } from '../../__testUtils__/renderCard';
import { RucioRsesCard } from './RucioRsesCard';

const server = setupServer();
registerMswTestHooks(server);

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
    server.use(
      http.get(`${RUCIO_API}/environments/demo`, () =>
        HttpResponse.json(environmentResponse()),
      ),
      http.get(`${RUCIO_API}/environments/demo/rses`, () =>
        HttpResponse.json({
          items: [accounted, RSES[1]],
          total: 2,
          offset: 0,
          limit: 25,
        }),
      ),
    );
    await renderCard(<RucioRsesCard />);
    const [unknown, known] = await screen.findAllByTestId('rse-row');
    expect(within(unknown).getByText('unknown')).toBeInTheDocument();
    expect(within(unknown).queryByRole('progressbar')).toBeNull();
    expect(within(known).getByRole('progressbar')).toBeInTheDocument();
  });
});
