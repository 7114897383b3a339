import {
  coreServices,
  createServiceFactory,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { closedPort } from './__testUtils__/fixtures';
import { temporaryPostgres } from './__testUtils__/temporaryPostgres';
import { rucioPlugin } from './plugin';

// Two backend instances on one PostgreSQL (the machine's, 127.0.0.1:5432)
// with the real scheduler: the global collection task runs on one of them.
describe('several backend instances on one database', () => {
  const postgres = temporaryPostgres('rucio_multi');

  it('collect once per interval between them, and both serve the result', async () => {
    const port = await closedPort();
    const config = {
      rucio: {
        environments: [
          {
            name: 'shared',
            rucio: { url: `http://127.0.0.1:${port}`, token: 't' },
            schedule: { intervalSeconds: 3, checkTimeoutSeconds: 1 },
          },
        ],
      },
    };
    const instance = async () => {
      const knex = postgres.connect();
      return startTestBackend({
        features: [
          rucioPlugin,
          mockServices.rootConfig.factory({ data: config }),
          mockServices.database.factory({ knex }),
          schedulerServiceFactory,
        ],
      });
    };
    const a = await instance();
    const b = await instance();
    await new Promise(resolve => setTimeout(resolve, 8500));
    const rows = await postgres
      .connect()('rucio_history')
      .where({ check: 'server' })
      .select('checked_at');
    // Within 8.5 s at a 3 s interval one instance makes about 3 collections;
    // two instances collecting on their own would make about 6.
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.length).toBeLessThanOrEqual(4);

    const [fromA, fromB] = await Promise.all([
      request(a.server).get('/api/rucio/environments/shared'),
      request(b.server).get('/api/rucio/environments/shared'),
    ]);
    expect(fromA.status).toBe(200);
    expect(fromA.body.snapshot.checks.server.status).toBe('error');
    expect(fromB.body.snapshot?.collectedAt).toBeDefined();
    await a.stop();
    await b.stop();
  }, 30_000);

  it('share twelve environments between three instances: each collected once per interval, by more than one instance', async () => {
    const port = await closedPort();
    const names = Array.from({ length: 12 }, (_, i) => `env${i + 1}`);
    const config = {
      rucio: {
        environments: names.map(name => ({
          name,
          rucio: { url: `http://127.0.0.1:${port}`, token: 't' },
          schedule: { intervalSeconds: 4, checkTimeoutSeconds: 1 },
        })),
      },
    };
    /** A root logger that keeps the names of the environments it collected. */
    const collectedBy = (lines: string[]) => {
      const logger: LoggerService = {
        info: message => {
          const name = message.match(
            /^Collected Rucio environment (\S+):/,
          )?.[1];
          if (name) lines.push(name);
        },
        warn: () => {},
        error: () => {},
        debug: () => {},
        child: () => logger,
      };
      return createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => logger,
      });
    };
    const collected: string[][] = [[], [], []];
    // Replicas of one deployment start together. On a new database they
    // would race to create knex's migration tables (Backstage's scheduler
    // creates its own the same way), so one instance creates them first.
    const migrator = await startTestBackend({
      features: [
        rucioPlugin,
        // One environment, so that the scheduler creates its tables too.
        mockServices.rootConfig.factory({
          data: {
            rucio: {
              environments: [
                {
                  ...config.rucio.environments[0],
                  schedule: { intervalSeconds: 3600 },
                },
              ],
            },
          },
        }),
        mockServices.database.factory({ knex: postgres.connect() }),
        schedulerServiceFactory,
      ],
    });
    await migrator.stop();
    const instances = await Promise.all(
      collected.map(lines =>
        startTestBackend({
          features: [
            rucioPlugin,
            mockServices.rootConfig.factory({ data: config }),
            mockServices.database.factory({ knex: postgres.connect() }),
            schedulerServiceFactory,
            collectedBy(lines),
          ],
        }),
      ),
    );
    await new Promise(resolve => setTimeout(resolve, 13_000));
    await Promise.all(instances.map(i => i.stop()));

    const all = collected.flat();
    // 13 s at a 4 s interval: 3 or 4 runs (the first after 1 s); three
    // instances collecting on their own would make 9 or more.
    const runs = names.map(name => all.filter(n => n === name).length);
    expect(Math.min(...runs)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...runs)).toBeLessThanOrEqual(4);
    expect(collected.filter(lines => lines.length > 0).length).toBeGreaterThan(
      1,
    );
    // eslint-disable-next-line no-console
    console.info(
      `runs per environment ${runs.join(' ')}; per instance ${collected
        .map(l => l.length)
        .join(' ')}`,
    );
  }, 60_000);
});
