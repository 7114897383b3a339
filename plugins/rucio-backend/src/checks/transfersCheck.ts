import type {
  TransferLink,
  TransfersCheckDetails,
} from '@rucio-portal/plugin-rucio-common';
import type { RucioLinkMetrics } from '../clients/rucioResources';
import type { Check } from './Check';

/** Links kept in the snapshot: the busiest and the most failing. */
const TOP_LINKS = 50;

/** One line of `/requests/metrics` as a link; absent keys count as 0. */
export function linkFromMetrics(m: RucioLinkMetrics): TransferLink {
  return {
    source: m.src_rse,
    destination: m.dst_rse,
    queuedFiles: m.files?.['queued-total'] ?? 0,
    queuedBytes: m.bytes?.['queued-total'] ?? 0,
    doneFiles1h: m.files?.['done-total-1h'] ?? 0,
    doneFiles6h: m.files?.['done-total-6h'] ?? 0,
    failedFiles1h: m.files?.['failed-total-1h'] ?? 0,
    failedFiles6h: m.files?.['failed-total-6h'] ?? 0,
    doneBytes1h: m.bytes?.['done-total-1h'] ?? 0,
    doneBytes6h: m.bytes?.['done-total-6h'] ?? 0,
    ...(m.distance !== undefined ? { distance: m.distance } : {}),
  };
}

function withRatio(link: TransferLink): TransferLink {
  const finished = link.doneFiles6h + link.failedFiles6h;
  return finished
    ? { ...link, failureRatio6h: link.failedFiles6h / finished }
    : link;
}

/** The links worth showing: by traffic, then by failures, at most TOP_LINKS. */
export function topLinks(links: TransferLink[]): TransferLink[] {
  const busy = (l: TransferLink) =>
    l.queuedFiles + l.doneFiles6h + l.failedFiles6h;
  const half = TOP_LINKS / 2;
  const byTraffic = [...links].sort((a, b) => busy(b) - busy(a));
  const byFailures = [...links].sort(
    (a, b) => b.failedFiles6h - a.failedFiles6h,
  );
  const picked = new Set([
    ...byTraffic.slice(0, half),
    ...byFailures.slice(0, half).filter(l => l.failedFiles6h > 0),
  ]);
  for (const l of byTraffic) {
    if (picked.size >= TOP_LINKS) break;
    picked.add(l);
  }
  return [...picked].filter(l => busy(l) > 0).sort((a, b) => busy(b) - busy(a));
}

/**
 * Transfers per source → destination link: from `GET /requests/metrics`
 * where the server has it (Rucio ≥ 33), else from Rucio's database.
 */
export const transfersCheck: Check<'transfers'> = {
  id: 'transfers',
  async run({ env, clients, signal }) {
    const metrics = await clients.rucio.getRequestMetrics(signal);
    let details: Omit<
      TransfersCheckDetails,
      'links' | 'totalLinks' | 'queuedFiles' | 'failedFiles1h'
    >;
    let links: TransferLink[];
    if (metrics) {
      details = { source: 'requests-metrics' };
      links = metrics.map(linkFromMetrics);
    } else if (clients.rucioDatabase) {
      const read = await clients.rucioDatabase.readLinks(signal);
      details = {
        source: 'database',
        alembicVersion: read.alembicVersion,
        history: {
          readAt: read.historyReadAt,
          everyMinutes: clients.rucioDatabase.historyMinutes,
        },
      };
      links = read.links;
    } else {
      return {
        status: 'unconfigured',
        message: `Rucio server ${env.rucio.url} has no GET /requests/metrics (Rucio ≥ 33); transfer links need it or a read-only role on Rucio’s database (database.rucio).`,
      };
    }
    links = links.map(withRatio);
    const queuedFiles = links.reduce((s, l) => s + l.queuedFiles, 0);
    const failedFiles1h = links.reduce((s, l) => s + l.failedFiles1h, 0);
    const limit = env.dataPlane.linkFailureRatioWarning;
    const failing = links.filter(l => (l.failureRatio6h ?? 0) > limit);
    const worst = [...failing].sort(
      (a, b) => (b.failureRatio6h ?? 0) - (a.failureRatio6h ?? 0),
    )[0];
    const active = links.filter(
      l => l.queuedFiles + l.doneFiles6h + l.failedFiles6h > 0,
    ).length;
    return {
      status: failing.length ? 'warning' : 'ok',
      message: `${active} active links, ${queuedFiles} files queued, ${failedFiles1h} failed in the last hour${
        worst
          ? `; ${failing.length} failing more than ${Math.round(
              limit * 100,
            )} % over 6 h (worst ${worst.source} → ${
              worst.destination
            }: ${Math.round((worst.failureRatio6h ?? 0) * 100)} %)`
          : ''
      }.`,
      details: {
        ...details,
        totalLinks: links.length,
        queuedFiles,
        failedFiles1h,
        links: topLinks(links),
      },
    };
  },
};
