import { registerMswTestHooks } from '@backstage/test-utils';
import type { DriftItem } from '@rucio-portal/plugin-rucio-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { environmentResponse } from '../../__testUtils__/environment';
import { renderCard, RUCIO_API } from '../../__testUtils__/renderCard';
import { RucioDriftCard } from './RucioDriftCard';

const server = setupServer();
registerMswTestHooks(server);

/** The demo response with a drift check of 1,005 differences, 200 kept. */
function cappedDrift() {
  const response = environmentResponse();
  const attribute = (i: number): DriftItem => ({
    rse: `RSE_${String(i).padStart(4, '0')}`,
    kind: 'attribute',
    key: 'site',
    repository: 'A',
    rucio: 'B',
  });
  const items: DriftItem[] = [
    {
      rse: 'RSE_GONE',
      kind: 'missing',
      repository: 'declared',
      rucio: 'absent',
    },
    {
      rse: 'RSE_NEW',
      kind: 'undeclared',
      repository: 'absent',
      rucio: 'served',
    },
    {
      rse: 'RSE_0020',
      kind: 'protocol',
      key: 'https://h:443',
      repository: 'https://h:443',
      rucio: 'absent',
    },
    {
      rse: 'RSE_0020',
      kind: 'protocol',
      key: 'https://h:8443',
      repository: 'absent',
      rucio: 'https://h:8443',
    },
    {
      rse: 'RSE_0030',
      kind: 'limit',
      key: 'MinFreeSpace',
      repository: '1',
      rucio: '2',
    },
    ...Array.from({ length: 195 }, (_, i) => attribute(i)),
  ];
  response.snapshot!.checks.drift!.details = {
    ...response.snapshot!.checks.drift!.details!,
    items,
    total: 1005,
    counts: {
      missing: 1,
      undeclared: 1,
      protocol: 2,
      limit: 1,
      attribute: 1000,
    },
  };
  server.use(
    http.get(`${RUCIO_API}/environments/demo`, () =>
      HttpResponse.json(response),
    ),
  );
}

const rows = () =>
  within(screen.getByRole('table', { name: 'Differences' }))
    .getAllByRole('row')
    .slice(1);

describe('RucioDriftCard', () => {
  it('counts each kind of all differences and says what the cap leaves out', async () => {
    cappedDrift();
    await renderCard(<RucioDriftCard />);
    expect(
      await screen.findByText(
        'The first 200 of 1,005 differences (not shown: 805 more attributes).',
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('button').map(b => b.textContent)).toEqual([
      'Not in Rucio 1',
      'Not in the repository 1',
      'Protocol 2',
      'Limit 1',
      'Attribute 1,000',
    ]);
    expect(rows()).toHaveLength(200);
    expect(rows()[0]).toHaveTextContent('RSE_GONENot in Rucio');
  });

  it('filters by kind and by RSE, and says when nothing of the kept ones matches', async () => {
    cappedDrift();
    await renderCard(<RucioDriftCard />);
    fireEvent.click(await screen.findByRole('button', { name: 'Protocol 2' }));
    expect(rows().map(r => r.textContent)).toEqual([
      'RSE_0020Protocol https://h:443https://h:443absent',
      'RSE_0020Protocol https://h:8443absenthttps://h:8443',
    ]);
    fireEvent.change(screen.getByLabelText('Filter differences by RSE'), {
      target: { value: 'rse_0030' },
    });
    expect(screen.queryByRole('table')).toBeNull();
    expect(
      screen.getByText('No difference of the first 200 matches this filter.'),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Protocol 2' }));
    expect(rows().map(r => r.textContent)).toEqual([
      'RSE_0030Limit MinFreeSpace12',
      'RSE_0030Attribute siteAB',
    ]);
  });
});
