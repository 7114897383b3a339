import type { RseRow } from '@internal/plugin-rucio-common';
import type { RucioRse, RucioRseUsage } from '../clients/RucioClient';
import type { Check } from './Check';
import { mapLimit } from './mapLimit';

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
    protocols: protocols?.map(p => ({
      scheme: p.scheme,
      hostname: p.hostname,
      port: p.port,
      prefix: p.prefix,
    })),
  };
}

/** Every RSE with availability, usage, limits and attributes. */
export const rsesCheck: Check<'rses'> = {
  id: 'rses',
  async run({ env, clients, signal }) {
    const rses: RucioRse[] = [];
    await clients.rucio.listRses(signal, rse => {
      if (!rse.deleted) rses.push(rse);
    });
    const results = await mapLimit(
      rses,
      env.schedule.rseConcurrency,
      signal,
      async rse => {
        const [attributes, usage, limits, protocols] = await Promise.all([
          clients.rucio.getRseAttributes(rse.rse, signal),
          clients.rucio.getRseUsage(rse.rse, signal),
          clients.rucio.getRseLimits(rse.rse, signal),
          // An RSE without protocols answers 404 RSEProtocolNotSupported.
          clients.rucio.getRseProtocols(rse.rse, signal).catch(error => {
            if (error?.exceptionClass === 'RSEProtocolNotSupported') return [];
            throw error;
          }),
        ]);
        return toRow(rse, attributes, pickUsage(usage), limits, protocols);
      },
    );
    const rows: RseRow[] = [];
    const failures: string[] = [];
    results.forEach((result, i) => {
      if (result.status === 'fulfilled') {
        rows.push(result.value);
      } else {
        failures.push(
          `${rses[i].rse}: ${
            (result.reason as Error)?.message ?? result.reason
          }`,
        );
        rows.push(toRow(rses[i], {}, undefined, {}));
      }
    });
    if (signal.aborted) {
      throw signal.reason ?? new Error('timed out');
    }

    const unavailable = rows.filter(
      r => !r.availabilityRead || !r.availabilityWrite,
    ).length;
    const belowMinFreeSpace = rows.filter(r => r.belowMinFreeSpace).length;
    const details = {
      total: rows.length,
      unavailable,
      belowMinFreeSpace,
      usedBytes: rows.reduce((s, r) => s + (r.usedBytes ?? 0), 0),
      totalBytes: rows.reduce((s, r) => s + (r.totalBytes ?? 0), 0),
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
    return {
      status: problems.length ? 'warning' : 'ok',
      message: problems.length
        ? `${rows.length} RSEs: ${problems.join('; ')}.`
        : `All ${rows.length} RSEs are available and above their free-space limits.`,
      details,
      rses: rows,
    };
  },
};
