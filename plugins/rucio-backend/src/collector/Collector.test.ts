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
