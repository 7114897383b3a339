import {
  RULE_STATES,
  type RuleState,
  type RulesCheckDetails,
  type TransferLink,
} from '@internal/plugin-rucio-common';
import type { Client } from 'pg';
import { withPgClient, type PgConnectionConfig } from './PostgresProbe';
import { UpstreamError } from './UpstreamError';

/** A read-only role on Rucio's own database, and the schema of its tables. */
export interface RucioDatabaseConfig extends PgConnectionConfig {
  schema: string;
  statementTimeoutSeconds: number;
}

// Rucio's request states and types (lib/rucio/db/sqla/constants.py).
const QUEUED = 'Q';
const DONE = 'D';
const FAILED = 'F';
/** TRANSFER, STAGEIN, STAGEOUT: what get_request_stats counts. */
const TRANSFER_TYPES = ['T', 'I', 'O'];

const number = (value: unknown) => Number(value ?? 0);

/**
 * Aggregate queries on Rucio's tables, as Rucio's own probes read its
 * database: counts and sums only, never a row of user data, each under the
 * configured statement timeout. The schema version (`alembic_version`) is
 * read first and named in every error.
 */
export class RucioDatabase {
  static fromConfig(config: RucioDatabaseConfig) {
    return new RucioDatabase(config);
  }

  private constructor(private readonly config: RucioDatabaseConfig) {}

  private get table() {
    // The schema name is validated as a plain identifier at start-up.
    return (name: string) => `"${this.config.schema}".${name}`;
  }

  private async query<T>(
    signal: AbortSignal,
    fn: (client: Client, alembicVersion: string) => Promise<T>,
  ): Promise<{ alembicVersion: string; value: T }> {
    const timeoutMs = this.config.statementTimeoutSeconds * 1000;
    const name = `Rucio database ${this.config.host}/${this.config.database}`;
    return withPgClient(
      name,
      { ...this.config, statementTimeoutMs: timeoutMs },
      signal,
      timeoutMs + 1000,
      async client => {
        let alembicVersion: string;
        try {
          const { rows } = await client.query(
            `SELECT version_num FROM ${this.table('alembic_version')}`,
          );
          alembicVersion = String(rows[0]?.version_num ?? 'none');
        } catch (error) {
          throw new UpstreamError({
            upstream: name,
            message: `has no readable ${
              this.config.schema
            }.alembic_version (is ${
              this.config.schema
            } the schema of Rucio's tables, and may ${
              this.config.user
            } read it?): ${(error as Error).message}`,
            cause: error,
          });
        }
        try {
          return { alembicVersion, value: await fn(client, alembicVersion) };
        } catch (error) {
          const e = error as Error & { severity?: string };
          if (!e.severity) throw error;
          throw new UpstreamError({
            upstream: `${name} (schema ${this.config.schema}, alembic ${alembicVersion})`,
            message: `refused a query: ${e.message}`,
            cause: error,
          });
        }
      },
    );
  }

  /** Rules by state, STUCK ones older than `stuckHours`, RSEs with most stuck locks. */
  async readRules(
    signal: AbortSignal,
    stuckHours: number,
  ): Promise<Omit<RulesCheckDetails, 'source'>> {
    const { alembicVersion, value } = await this.query(signal, async client => {
      const byState = Object.fromEntries(
        Object.values(RULE_STATES).map(s => [s, 0]),
      ) as Record<RuleState, number>;
      const states = await client.query(
        `SELECT state::text AS state, count(*) AS n FROM ${this.table(
          'rules',
        )} GROUP BY state`,
      );
      for (const row of states.rows) {
        const state = RULE_STATES[row.state as keyof typeof RULE_STATES];
        if (state) byState[state] = number(row.n);
      }
      // Rucio stores naive UTC timestamps.
      const stuck = await client.query(
        `SELECT count(*) AS n FROM ${this.table('rules')}
         WHERE state = 'S' AND stuck_at < (now() AT TIME ZONE 'utc') - make_interval(hours => $1)`,
        [stuckHours],
      );
      const locks = await client.query(
        `SELECT r.rse AS rse, count(*) AS n
         FROM ${this.table('locks')} l JOIN ${this.table(
          'rses',
        )} r ON r.id = l.rse_id
         WHERE l.state = 'S'
         GROUP BY r.rse ORDER BY count(*) DESC, r.rse LIMIT 10`,
      );
      return {
        byState,
        stuckOlder: { hours: stuckHours, count: number(stuck.rows[0]?.n) },
        stuckLocksByRse: locks.rows.map(r => ({
          rse: String(r.rse),
          locks: number(r.n),
        })),
      };
    });
    return { alembicVersion, ...value };
  }

