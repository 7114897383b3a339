import {
  RSE_STATUS_FILTERS,
  type RseRow,
  type RseStatusFilter,
} from '@rucio-portal/plugin-rucio-common';
import type { RucioRse } from '../clients/rucioResources';
import type { Check } from './Check';
import { readRseDetails, toRow, withDetails } from './readRseDetails';
import { pickRsesForDetails, rseDetailBudget } from './rseDetailRotation';

/** A fresh list entry with the details read in an earlier collection. */
function withEarlierDetails(
  rse: RucioRse,
  earlier: RseRow | undefined,
): RseRow {
  const row = toRow(rse, {}, undefined, {});
  delete row.limits;
  return earlier?.detailsCheckedAt ? withDetails(row, earlier) : row;
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
    const { fresh, failures } = await readRseDetails(clients.rucio, refreshed, {
      concurrency: env.schedule.rseConcurrency,
      signal,
    });
    const rows: RseRow[] = rses.map(
      rse =>
        fresh.get(rse.rse) ?? withEarlierDetails(rse, previous.get(rse.rse)),
    );
    if (signal.aborted) {
      throw signal.reason ?? new Error('timed out');
    }

    // The table's filters count with the same tests, so their counts match.
    const count = (id: RseStatusFilter) =>
      rows.filter(RSE_STATUS_FILTERS[id].matches).length;
    const unavailable = count('not-available');
    const belowMinFreeSpace = count('below-min-free-space');
    const unknownUsage = count('unknown-usage');
    const detailsPending = count('details-not-read');
    const oldestDetailsAt = rows
      .map(r => r.detailsCheckedAt)
      .filter((t): t is string => !!t)
      .sort()[0];
    const details = {
      total: rows.length,
      unavailable,
      belowMinFreeSpace,
      unknownUsage,
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
