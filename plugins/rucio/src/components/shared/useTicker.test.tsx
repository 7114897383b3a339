import { act, screen } from '@testing-library/react';
import { registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { environmentResponse } from '../../__testUtils__/environment';
import { renderCard, RUCIO_API } from '../../__testUtils__/renderCard';
import { RucioDaemonsCard } from '../RucioDaemonsCard';
import { AGE_TICK_MS } from './useTicker';

const server = setupServer();
registerMswTestHooks(server);

describe('ages on the cards', () => {
  afterEach(() => jest.useRealTimers());

  it('count up between collections, with no request in between', async () => {
    // Fake clocks that still move on their own, so requests and retries run.
    jest.useFakeTimers({ advanceTimers: true });
    let requests = 0;
    const response = environmentResponse();
    server.use(
      http.get(`${RUCIO_API}/environments/demo`, () => {
        requests++;
        return HttpResponse.json(response);
      }),
    );
    // With signals the card does not poll: only the ticker draws it again.
    await renderCard(<RucioDaemonsCard />, '/', { signals: true });
    expect(
      await screen.findByText(/^checked .*seconds? ago$/),
    ).toBeInTheDocument();
    const seen = requests;
    await act(async () => {
      jest.advanceTimersByTime(5 * 60_000 + AGE_TICK_MS);
    });
    expect(screen.getByText(/^checked 5 minutes ago$/)).toBeInTheDocument();
    expect(requests).toBe(seen);
  });
});
