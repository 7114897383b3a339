import type {
  EnvironmentSnapshot,
  RseRow,
} from '@rucio-portal/plugin-rucio-common';
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

  it('keeps details read outside a collection, also when a collection that did not read them is stored next', async () => {
    const knex = connect.sqlite();
    clients.push(knex);
    const store = await SnapshotStore.create({
      database: { getClient: async () => knex },
    } as any);
    const row = (detailsCheckedAt?: string, free?: number): RseRow => ({
      name: 'SITE_A_DISK',
      type: 'DISK' as const,
      availabilityRead: true,
      availabilityWrite: true,
      availabilityDelete: true,
      belowMinFreeSpace: false,
      attributes: detailsCheckedAt
        ? { SITE_A_DISK: true }
        : ({} as RseRow['attributes']),
      ...(detailsCheckedAt ? { detailsCheckedAt, freeBytes: free } : {}),
    });
    await store.save({ ...collection(0), rses: [row()] }, 4);
    // Adoption read it while the next collection, which did not, ran.
    await store.updateLatestRses('prod', rows =>
      rows.map(() => row('2026-11-30T10:00:01.000Z', 5)),
    );
    await store.save({ ...collection(2), rses: [row()] }, 4);
    expect((await store.fresh('prod', 0))!.rses).toEqual([
      row('2026-11-30T10:00:01.000Z', 5),
    ]);
    // A collection that read it later wins.
    await store.save(
      { ...collection(3), rses: [row('2026-11-30T10:00:03.000Z', 7)] },
      4,
    );
    expect((await store.fresh('prod', 0))!.rses[0].freeBytes).toBe(7);
  });
});
