import { row } from '../__testUtils__/notificationScenario';
import { storeDatabases } from '../__testUtils__/storeDatabases';
import { daysToMinFreeSpace } from './rseSpace';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TB = 1e12;

describe('daysToMinFreeSpace', () => {
  const start = Date.UTC(2026, 11, 1);
  /** Hourly points over `days`, losing `perDay` bytes a day from `from`. */
  const line = (days: number, from: number, perDay: number) =>
    Array.from({ length: days * 24 + 1 }, (_, h) => ({
      t: start + h * HOUR,
      free: from - (perDay * h) / 24,
    }));

  it('gives the days until a steady decline crosses MinFreeSpace', () => {
    // 30 TB free after 5 days at −2 TB a day, MinFreeSpace 10 TB: 10 days.
    const points = line(5, 40 * TB, 2 * TB);
    const now = start + 5 * DAY;
    expect(daysToMinFreeSpace(points, 10 * TB, now)).toBe(10);
    // Read an hour later, an hour nearer.
    expect(daysToMinFreeSpace(points, 10 * TB, now + 12 * HOUR)).toBe(9.5);
  });

  it('gives nothing with under 3 days of figures, or without a decline', () => {
    expect(daysToMinFreeSpace(line(2, 40 * TB, 2 * TB), 10 * TB, start)).toBe(
      undefined,
    );
    expect(daysToMinFreeSpace(line(5, 40 * TB, 0), 10 * TB, start)).toBe(
      undefined,
    );
    expect(daysToMinFreeSpace(line(5, 20 * TB, -1 * TB), 10 * TB, start)).toBe(
      undefined,
    );
  });

  it('says 0 when the RSE is below MinFreeSpace already', () => {
    expect(daysToMinFreeSpace(line(1, 9 * TB, 0), 10 * TB, start)).toBe(0);
  });
});

describe('RSE space in the store', () => {
  const databases = storeDatabases('rucio_space');

  it.each(databases.kinds)(
    'keeps the last read of each hour for 7 days and of each day for 90, and fits each RSE read (%s)',
    async kind => {
      const { knex, store } = await databases.open(kind);
      const start = Date.UTC(2026, 8, 1);
      const read = (at: number, free: number) =>
        row('SITE_DISK', {
          usedBytes: 100 * TB - free,
          freeBytes: free,
          totalBytes: 100 * TB,
          minFreeSpaceBytes: 10 * TB,
          detailsCheckedAt: new Date(at).toISOString(),
        });
      const save = (at: number, free: number) =>
        store.save(
          {
            snapshot: {
              environment: 'prod',
              title: 'prod',
              collectedAt: new Date(at).toISOString(),
              status: 'ok',
              checks: {},
            },
            rses: [read(at, free)],
          } as any,
          4,
        );
      // 100 days, read every 3 hours, losing 0.5 TB a day from 80 TB.
      const end = start + 100 * DAY;
      for (let at = start; at <= end; at += 3 * HOUR) {
        await save(at, 80 * TB - ((at - start) / DAY) * 0.5 * TB);
      }
      // A collection that did not read the details keeps the fit.
      await store.save(
        {
          snapshot: {
            environment: 'prod',
            title: 'prod',
            collectedAt: new Date(end + HOUR).toISOString(),
            status: 'ok',
            checks: {},
          },
          rses: [{ ...read(end, 0), detailsCheckedAt: undefined }],
        } as any,
        4,
      );
      const stored = await knex('rucio_rse_space')
        .select('resolution', knex.raw('count(*) as n'))
        .groupBy('resolution');
      const counts = Object.fromEntries(
        stored.map((r: any) => [r.resolution, Number(r.n)]),
      );
      // Reads every 3 h: 56 hours in 7 days, and 91 days (today's included).
      expect(counts).toEqual({ hour: 57, day: 91 });
      jest.spyOn(Date, 'now').mockReturnValue(end);
      const space = await store.rseSpace('prod', 'SITE_DISK');
      jest.restoreAllMocks();
      expect(space.hours).toHaveLength(57);
      expect(space.days.length).toBeGreaterThanOrEqual(90);
      expect(space.hours.at(-1)).toEqual({
        at: new Date(end).toISOString(),
        usedBytes: 70 * TB,
        freeBytes: 30 * TB,
        totalBytes: 100 * TB,
      });
      // 30 TB free, −0.5 TB a day, MinFreeSpace 10 TB: 40 days.
      const [kept] = store.latest('prod')!.rses;
      expect(kept.minFreeSpaceDays).toBe(40);
    },
    120_000,
  );
});
