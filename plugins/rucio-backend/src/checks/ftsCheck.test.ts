import { FtsClient } from '../clients/FtsClient';
import { serveFtsRecordings } from '../__testUtils__/ftsReplay';
import { ftsCheck } from './ftsCheck';

/**
 * The FTS3 check on the recorded server: its proxy ends 2026-12-04T03:02:48
 * UTC (recording 20), judged at several moments.
 */
describe('ftsCheck on the recorded FTS3 3.13.4', () => {
  let server: Awaited<ReturnType<typeof serveFtsRecordings>>;
  beforeAll(async () => {
    server = await serveFtsRecordings();
  });
  afterAll(() => server.close());
  afterEach(() => jest.restoreAllMocks());

  async function at(iso: string, config: Record<string, number> = {}) {
    jest.spyOn(Date, 'now').mockReturnValue(Date.parse(iso));
    const result = await ftsCheck.run({
      clients: {
        fts: [FtsClient.fromConfig({ url: server.url, ...config }, 'k')],
      },
      signal: AbortSignal.timeout(5000),
    } as any);
    return result.details!.servers[0];
  }

  it('finds a freshly delegated 96-hour proxy healthy', async () => {
    // 90 h left, as at recording time: between Rucio's 72 h renewal and 96 h.
    const server0 = await at('2026-11-30T09:02:48Z');
    expect(server0).toMatchObject({ status: 'ok', proxyHoursLeft: 90 });
    expect(server0.message).toBe(`FTS3 ${server.url} runs 3.13.4.`);
  });

  it('warns below 48 h and errs below 12 h, saying what the renewal should do', async () => {
    const warning = await at('2026-12-03T03:02:48Z');
    expect(warning).toMatchObject({ status: 'warning', proxyHoursLeft: 24 });
    expect(warning.message).toContain(
      "the delegated proxy has 24 h left; Rucio's renewal should keep it above 72 h, so the renewal is not running",
    );
    expect(await at('2026-12-03T20:02:48Z')).toMatchObject({
      status: 'error',
      proxyHoursLeft: 7,
    });
    const expired = await at('2026-12-05T00:00:00Z');
    expect(expired.status).toBe('error');
    expect(expired.message).toContain(
      'the delegated proxy expired on 2026-12-04T03:02:48.000Z',
    );
  });

  it('takes the thresholds of the server’s config', async () => {
    expect(
      await at('2026-12-03T03:02:48Z', {
        proxyWarningHours: 12,
        proxyErrorHours: 6,
      }),
    ).toMatchObject({ status: 'ok' });
  });

  it('reports finished jobs of the last hour and unfinished ones separately', async () => {
    expect(await at('2026-11-30T09:02:48Z')).toMatchObject({
      finishedLastHour: {
        FINISHED: 4,
        FAILED: 2,
        CANCELED: 1,
        FINISHEDDIRTY: 1,
      },
      queued: { SUBMITTED: 6, ACTIVE: 6 },
      queuedCapped: false,
    });
  });
});
