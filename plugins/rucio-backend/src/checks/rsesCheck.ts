import type { RseRow } from '@rucio-portal/plugin-rucio-common';
import type { RucioRse, RucioRseUsage } from '../clients/rucioResources';
import type { Check } from './Check';
import { mapLimit } from './mapLimit';
import {
  pickRsesForDetails,
  REQUESTS_PER_RSE,
  rseDetailBudget,
} from './rseDetailRotation';

/** Storage-reported usage wins over Rucio's own counter. */
function pickUsage(rows: RucioRseUsage[]) {
  return (
    rows.find(r => r.source === 'storage') ??
    rows.find(r => r.source === 'rucio') ??
    rows[0]
  );
}

function toRow(
  rse: RucioRse,
  attributes: Record<string, string | boolean | number>,
  usage: RucioRseUsage | undefined,
  limits: Record<string, number>,
  protocols?: RseRow['protocols'],
): RseRow {
  const minFree =
    typeof limits.MinFreeSpace === 'number' ? limits.MinFreeSpace : undefined;
  const free = usage?.free ?? undefined;
  const attrs: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(attributes)) {
    // Rucio always adds the RSE's own name as an attribute set to true.
    if (key !== rse.rse) {
      attrs[key] = typeof value === 'number' ? String(value) : value;
    }
  }
  return {
    name: rse.rse,
    type:
      rse.rse_type === 'DISK' || rse.rse_type === 'TAPE'
        ? rse.rse_type
        : 'UNKNOWN',
    // Rucio treats a missing flag as available.
    availabilityRead: rse.availability_read !== false,
    availabilityWrite: rse.availability_write !== false,
    availabilityDelete: rse.availability_delete !== false,
    usedBytes: usage?.used ?? undefined,
    freeBytes: free,
    totalBytes: usage?.total ?? undefined,
    files: usage?.files ?? undefined,
    minFreeSpaceBytes: minFree,
    belowMinFreeSpace:
      minFree !== undefined && free !== undefined && free < minFree,
    attributes: attrs,
    updatedAt: rse.updated_at,
    // Kept whole: the drift check compares them with the repository.
    protocols: protocols?.map(p => ({
      scheme: p.scheme,
      hostname: p.hostname,
      port: p.port,
      prefix: p.prefix,
      impl: p.impl,
      domains: p.domains,
      extended_attributes: p.extended_attributes,
    })),
    limits,
  };
}

type Details = Pick<
  RseRow,
  | 'usedBytes'
  | 'freeBytes'
  | 'totalBytes'
  | 'files'
  | 'minFreeSpaceBytes'
  | 'attributes'
  | 'protocols'
  | 'limits'
  | 'detailsCheckedAt'
>;

const DETAIL_FIELDS: Array<keyof Details> = [
  'usedBytes',
  'freeBytes',
  'totalBytes',
  'files',
  'minFreeSpaceBytes',
  'attributes',
  'protocols',
  'limits',
  'detailsCheckedAt',
];

/** A fresh list entry with the details read in an earlier collection. */
function withEarlierDetails(
  rse: RucioRse,
  earlier: RseRow | undefined,
): RseRow {
  const row = toRow(rse, {}, undefined, {});
  delete row.limits;
  if (!earlier?.detailsCheckedAt) return row;
  const details = Object.fromEntries(
    DETAIL_FIELDS.map(k => [k, earlier[k]]),
  ) as Details;
  const minFree = details.minFreeSpaceBytes;
  const free = details.freeBytes;
  return {
    ...row,
    ...details,
    belowMinFreeSpace:
      minFree !== undefined && free !== undefined && free < minFree,
  };
}

/**
 * Every RSE with availability (from the list, every collection) and usage,
 * limits, attributes and protocols (read on a rotation within the request
 * budget, at most `rseConcurrency` requests in flight).
 */
