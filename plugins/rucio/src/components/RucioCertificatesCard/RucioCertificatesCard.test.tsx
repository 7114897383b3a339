import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { environmentResponse } from '../../__testUtils__/environment';
import { renderCard, RUCIO_API } from '../../__testUtils__/renderCard';
import { RucioCertificatesCard } from './RucioCertificatesCard';

const server = setupServer();
registerMswTestHooks(server);

const certificate = (name: string, over: object) => ({
  name,
  source: 'tls',
  status: 'ok',
  message: name,
  dnsNames: [name],
  ...over,
});

describe('RucioCertificatesCard', () => {
  it('colours the days-left chip by the days alone, and shows a trust problem as a chip of its own', async () => {
    const response = environmentResponse();
    response.snapshot!.checks.certificates!.details = {
      certificates: [
        certificate('soon.example.org:443', {
          status: 'error',
          daysLeft: 2.9,
          daysStatus: 'error',
        }),
        certificate('self.example.org:443', {
          status: 'error',
          daysLeft: 89.9,
          daysStatus: 'ok',
          problem: 'the certificate is self-signed',
        }),
        certificate('other.example.org:443', {
          status: 'error',
          daysLeft: 119.9,
          daysStatus: 'ok',
          problem:
            'the certificate is for a.example.org, not other.example.org',
        }),
      ],
    } as any;
    server.use(
      http.get(`${RUCIO_API}/environments/demo`, () =>
        HttpResponse.json(response),
      ),
    );
    await renderCard(<RucioCertificatesCard />);
    const table = await screen.findByRole('table', { name: 'Certificates' });
    const [, soon, self, other] = within(table).getAllByRole('row');
    const colour = (row: HTMLElement, label: string) =>
      within(row)
        .getByText(label)
        .closest('.MuiChip-root')!
        .getAttribute('style');
    expect(colour(soon, '2.9 d')).toContain(
      'background-color: rgb(211, 47, 47)',
    );
    expect(within(soon).queryByText('self-signed')).toBeNull();
    expect(colour(self, '89.9 d')).toContain(
      'background-color: rgb(46, 125, 50)',
    );
    expect(within(self).getByText('self-signed')).toBeInTheDocument();
    expect(colour(other, '119.9 d')).toContain(
      'background-color: rgb(46, 125, 50)',
    );
    expect(within(other).getByText('wrong host')).toBeInTheDocument();
  });
});