  /**
   * Per link: transfer requests queued now (as get_request_stats counts
   * them), and those finished in the last 1 h and 6 h. Rucio 1.31 keeps no
   * transfer statistics; conveyor-finisher moves each finished request to
   * requests_history (core/request.py archive_request), so these are
   * history rows in DONE or FAILED archived within the window.
   */
  async readLinks(
    signal: AbortSignal,
  ): Promise<{ alembicVersion: string; links: TransferLink[] }> {
    const { alembicVersion, value } = await this.query(signal, async client => {
      const links = new Map<string, TransferLink>();
      const link = (source: string, destination: string) => {
        const key = `${source}\u0000${destination}`;
        let found = links.get(key);
        if (!found) {
          found = {
            source,
            destination,
            queuedFiles: 0,
            queuedBytes: 0,
            doneFiles1h: 0,
            doneFiles6h: 0,
            failedFiles1h: 0,
            failedFiles6h: 0,
            doneBytes1h: 0,
            doneBytes6h: 0,
          };
          links.set(key, found);
        }
        return found;
      };
      const rses = this.table('rses');
      const queued = await client.query(
        `SELECT src.rse AS source, dst.rse AS destination, count(*) AS files, coalesce(sum(q.bytes), 0) AS bytes
         FROM ${this.table('requests')} q
         JOIN ${rses} src ON src.id = q.source_rse_id
         JOIN ${rses} dst ON dst.id = q.dest_rse_id
         WHERE q.state = $1 AND q.request_type::text = ANY($2)
         GROUP BY src.rse, dst.rse`,
        [QUEUED, TRANSFER_TYPES],
      );
      for (const row of queued.rows) {
        const l = link(row.source, row.destination);
        l.queuedFiles = number(row.files);
        l.queuedBytes = number(row.bytes);
      }
      const finished = await client.query(
        `SELECT src.rse AS source, dst.rse AS destination, h.state::text AS state,
                count(*) FILTER (WHERE h.updated_at >= (now() AT TIME ZONE 'utc') - interval '1 hour') AS files_1h,
                count(*) AS files_6h,
                coalesce(sum(h.bytes) FILTER (WHERE h.updated_at >= (now() AT TIME ZONE 'utc') - interval '1 hour'), 0) AS bytes_1h,
                coalesce(sum(h.bytes), 0) AS bytes_6h
         FROM ${this.table('requests_history')} h
         JOIN ${rses} src ON src.id = h.source_rse_id
         JOIN ${rses} dst ON dst.id = h.dest_rse_id
         WHERE h.state::text = ANY($1) AND h.request_type::text = ANY($2)
           AND h.updated_at >= (now() AT TIME ZONE 'utc') - interval '6 hours'
         GROUP BY src.rse, dst.rse, h.state`,
        [[DONE, FAILED], TRANSFER_TYPES],
      );
      for (const row of finished.rows) {
        const l = link(row.source, row.destination);
        if (row.state === DONE) {
          l.doneFiles1h = number(row.files_1h);
          l.doneFiles6h = number(row.files_6h);
          l.doneBytes1h = number(row.bytes_1h);
          l.doneBytes6h = number(row.bytes_6h);
        } else {
          l.failedFiles1h = number(row.files_1h);
          l.failedFiles6h = number(row.files_6h);
        }
      }
      return [...links.values()];
    });
    return { alembicVersion, links: value };
  }
}
