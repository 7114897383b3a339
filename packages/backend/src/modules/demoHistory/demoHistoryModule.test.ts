import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import rucioPlugin from '@rucio-portal/plugin-rucio-backend';
import type {
  CheckHour,
  GetRseSpaceResponse,
  RseRow,
} from '@rucio-portal/plugin-rucio-common';
import type { ChildProcess } from 'node:child_process';
import request from 'supertest';
import { startDemoCli } from '../../__testUtils__/startDemoCli';
import { rucioModuleDemoHistory } from './demoHistoryModule';
import { DUE_IN_DAYS } from './demoPast';

jest.setTimeout(120_000);

const HOUR = 3_600_000;

/**
 * The module in a backend with the real rucio plugin, against the demo's
 * command line: what it writes is read back through the plugin's own API,
 * so the tables' shape and the plugin's readers hold it.
 */
describe("the demo environment's made-up past", () => {
  let demo: { child: ChildProcess; ports: Record<string, number> };
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const user = mockCredentials.user.header('user:default/ada');

  const environment = (name: string, demoFlag: boolean) => ({
    name,
    demo: demoFlag,
    rucio: {
      url: `http://127.0.0.1:${demo.ports.rucio}`,
      authUrl: `http://127.0.0.1:${demo.ports.auth}`,
      account: 'root',
      userpass: { username: 'ddmlab', password: 'demo-password' },
    },
    // Every RSE's details in each collection.
    schedule: { intervalSeconds: 3600, rseDetailRequestsPerMinute: 60_000 },
  });

  beforeAll(async () => {
    demo = await startDemoCli('rucio-demo-history-');
    backend = await startTestBackend({
      features: [
        rucioPlugin,
        rucioModuleDemoHistory,
        mockServices.rootConfig.factory({
          data: {
            rucio: {
              environments: [
                environment('demo', true),
                environment('real', false),
              ],
            },
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    demo?.child.kill('SIGTERM');
  });

  const get = (path: string) =>
    request(backend.server).get(`/api/rucio${path}`).set('Authorization', user);

  async function until<T>(read: () => Promise<T | undefined>): Promise<T> {
    for (let i = 0; i < 300; i++) {
      const value = await read();
      if (value !== undefined) return value;
      await new Promise(r => setTimeout(r, 200));
    }
    throw new Error('timed out');
  }

  const rses = async (name: string): Promise<RseRow[]> =>
    (await get(`/environments/${name}/rses?limit=1000`)).body.items ?? [];

  it('gives a demo environment a week of check hours, 90 days of RSE space and RSEs due to reach MinFreeSpace', async () => {
    for (const name of ['demo', 'real']) {
      await request(backend.server)
        .post(`/api/rucio/environments/${name}/refresh`)
        .set('Authorization', user)
        .expect(202);
    }
    const first = await until(async () => {
      const rows = await rses('demo');
      return rows.length && rows.every(r => r.detailsCheckedAt)
        ? rows
        : undefined;
    });

    // A week of hours, one row per check and hour, before the first own.
    const hours: CheckHour[] = await until(async () => {
      const body = (await get('/environments/demo/history')).body;
      return body.hours?.length > 24 * 10 ? body.hours : undefined;
    });
    const server = hours.filter(h => h.check === 'server');
    const span =
      Date.parse(server[server.length - 1].hour) - Date.parse(server[0].hour);
    expect(span).toBeGreaterThanOrEqual(7 * 24 * HOUR);
    expect(new Set(server.map(h => h.hour)).size).toBe(server.length);
    // The night the server was down, 52 hours before the first collection.
    const current = Date.parse(server[server.length - 1].hour);
    expect(
      server.find(h => Date.parse(h.hour) === current - 52 * HOUR),
    ).toMatchObject({ status: 'error' });
    // The plugin's own hour is its own: one collection, not the made-up 60.
    expect(server[server.length - 1].collections).toBe(1);
    // Each hour has the figure of a check that has one.
    const auth = hours.filter(h => h.check === 'auth');
    expect(auth.length).toBe(server.length);
    expect(auth.every(h => h.value! > 0)).toBe(true);

    // 90 days of space for each RSE read, ending at the plugin's own read.
    const spaced = first.find(r => r.freeBytes !== undefined)!;
    const space: GetRseSpaceResponse = await until(async () => {
      const body = (await get(`/environments/demo/rses/${spaced.name}/space`))
        .body;
      return body.days?.length >= 90 ? body : undefined;
    });
    expect(space.hours.length).toBeGreaterThanOrEqual(7 * 24);
    for (const p of [...space.days, ...space.hours]) {
      expect(p.freeBytes! + p.usedBytes).toBe(p.totalBytes);
    }

    // The next read fits the week: the two RSEs due in 4 and 20 days.
    await request(backend.server)
      .post('/api/rucio/environments/demo/refresh')
      .set('Authorization', user)
      .expect(202);
    const due = await until(async () => {
      const rows = (await rses('demo')).filter(
        r => r.minFreeSpaceDays !== undefined && r.minFreeSpaceDays > 0,
      );
      return rows.length ? rows : undefined;
    });
    const days = due.map(r => r.minFreeSpaceDays!).sort((a, b) => a - b);
    expect(days[0]).toBeGreaterThan(DUE_IN_DAYS[0] - 1.5);
    expect(days[0]).toBeLessThan(DUE_IN_DAYS[0] + 1.5);
    expect(days.filter(d => d <= 7)).toHaveLength(1);
    expect(days.some(d => d > 7)).toBe(true);

    // An environment not marked as a demo keeps only what was collected.
    const real = (await get('/environments/real/history')).body.hours;
    expect(new Set(real.map((h: CheckHour) => h.hour)).size).toBe(1);
    const realRse = (await rses('real')).find(r => r.freeBytes !== undefined)!;
    const realSpace = (
      await get(`/environments/real/rses/${realRse.name}/space`)
    ).body;
    expect(realSpace.days).toHaveLength(1);
  });
});
