import { mockServices } from '@backstage/backend-test-utils';
import type { RseRow } from '@rucio-portal/plugin-rucio-common';
import type { EnvironmentClients } from '../clients/EnvironmentClients';
import type { RucioRse } from '../clients/rucioResources';
import type { EnvironmentConfig } from '../config/readEnvironmentConfigs';
import { OTHER_REQUESTS, rseDetailBudget } from './rseDetailRotation';
import { rsesCheck } from './rsesCheck';

/** A Rucio that counts the requests it answers and how many ran at once. */
function countingRucio(rses: RucioRse[], failing = new Set<string>()) {
  const stats = {
    requests: 0,
    inFlight: 0,
    maxInFlight: 0,
    perRse: new Map<string, number>(),
  };
  const answer = async <T>(rse: string, value: T): Promise<T> => {
    stats.requests++;
    stats.perRse.set(rse, (stats.perRse.get(rse) ?? 0) + 1);
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    await new Promise(resolve => setTimeout(resolve, 1));
    stats.inFlight--;
    if (failing.has(rse)) throw new Error(`${rse} answered 500`);
    return value;
  };
  const rucio = {
    async listRses(_signal: AbortSignal, onRse: (r: RucioRse) => void) {
      rses.forEach(onRse);
      return rses.length;
    },
    getRseAttributes: (rse: string) => answer(rse, { site: `site-${rse}` }),
    getRseUsage: (rse: string) =>
      answer(rse, [
        { source: 'storage', used: 1, free: 9, total: 10, files: 1 },
      ]),
    getRseLimits: (rse: string) => answer(rse, { MinFreeSpace: 5 }),
    getRseProtocols: (rse: string) => answer(rse, []),
  };
  return { clients: { rucio } as unknown as EnvironmentClients, stats };
}

const listed = (count: number, updatedAt = 'Mon, 30 Nov 2026 09:29:19 UTC') =>
  Array.from({ length: count }, (_, i) => ({
    id: `id${i}`,
    rse: `RSE_${String(i).padStart(3, '0')}`,
    rse_type: 'DISK',
    availability_read: true,
    availability_write: i !== 0,
    updated_at: updatedAt,
  }));

function env(schedule: Partial<EnvironmentConfig['schedule']>) {
  return {
    name: 'prod',
    rucio: { url: 'https://rucio.example.org' },
    schedule: {
      intervalSeconds: 60,
      checkTimeoutSeconds: 10,
      rseConcurrency: 8,
      rseDetailRequestsPerMinute: 240,
      historySize: 10,
      ...schedule,
    },
  } as EnvironmentConfig;
}

async function run(
  e: EnvironmentConfig,
  clients: EnvironmentClients,
  previousRses?: RseRow[],
) {
  return rsesCheck.run({
    env: e,
    clients,
    signal: new AbortController().signal,
    logger: mockServices.logger.mock(),
    previousRses,
  });
}

describe('rsesCheck request budget', () => {
  it('keeps at most rseConcurrency requests in flight, not rseConcurrency RSEs', async () => {
    const { clients, stats } = countingRucio(listed(20));
    await run(
      env({ rseConcurrency: 3, rseDetailRequestsPerMinute: 10_000 }),
      clients,
    );
    expect(stats.requests).toBe(80);
    expect(stats.maxInFlight).toBe(3);
  });

  it('spends at most rseDetailRequestsPerMinute over the interval, the other requests included', async () => {
    const schedule = env({}).schedule;
    // 240 a minute at 60 s: 240 - 8 others = 232, 58 RSEs of 4 requests.
    expect(rseDetailBudget(schedule)).toBe(58);
    expect(58 * 4 + OTHER_REQUESTS).toBeLessThanOrEqual(240);
    expect(rseDetailBudget({ ...schedule, intervalSeconds: 30 })).toBe(28);
    // Never nothing at all: one RSE per collection at the least.
    expect(
      rseDetailBudget({ ...schedule, rseDetailRequestsPerMinute: 1 }),
    ).toBe(1);
    const { clients, stats } = countingRucio(listed(1000));
    await run(env({}), clients);
    expect(stats.requests).toBe(58 * 4);
  });
});

