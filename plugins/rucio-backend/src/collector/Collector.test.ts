import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Check } from '../checks/Check';
import type { EnvironmentClients } from '../clients/EnvironmentClients';
import { readEnvironmentConfigs } from '../config/readEnvironmentConfigs';
import { Collector } from './Collector';

const [env] = readEnvironmentConfigs(
  new ConfigReader({
    rucio: {
      environments: [
        {
          name: 'unit',
          rucio: { url: 'https://rucio.example.org', token: 't' },
          schedule: { checkTimeoutSeconds: 1 },
        },
      ],
    },
  }),
);

const clients = {} as EnvironmentClients;

describe('Collector', () => {
  it('stops every check at once when the collection is aborted', async () => {
    const aborted: string[] = [];
    const hang = (id: string) => ({
      id,
      run: ({ signal }: { signal: AbortSignal }) =>
        new Promise(() => {
          signal.addEventListener('abort', () => aborted.push(id));
        }),
    });
    const collector = Collector.create({
      logger: mockServices.logger.mock(),
      checks: [hang('server'), hang('rses')] as unknown as Check[],
    });
    const stop = new AbortController();
    const started = Date.now();
    const collecting = collector.collect(env, clients, stop.signal);
    setTimeout(() => stop.abort(), 50);
    const { snapshot } = await collecting;
    // Well before the 1 s check timeout (and the RSE check's 6 s).
    expect(Date.now() - started).toBeLessThan(500);
    expect(aborted.sort()).toEqual(['rses', 'server']);
    expect(snapshot.checks.rses).toMatchObject({
      status: 'error',
      message: 'The rses check was stopped with the collection.',
    });
  });

  it('keeps the other checks when one throws and one never answers', async () => {
    let sawAbort = false;
    const checks = [
      {
        id: 'server',
        run: async () => ({
          status: 'ok',
          message: 'fine',
          details: { url: 'x' },
        }),
      },
      {
        id: 'webui',
        run: async () => {
          throw new Error('Rucio WebUI https://ui refused the connection');
        },
      },
      {
        id: 'fts',
        run: ({ signal }) =>
          new Promise(() => {
            signal.addEventListener('abort', () => {
              sawAbort = true;
            });
          }),
      },
    ] as Check[];
    const collector = Collector.create({
      logger: mockServices.logger.mock(),
      checks,
    });
    const started = Date.now();
    const { snapshot } = await collector.collect(env, clients);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(snapshot.status).toBe('error');
    expect(snapshot.checks.server).toMatchObject({
      status: 'ok',
      message: 'fine',
    });
    expect(snapshot.checks.webui).toMatchObject({
      status: 'error',
      message: 'Rucio WebUI https://ui refused the connection',
    });
    expect(snapshot.checks.fts).toMatchObject({
      status: 'error',
      message: 'The fts check did not finish within 1 s.',
    });
    expect(sawAbort).toBe(true);
    for (const result of Object.values(snapshot.checks)) {
      expect(result!.durationMs).toBeGreaterThanOrEqual(0);
      expect(Date.parse(result!.checkedAt)).not.toBeNaN();
    }
  });

  it('ignores unconfigured checks in the overall status', async () => {
    const collector = Collector.create({
      logger: mockServices.logger.mock(),
      checks: [
        { id: 'server', run: async () => ({ status: 'ok', message: 'up' }) },
        {
          id: 'sync',
          run: async () => ({ status: 'unconfigured', message: 'none' }),
        },
      ] as Check[],
    });
    const { snapshot } = await collector.collect(env, clients);
    expect(snapshot.status).toBe('ok');
  });
});
