import { ConfigReader } from '@backstage/config';
import type { KubernetesReader } from '../clients/KubernetesReader';
import { RucioClient } from '../clients/RucioClient';
import { readEnvironmentConfigs } from '../config/readEnvironmentConfigs';
import { recorded, replay, serve } from '../__testUtils__/fixtures';
import { daemonsCheck } from './daemonsCheck';

/**
 * The daemons check on the heartbeats a real Rucio 1.31.7 listed
 * (read_533: abacus-rse, judge-evaluator ×2, external-probe), judged a few
 * seconds after they were written, against rucio-daemons Deployments.
 */

const RECORDED_AT = Date.parse('2026-11-29T22:42:50Z');

/** The recorded heartbeats, plus one more row of the same shape. */
function heartbeats(extra: Array<{ readable: string; updated_at: string }>) {
  const exchange = recorded('read_533_heartbeats');
  const rows = JSON.parse(exchange.response.body);
  const added = extra.map(e => ({ ...rows[0], ...e }));
  return {
    ...exchange,
    response: {
      ...exchange.response,
      body: JSON.stringify([...rows, ...added]),
    },
  };
}

function deployments(names: string[]): KubernetesReader {
  return {
    name: 'Kubernetes cluster test',
    list: async () =>
      names.map(name => ({
        metadata: { name },
        spec: { replicas: 1 },
        status: { readyReplicas: 1 },
      })),
  } as unknown as KubernetesReader;
}

describe('daemonsCheck', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  let extra: Array<{ readable: string; updated_at: string }> = [];

  beforeAll(async () => {
    server = await serve((req, res) => {
      if (req.url === '/auth/userpass') {
        replay(res, recorded('read_501_auth_userpass_ok_again'), {
          '<token>': 'tok',
        });
      } else {
        replay(res, heartbeats(extra));
      }
    });
  });
  afterAll(() => server.close());
  afterEach(() => jest.restoreAllMocks());

  async function run(daemons: Record<string, any>, names: string[]) {
    jest.spyOn(Date, 'now').mockReturnValue(RECORDED_AT);
    const [env] = readEnvironmentConfigs(
      new ConfigReader({
        rucio: {
          environments: [
            {
              name: 'rec',
              rucio: {
                url: server.url,
                account: 'root',
                userpass: { username: 'ddmlab', password: 'secret' },
              },
              kubernetes: { cluster: 'c', namespace: 'rucio' },
              daemons,
            },
          ],
        },
      }),
    );
    return daemonsCheck.run({
      env,
      clients: {
        rucio: RucioClient.fromEnvironment(env, 'k'),
        kubernetes: deployments(names),
      },
      signal: AbortSignal.timeout(5000),
    } as any);
  }

  it('matches Deployments to daemons by their exact name: dark-reaper is not reaper', async () => {
    extra = [
      { readable: 'reaper', updated_at: 'Sun, 29 Nov 2026 22:42:40 UTC' },
    ];
    const result = await run({}, [
      'rucio-daemons-abacus-rse',
      'rucio-daemons-judge-evaluator',
      'rucio-daemons-reaper',
      'rucio-daemons-dark-reaper',
    ]);
    const byName = Object.fromEntries(
      result.details!.daemons.map(d => [d.name, d.status]),
    );
    expect(byName).toEqual({
      'abacus-rse': 'ok',
      'dark-reaper': 'error',
      'external-probe': 'ok',
      'judge-evaluator': 'ok',
      reaper: 'ok',
    });
    expect(result.message).toBe(
      '1 of 5 daemons have no fresh heartbeat: dark-reaper (older than 120 s).',
    );
  });

  it('judges each daemon by its own staleness threshold', async () => {
    // A reaper beat 10 minutes before: stale for the default, fresh for its own.
    extra = [
      { readable: 'reaper', updated_at: 'Sun, 29 Nov 2026 22:32:50 UTC' },
    ];
    const shared = await run({}, ['rucio-daemons-reaper']);
    expect(
      shared.details!.daemons.find(d => d.name === 'reaper'),
    ).toMatchObject({ status: 'error', staleAfterSeconds: 120 });
    const own = await run(
      { perDaemon: { reaper: { staleAfterSeconds: 3600 } } },
      ['rucio-daemons-reaper'],
    );
    expect(own.details!.daemons.find(d => d.name === 'reaper')).toMatchObject({
      status: 'ok',
      staleAfterSeconds: 3600,
    });
  });
});