describe('rsesCheck details rotation', () => {
  const e = env({ rseDetailRequestsPerMinute: 100 }); // 23 RSEs a collection

  it('reads new RSEs first, keeps earlier details, and covers every RSE in ceil(total / budget) collections', async () => {
    const rses = listed(100);
    let previous: RseRow[] | undefined;
    const seen = new Set<string>();
    const collections: Array<{ refreshed?: number; pending?: number }> = [];
    const rereads: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { clients, stats } = countingRucio(rses);
      const outcome = await run(e, clients, previous);
      // Nothing read twice while some RSE was never read (collections 1-4).
      const reread = [...stats.perRse.keys()].filter(rse => seen.has(rse));
      rereads.push(reread.length);
      stats.perRse.forEach((_, rse) => seen.add(rse));
      collections.push({
        refreshed: outcome.details?.detailsRefreshed,
        pending: outcome.details?.detailsPending,
      });
      previous = outcome.rses;
    }
    expect(collections).toEqual([
      { refreshed: 23, pending: 77 },
      { refreshed: 23, pending: 54 },
      { refreshed: 23, pending: 31 },
      { refreshed: 23, pending: 8 },
      { refreshed: 23, pending: 0 },
    ]);
    expect(seen.size).toBe(100);
    // The fifth reads the last 8 new ones and 15 read longest ago.
    expect(rereads).toEqual([0, 0, 0, 0, 15]);
    // Details read in an earlier collection are still on the row.
    const first = previous!.find(r => r.name === 'RSE_000')!;
    expect(first).toMatchObject({
      attributes: { site: 'site-RSE_000' },
      freeBytes: 9,
      minFreeSpaceBytes: 5,
      availabilityWrite: false,
    });
    expect(first.detailsCheckedAt).toBeDefined();
  });

  it('moves an RSE whose updated_at changed before those read longest ago', async () => {
    const rses = listed(30);
    const tick = () => new Promise(resolve => setTimeout(resolve, 5));
    // 000-022 read first; then 023-029 (new) and 000-015 (oldest, by name).
    const first = await run(e, countingRucio(rses).clients);
    await tick();
    const second = await run(e, countingRucio(rses).clients, first.rses);
    await tick();
    const changed = rses.map(r =>
      r.rse === 'RSE_029'
        ? { ...r, updated_at: 'Tue, 01 Dec 2026 08:00:00 UTC' }
        : r,
    );
    const { clients, stats } = countingRucio(changed);
    await run(e, clients, second.rses);
    const read = [...stats.perRse.keys()];
    expect(read).toHaveLength(23);
    // Read longest ago: 016-022; then by name among the rest. RSE_029, read
    // in the last collection, comes before them all since it changed, and
    // pushes RSE_015 out.
    expect(read).toContain('RSE_029');
    expect(read).toEqual(
      expect.arrayContaining(['RSE_016', 'RSE_022', 'RSE_014']),
    );
    expect(read).not.toContain('RSE_015');
  });

  it('keeps the earlier details of an RSE whose details fail, and says which', async () => {
    const rses = listed(2);
    const first = await run(e, countingRucio(rses).clients);
    const { clients } = countingRucio(rses, new Set(['RSE_001']));
    const outcome = await run(e, clients, first.rses);
    expect(outcome.status).toBe('warning');
    expect(outcome.message).toContain(
      '1 could not be read (first: RSE_001: RSE_001 answered 500)',
    );
    expect(outcome.rses!.find(r => r.name === 'RSE_001')).toMatchObject({
      freeBytes: 9,
      detailsCheckedAt: first.rses!.find(r => r.name === 'RSE_001')!
        .detailsCheckedAt,
    });
  });
});
