import type {
  EnvironmentSnapshot,
  RseRow,
} from '@rucio-portal/plugin-rucio-common';
import { storeDatabases } from '../__testUtils__/storeDatabases';

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
  const databases = storeDatabases('rucio_store');

  it.each(databases.kinds)(
    'keeps exactly historySize runs of history (%s)',
    async kind => {
      const { store } = await databases.open(kind);
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

  it.each(databases.kinds)(
    'keeps each check per hour for a week: the worst status, the last figure, the collections (%s)',
    async kind => {
      const { knex, store } = await databases.open(kind);
      /** A collection at `at` whose rses check has `status` and `problems`. */
      const at = (iso: string, status: string, problems: number) => {
        const { snapshot } = collection(0);
        snapshot.collectedAt = iso;
        (snapshot.checks as any).rses = {
          check: 'rses',
          status,
          message: '',
          checkedAt: iso,
          durationMs: 1,
          details: {
            total: 10,
            unavailable: problems,
            belowMinFreeSpace: 1,
            usedBytes: 0,
            totalBytes: 0,
          },
        };
        return { snapshot, rses: [] };
      };
      // Nine days of one collection an hour, then three in the last hour.
      const start = Date.UTC(2026, 10, 21, 0);
      for (let h = 0; h < 9 * 24; h++) {
        const iso = new Date(start + h * 3_600_000).toISOString();
        await store.save(at(iso, 'ok', 0), 4);
      }
      const last = start + 9 * 24 * 3_600_000;
      await store.save(at(new Date(last + 60_000).toISOString(), 'ok', 0), 4);
      await store.save(
        at(new Date(last + 120_000).toISOString(), 'warning', 2),
        4,
      );
      await store.save(at(new Date(last + 180_000).toISOString(), 'ok', 1), 4);
      // Older than 8 days is gone, whatever is asked for.
      const rows = await knex('rucio_check_hours').where({ check: 'rses' });
      expect(rows).toHaveLength(8 * 24 + 1);
      jest.spyOn(Date, 'now').mockReturnValue(last + 200_000);
      const week = await store.checkHours('prod', 7);
      jest.restoreAllMocks();
      const rses = week.filter(h => h.check === 'rses');
      expect(rses).toHaveLength(7 * 24 + 1);
      expect(rses.at(-1)).toEqual({
        check: 'rses',
        hour: new Date(last).toISOString(),
        status: 'warning',
        value: 2,
        collections: 3,
      });
      expect(rses[0]).toMatchObject({ status: 'ok', value: 1 });
      // Checks without a figure keep none.
      expect(week.find(h => h.check === 'server')).not.toHaveProperty('value');
    },
    120_000,
  );

  it('keeps details read outside a collection, also when a collection that did not read them is stored next', async () => {
    const { store } = await databases.open('sqlite');
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
