import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import type { CheckStatus } from '@rucio-portal/plugin-rucio-common';
import type { Collection } from '../collector/Collector';
import type { Latest } from '../store/SnapshotStore';

/** Links with a series of their own: label sets stay bounded. */
const TOP_LINK_SERIES = 20;

const STATUS_VALUE: Record<CheckStatus, number> = {
  unconfigured: -1,
  ok: 0,
  unknown: 1,
  warning: 2,
  error: 3,
};

/**
 * Prometheus metrics (through Backstage's OpenTelemetry support) of the
 * latest collection of each environment. Every backend instance exports
 * them from the store, so they stay current whichever instance collected.
 */
export class RucioMetrics {
  static create(
    metrics: MetricsService,
    options: { latest: () => Promise<Latest[]> },
  ) {
    return new RucioMetrics(metrics, options.latest);
  }

  readonly #duration;

  private constructor(
    metrics: MetricsService,
    private readonly latest: () => Promise<Latest[]>,
  ) {
    this.#duration = metrics.createHistogram<{ environment: string }>(
      'rucio.collection.duration',
      {
        description: 'Duration of one collection of a Rucio environment',
        unit: 'ms',
      },
    );
    metrics
      .createObservableGauge<{ environment: string; check: string }>(
        'rucio.check.status',
        {
          description:
            'Check status: -1 unconfigured, 0 ok, 1 unknown, 2 warning, 3 error',
        },
      )
      .addCallback(async result => {
        for (const { snapshot } of await this.latest()) {
          const environment = snapshot.environment;
          for (const check of Object.values(snapshot.checks)) {
            result.observe(STATUS_VALUE[check!.status], {
              environment,
              check: check!.check,
            });
          }
        }
      });
    metrics
      .createObservableGauge<{
        environment: string;
        certificate: string;
        source: string;
      }>('rucio.certificate.expiry', {
        description: 'Seconds until the certificate expires',
        unit: 's',
      })
      .addCallback(async result => {
        for (const { snapshot } of await this.latest()) {
          const environment = snapshot.environment;
          for (const cert of snapshot.checks.certificates?.details
            ?.certificates ?? []) {
            if (cert.notAfter) {
              result.observe((Date.parse(cert.notAfter) - Date.now()) / 1000, {
                environment,
                certificate: cert.name,
                source: cert.source,
              });
            }
          }
        }
      });
    metrics
      .createObservableGauge<{ environment: string; server: string }>(
        'rucio.fts.proxy.expiry',
        {
          description:
            'Seconds until the proxy delegated to each FTS3 server expires',
          unit: 's',
        },
      )
      .addCallback(async result => {
        for (const { snapshot } of await this.latest()) {
          const environment = snapshot.environment;
          for (const server of snapshot.checks.fts?.details?.servers ?? []) {
            if (server.proxyExpiresAt) {
              result.observe(
                (Date.parse(server.proxyExpiresAt) - Date.now()) / 1000,
                { environment, server: server.url },
              );
            }
          }
        }
      });
    metrics
      .createObservableGauge<{
        environment: string;
        server: string;
        state: string;
        window: 'finished-last-hour' | 'unfinished';
      }>('rucio.fts.jobs', {
        description:
          'FTS3 jobs per state: window="finished-last-hour" counts jobs that reached the state in the last hour, window="unfinished" jobs not finished yet (at most 500 counted)',
      })
      .addCallback(async result => {
        for (const { snapshot } of await this.latest()) {
          const environment = snapshot.environment;
          for (const server of snapshot.checks.fts?.details?.servers ?? []) {
            const windows = [
              ['finished-last-hour', server.finishedLastHour],
              ['unfinished', server.queued],
            ] as const;
            for (const [window, counts] of windows) {
              for (const [state, count] of Object.entries(counts ?? {})) {
                result.observe(count, {
                  environment,
                  server: server.url,
                  state,
                  window,
                });
              }
            }
          }
        }
      });
    metrics
      .createObservableGauge<{ environment: string }>(
        'rucio.database.connections.usage',
        {
          description:
            'PostgreSQL client connections as a fraction of max_connections',
        },
      )
      .addCallback(async result => {
        for (const { snapshot } of await this.latest()) {
          const environment = snapshot.environment;
          const postgres = snapshot.checks.database?.details?.postgres;
          if (postgres?.maxConnections && postgres.connections !== undefined) {
            result.observe(postgres.connections / postgres.maxConnections, {
              environment,
            });
          }
        }
      });
    metrics
      .createObservableGauge<{ environment: string; rse: string }>(
        'rucio.rse.free',
        {
          description: 'Free bytes of each RSE',
          unit: 'By',
        },
      )
      .addCallback(async result => {
        for (const { snapshot, rses } of await this.latest()) {
          const environment = snapshot.environment;
          for (const rse of rses ?? []) {
            if (rse.freeBytes !== undefined) {
              result.observe(rse.freeBytes, { environment, rse: rse.name });
            }
          }
        }
      });
    metrics
      .createObservableGauge<{ environment: string; state: string }>(
        'rucio.rules',
        { description: 'Replication rules by state (rules check)' },
      )
      .addCallback(async result => {
        for (const { snapshot } of await this.latest()) {
          const details = snapshot.checks.rules?.details;
          for (const [state, count] of Object.entries(details?.byState ?? {})) {
            result.observe(count, {
              environment: snapshot.environment,
              state,
            });
          }
        }
      });
    metrics
      .createObservableGauge<{ environment: string; hours: string }>(
        'rucio.rules.stuck_older',
        {
          description:
            'STUCK rules stuck for longer than the threshold (label hours)',
        },
      )
      .addCallback(async result => {
        for (const { snapshot } of await this.latest()) {
          const older = snapshot.checks.rules?.details?.stuckOlder;
          if (older) {
            result.observe(older.count, {
              environment: snapshot.environment,
              hours: String(older.hours),
            });
          }
        }
      });
    metrics
      .createObservableGauge<{
        environment: string;
        source: string;
        destination: string;
      }>('rucio.transfers.queued', {
        description: `Files queued per link, for the ${TOP_LINK_SERIES} links with most queued (bounded labels)`,
      })
      .addCallback(async result => {
        for (const { snapshot } of await this.latest()) {
          const links = snapshot.checks.transfers?.details?.links ?? [];
          for (const link of [...links]
            .sort((a, b) => b.queuedFiles - a.queuedFiles)
            .slice(0, TOP_LINK_SERIES)) {
            result.observe(link.queuedFiles, {
              environment: snapshot.environment,
              source: link.source,
              destination: link.destination,
            });
          }
        }
      });
    metrics
      .createObservableGauge<{ environment: string }>('rucio.drift', {
        description:
          'Differences between the RSEs of the environment repository and Rucio (drift check)',
      })
      .addCallback(async result => {
        for (const { snapshot } of await this.latest()) {
          const details = snapshot.checks.drift?.details;
          if (details) {
            result.observe(details.total, {
              environment: snapshot.environment,
            });
          }
        }
      });
  }

  /** The duration of a collection this instance ran. */
  record(collection: Collection, durationMs: number) {
    this.#duration.record(durationMs, {
      environment: collection.snapshot.environment,
    });
  }
}
