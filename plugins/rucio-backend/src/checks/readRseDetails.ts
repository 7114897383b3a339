import type { RseRow } from '@rucio-portal/plugin-rucio-common';
import type { RucioClient } from '../clients/RucioClient';
import type { RucioRse, RucioRseUsage } from '../clients/rucioResources';
import { mapLimit } from './mapLimit';
import { REQUESTS_PER_RSE } from './rseDetailRotation';

/** What a row needs of an RSE's entry in Rucio's list. */
export type RseListEntry = Omit<RucioRse, 'id' | 'deleted'>;

/** Storage-reported usage wins over Rucio's own counter. */
function pickUsage(rows: RucioRseUsage[]) {
  return (
    rows.find(r => r.source === 'storage') ??
    rows.find(r => r.source === 'rucio') ??
    rows[0]
  );
}

/** One RSE's table row from its list entry and the details read. */
export function toRow(
  rse: RseListEntry,
  attributes: Record<string, string | boolean | number>,
  usage: RucioRseUsage | undefined,
  limits: Record<string, number>,
  protocols?: RseRow['protocols'],
): RseRow {
  const minFree =
    typeof limits.MinFreeSpace === 'number' ? limits.MinFreeSpace : undefined;
  const free = usage?.free ?? undefined;
  const attrs: Record<string, string | boolean> = {};
  // Kept as served, Rucio's own attributes too (the RSE's name set to true,
  // which add_rse writes): the drift check compares them with the repository.
  for (const [key, value] of Object.entries(attributes)) {
    attrs[key] = typeof value === 'number' ? String(value) : value;
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
  | 'minFreeSpaceDays'
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
  // Fitted when the details are stored; travels with the figures it fits.
  'minFreeSpaceDays',
];

/** A row's list fields (availability, type) with another row's details. */
export function withDetails(row: RseRow, from: RseRow): RseRow {
  const details = Object.fromEntries(
    DETAIL_FIELDS.map(k => [k, from[k]]),
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

/** The row with `read`'s details when they are newer than its own. */
export function withNewerDetails(row: RseRow, read: RseRow | undefined) {
  if (!read?.detailsCheckedAt) return row;
  if (row.detailsCheckedAt && row.detailsCheckedAt >= read.detailsCheckedAt) {
    return row;
  }
  return withDetails(row, read);
}

/**
 * Spaces calls so that at most `perMinute` start in any minute: each call
 * waits until the one before it started `60 s / perMinute` ago.
 */
export function requestPacer(perMinute: number): () => Promise<void> {
  const gapMs = 60_000 / perMinute;
  let nextAt = 0;
  return async () => {
    const now = Date.now();
    const at = Math.max(now, nextAt);
    nextAt = at + gapMs;
    if (at > now) await new Promise(resolve => setTimeout(resolve, at - now));
  };
}

/**
 * Reads the details of RSEs (attributes, usage, limits, protocols: four
 * requests each) with at most `concurrency` requests in flight and, given a
 * pacer, each request started when it allows. An RSE of which a request
 * failed is left out and named in `failures`.
 */
export async function readRseDetails(
  rucio: RucioClient,
  rses: RseListEntry[],
  options: {
    concurrency: number;
    signal: AbortSignal;
    pace?: () => Promise<void>;
  },
): Promise<{ fresh: Map<string, RseRow>; failures: string[] }> {
  const { signal, pace } = options;
  const paced =
    <T>(request: () => Promise<T>) =>
    async () => {
      await pace?.();
      return request();
    };
  // One task per request, so that the concurrency bounds requests, not RSEs.
  const requests = rses.flatMap(rse => [
    paced(() => rucio.getRseAttributes(rse.rse, signal)),
    paced(() => rucio.getRseUsage(rse.rse, signal)),
    paced(() => rucio.getRseLimits(rse.rse, signal)),
    // An RSE without protocols answers 404 RSEProtocolNotSupported.
    paced(() =>
      rucio.getRseProtocols(rse.rse, signal).catch(error => {
        if (error?.exceptionClass === 'RSEProtocolNotSupported') return [];
        throw error;
      }),
    ),
  ]);
  const answers = await mapLimit(
    requests,
    options.concurrency,
    signal,
    (request: () => Promise<unknown>) => request(),
  );
  const checkedAt = new Date().toISOString();
  const fresh = new Map<string, RseRow>();
  const failures: string[] = [];
  rses.forEach((rse, i) => {
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
  return { fresh, failures };
}