export const rsesCheck: Check<'rses'> = {
  id: 'rses',
  async run({ env, clients, signal, previousRses }) {
    const rses: RucioRse[] = [];
    await clients.rucio.listRses(signal, rse => {
      if (!rse.deleted) rses.push(rse);
    });
    const previous = new Map((previousRses ?? []).map(r => [r.name, r]));
    const refresh = pickRsesForDetails(
      rses,
      previous,
      rseDetailBudget(env.schedule),
    );
    const refreshed = rses.filter(r => refresh.has(r.rse));
    const { rucio } = clients;
    // One task per request, so that rseConcurrency bounds requests, not RSEs.
    const requests = refreshed.flatMap(rse => [
      () => rucio.getRseAttributes(rse.rse, signal),
      () => rucio.getRseUsage(rse.rse, signal),
      () => rucio.getRseLimits(rse.rse, signal),
      // An RSE without protocols answers 404 RSEProtocolNotSupported.
      () =>
        rucio.getRseProtocols(rse.rse, signal).catch(error => {
          if (error?.exceptionClass === 'RSEProtocolNotSupported') return [];
          throw error;
        }),
    ]);
    const answers = await mapLimit(
      requests,
      env.schedule.rseConcurrency,
      signal,
      (request: () => Promise<unknown>) => request(),
    );
    const checkedAt = new Date().toISOString();
    const fresh = new Map<string, RseRow>();
    const failures: string[] = [];
    refreshed.forEach((rse, i) => {
      const [attributes, usage, limits, protocols] = answers.slice(
        i * REQUESTS_PER_RSE,
        (i + 1) * REQUESTS_PER_RSE,
      );
      const failed = [attributes, usage, limits, protocols].find(
        a => a.status === 'rejected',
      ) as PromiseRejectedResult | undefined;
      if (failed) {
        failures.push(
          `${rse.rse}: ${(failed.reason as Error)?.message ?? failed.reason}`,
        );
        return;
      }
      const value = <T>(a: PromiseSettledResult<unknown>) =>
        (a as PromiseFulfilledResult<T>).value;
      fresh.set(rse.rse, {
        ...toRow(
          rse,
          value<Record<string, string | boolean | number>>(attributes),
          pickUsage(value<RucioRseUsage[]>(usage)),
          value<Record<string, number>>(limits),
          value<RseRow['protocols']>(protocols),
        ),
        detailsCheckedAt: checkedAt,
      });
    });
    const rows: RseRow[] = rses.map(
      rse =>
        fresh.get(rse.rse) ?? withEarlierDetails(rse, previous.get(rse.rse)),
    );
    if (signal.aborted) {
      throw signal.reason ?? new Error('timed out');
    }

    const unavailable = rows.filter(
      r => !r.availabilityRead || !r.availabilityWrite,
    ).length;
    const belowMinFreeSpace = rows.filter(r => r.belowMinFreeSpace).length;
    const detailsPending = rows.filter(r => !r.detailsCheckedAt).length;
    const oldestDetailsAt = rows
      .map(r => r.detailsCheckedAt)
      .filter((t): t is string => !!t)
      .sort()[0];
    const details = {
      total: rows.length,
      unavailable,
      belowMinFreeSpace,
      usedBytes: rows.reduce((s, r) => s + (r.usedBytes ?? 0), 0),
      totalBytes: rows.reduce((s, r) => s + (r.totalBytes ?? 0), 0),
      detailsRefreshed: fresh.size,
      detailsPending,
      oldestDetailsAt,
    };
    const problems: string[] = [];
    if (unavailable)
      problems.push(`${unavailable} not available for read or write`);
    if (belowMinFreeSpace)
      problems.push(`${belowMinFreeSpace} below MinFreeSpace`);
    if (failures.length) {
      problems.push(
        `${failures.length} could not be read (first: ${failures[0]})`,
      );
    }
    if (!rows.length) {
      return {
        status: 'warning',
        message: `Rucio server ${env.rucio.url} has no RSEs.`,
        details,
        rses: rows,
      };
    }
    // Details still to be read make the figures incomplete, not the RSEs unhealthy.
    const pending = detailsPending
      ? ` Usage and limits of ${detailsPending} not read yet (${rseDetailBudget(
          env.schedule,
        )} RSEs per collection).`
      : '';
    return {
      status: problems.length ? 'warning' : 'ok',
      message: `${
        problems.length
          ? `${rows.length} RSEs: ${problems.join('; ')}.`
          : `All ${rows.length} RSEs are available and above their free-space limits.`
      }${pending}`,
      details,
      rses: rows,
    };
  },
};
