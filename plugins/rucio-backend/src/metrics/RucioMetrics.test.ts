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
  const observe = (name: string) => {
    const seen: Array<[number, object | undefined]> = [];
    gauges.get(name)!({ observe: (v, a) => seen.push([v, a]) });
    return seen;
  };
  return { metrics, observe, histogram };
}

describe('RucioMetrics', () => {
  it('exports check status, certificate expiry, RSE free space and collection duration', () => {
    const { metrics, observe, histogram } = fakeMetrics();
    const rucio = RucioMetrics.create(metrics);
    const notAfter = new Date(Date.now() + 86_400_000).toISOString();
    rucio.record(
      {
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
      },
      1234,
    );
    expect(observe('rucio.check.status')).toEqual([
      [0, { environment: 'prod', check: 'server' }],
      [3, { environment: 'prod', check: 'daemons' }],
      [3, { environment: 'prod', check: 'certificates' }],
    ]);
    const [[seconds, attrs]] = observe('rucio.certificate.expiry');
    expect(seconds).toBeGreaterThan(86_000);
    expect(attrs).toEqual({
      environment: 'prod',
      certificate: 'rucio:443',
      source: 'tls',
    });
    expect(observe('rucio.rse.free')).toEqual([
      [42, { environment: 'prod', rse: 'A' }],
    ]);
    expect(histogram).toEqual([[1234, { environment: 'prod' }]]);
  });
});
