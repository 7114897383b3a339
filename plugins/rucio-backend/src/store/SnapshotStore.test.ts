import type { EnvironmentSnapshot } from '@rucio-portal/plugin-rucio-common';
import knexFactory, { type Knex } from 'knex';
import { temporaryPostgres } from '../__testUtils__/temporaryPostgres';
import { SnapshotStore } from './SnapshotStore';

const CHECKS = ['server', 'auth', 'webui'] as const;

/** One collection whose checks share one checkedAt, as a fast run does. */
function collection(run: number) {
  const at = new Date(Date.UTC(2026, 10, 30, 10, 0, run)).toISOString();
  const snapshot = {
    environment: 'prod',
    title: 'prod',
    collectedAt: at,
    status: 'ok',
    checks: Object.fromEntries(
      CHECKS.map(check => [
        check,
        { check, status: 'ok', message: '', checkedAt: at, durationMs: 1 },
      ]),
    ),
  } as unknown as EnvironmentSnapshot;
  return { snapshot, rses: [] };
}

describe('SnapshotStore', () => {
  const postgres = temporaryPostgres('rucio_store');
  const clients: Knex[] = [];
  afterAll(() => Promise.all(clients.map(c => c.destroy())));

  const connect: Record<string, () => Knex> = {
    postgres: () => postgres.connect(),
    sqlite: () =>
      knexFactory({
        client: 'better-sqlite3',
        connection: ':memory:',
        useNullAsDefault: true,
      }),
  };

  it.each(Object.keys(connect))(
    'keeps exactly historySize runs of history (%s)',
    async kind => {
      const knex = connect[kind]();
      clients.push(knex);
      const store = await SnapshotStore.create({
        database: { getClient: async () => knex },
      } as any);
      jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 10, 30, 11));
      for (let run = 0; run < 12; run++) {
        await store.save(collection(run), 4);
      }
      jest.restoreAllMocks();
      const history = await store.history('prod', 1000);
      expect(history).toHaveLength(4 * CHECKS.length);
      expect(new Set(history.map(h => h.checkedAt)).size).toBe(4);
      expect(history[0].checkedAt).toBe('2026-11-30T10:00:08.000Z');
    },
    60_000,
  );
});
