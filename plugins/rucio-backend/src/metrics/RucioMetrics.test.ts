import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import { RucioMetrics } from './RucioMetrics';

function fakeMetrics() {
  const gauges = new Map<
    string,
    (r: { observe(v: number, a?: object): void }) => void
  >();
  const histogram: Array<[number, object | undefined]> = [];
  const metrics = {
    createHistogram: () => ({
      record: (v: number, a?: object) => histogram.push([v, a]),
    }),
    createObservableGauge: (name: string) => ({
      addCallback: (cb: any) => gauges.set(name, cb),
      removeCallback: () => {},
    }),
  } as unknown as MetricsService;
  const observe = async (name: string) => {
    const seen: Array<[number, object | undefined]> = [];
    await gauges.get(name)!({ observe: (v, a) => seen.push([v, a]) });
    return seen;
  };
  return { metrics, observe, histogram };
}

describe('RucioMetrics', () => {
  it('exports check status, certificate and proxy expiry, database usage, RSE free space and collection duration', async () => {
    const { metrics, observe, histogram } = fakeMetrics();
    // What the store holds: possibly collected by another backend instance.
    const latest: any[] = [];
    const rucio = RucioMetrics.create(metrics, { latest: async () => latest });
    const notAfter = new Date(Date.now() + 86_400_000).toISOString();
    const collection = {
      snapshot: {
        environment: 'prod',
        title: 'prod',
        collectedAt: new Date().toISOString(),
        status: 'error',
        checks: {
          server: {
            check: 'server',
            status: 'ok',
            message: '',
            checkedAt: '',
            durationMs: 1,
          },
          daemons: {
            check: 'daemons',
            status: 'error',
            message: '',
            checkedAt: '',
            durationMs: 1,
          },
          fts: {
            check: 'fts',
            status: 'ok',
            message: '',
            checkedAt: '',
            durationMs: 1,
            details: {
              servers: [
                {
                  url: 'https://fts3.example.org:8446',
                  status: 'ok',
                  message: '',
                  proxyExpiresAt: notAfter,
                  finishedLastHour: { FINISHED: 4, FAILED: 2 },
                  queued: { SUBMITTED: 6 },
                  queuedCapped: false,
                },
                {
                  url: 'https://fts3-b.example.org:8446',
                  status: 'error',
                  message: 'refused',
                },
              ],
            },
          },
          database: {
            check: 'database',
            status: 'ok',
            message: '',
            checkedAt: '',
            durationMs: 1,
            details: {
              postgres: {
                version: '16.4',
                inRecovery: false,
                connections: 40,
                maxConnections: 100,
                databaseSizeBytes: 1,
              },
            },
          },
          certificates: {
            check: 'certificates',
            status: 'error',
            message: '',
            checkedAt: '',
            durationMs: 1,
            details: {
              certificates: [
                {
                  name: 'rucio:443',
                  source: 'tls',
                  status: 'error',
                  message: '',
                  dnsNames: [],
                  notAfter,
                },
              ],
            },
          },
        },
      },
      rses: [
        {
          name: 'A',
          type: 'DISK',
          availabilityRead: true,
          availabilityWrite: true,
          availabilityDelete: true,
          freeBytes: 42,
          belowMinFreeSpace: false,
          attributes: {},
        },
      ],
    } as any;
    latest.push(collection);
    rucio.record(collection, 1234);
    expect(await observe('rucio.check.status')).toEqual([
      [0, { environment: 'prod', check: 'server' }],
      [3, { environment: 'prod', check: 'daemons' }],
      [0, { environment: 'prod', check: 'fts' }],
      [0, { environment: 'prod', check: 'database' }],
      [3, { environment: 'prod', check: 'certificates' }],
    ]);
    const [[seconds, attrs]] = await observe('rucio.certificate.expiry');
    expect(seconds).toBeGreaterThan(86_000);
    expect(attrs).toEqual({
      environment: 'prod',
      certificate: 'rucio:443',
      source: 'tls',
    });
    const proxies = await observe('rucio.fts.proxy.expiry');
    expect(proxies).toHaveLength(1);
    expect(proxies[0][0]).toBeGreaterThan(86_000);
    expect(proxies[0][1]).toEqual({
      environment: 'prod',
      server: 'https://fts3.example.org:8446',
    });
    const server = 'https://fts3.example.org:8446';
    expect(await observe('rucio.fts.jobs')).toEqual([
      [
        4,
        {
          environment: 'prod',
          server,
          state: 'FINISHED',
          window: 'finished-last-hour',
        },
      ],
      [
        2,
        {
          environment: 'prod',
          server,
          state: 'FAILED',
          window: 'finished-last-hour',
        },
      ],
      [
        6,
        {
          environment: 'prod',
          server,
          state: 'SUBMITTED',
          window: 'unfinished',
        },
      ],
    ]);
    expect(await observe('rucio.database.connections.usage')).toEqual([
      [0.4, { environment: 'prod' }],
    ]);
    expect(await observe('rucio.rse.free')).toEqual([
      [42, { environment: 'prod', rse: 'A' }],
    ]);
    expect(histogram).toEqual([[1234, { environment: 'prod' }]]);
  });
});

describe('RucioMetrics data plane', () => {
  it('exports rules by state, stuck rules, queued files of the top links only and the drift count', async () => {
    const { metrics, observe } = fakeMetrics();
    const links = Array.from({ length: 30 }, (_, i) => ({
      source: `S${i}`,
      destination: 'D',
      queuedFiles: i,
    }));
    const latest: any[] = [
      {
        snapshot: {
          environment: 'prod',
          checks: {
            rules: {
              details: {
                byState: { OK: 3, STUCK: 4 },
                stuckOlder: { hours: 24, count: 3 },
              },
            },
            transfers: { details: { links } },
            // The snapshot keeps the first 200 items; the gauge counts all.
            drift: { details: { total: 250, items: [] } },
          },
        },
        rses: [],
      },
    ];
    RucioMetrics.create(metrics, { latest: async () => latest });
    expect(await observe('rucio.rules')).toEqual([
      [3, { environment: 'prod', state: 'OK' }],
      [4, { environment: 'prod', state: 'STUCK' }],
    ]);
    expect(await observe('rucio.rules.stuck_older')).toEqual([
      [3, { environment: 'prod', hours: '24' }],
    ]);
    const queued = await observe('rucio.transfers.queued');
    // Bounded: the 20 links with most queued, busiest first.
    expect(queued).toHaveLength(20);
    expect(queued[0]).toEqual([
      29,
      { environment: 'prod', source: 'S29', destination: 'D' },
    ]);
    expect(queued.at(-1)![0]).toBe(10);
    expect(await observe('rucio.drift')).toEqual([
      [250, { environment: 'prod' }],
    ]);
  });
});
