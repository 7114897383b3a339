import {
  RULE_STATES,
  type RuleState,
  type RulesCheckDetails,
  type TransferLink,
} from '@rucio-portal/plugin-rucio-common';
import { withPgClient, type PgConnectionConfig } from './PostgresProbe';
import {
  FINISHED_TABLES,
  LINK_TABLES,
  RULE_TABLES,
  rucioStatements,
  type Statement,
} from './rucioStatements';
import { UpstreamError } from './UpstreamError';

/** A read-only role on Rucio's own database, and the schema of its tables. */
export interface RucioDatabaseConfig extends PgConnectionConfig {
  schema: string;
  statementTimeoutSeconds: number;
  /** Minutes between reads of `requests_history` (no index for them). */
  historyMinutes: number;
}

// Rucio's request states (lib/rucio/db/sqla/constants.py).
const DONE = 'D';

const number = (value: unknown) => Number(value ?? 0);

const linkKey = (source: unknown, destination: unknown) =>
  `${source}\u0000${destination}`;

const emptyLink = (source: unknown, destination: unknown): TransferLink => ({
  source: String(source),
  destination: String(destination),
  queuedFiles: 0,
  queuedBytes: 0,
  doneFiles1h: 0,
  doneFiles6h: 0,
  failedFiles1h: 0,
  failedFiles6h: 0,
  doneBytes1h: 0,
  doneBytes6h: 0,
});

/**
 * Aggregate queries on Rucio's tables, as Rucio's own probes read its
 * database: counts and sums only, never a row of user data, each under the
 * configured statement timeout and through an index Rucio creates
 * (`rucioStatements`). The role's privileges and the schema version
 * (`alembic_version`) are read first; a missing grant is named with the
 * `GRANT` to run, and the version in every error.
 */
export class RucioDatabase {
  /** `onStatement` sees each statement before it is sent (tests and the benchmark EXPLAIN them). */
  static fromConfig(
    config: RucioDatabaseConfig,
    options: { onStatement?: (statement: Statement) => void } = {},
  ) {
    return new RucioDatabase(config, options.onStatement);
  }

  private readonly statements: ReturnType<typeof rucioStatements>;
  /** The last read of finished transfers, reused until `historyMinutes` pass. */
  private history?: { readAt: number; links: TransferLink[] };

  private constructor(
    private readonly config: RucioDatabaseConfig,
    private readonly onStatement?: (statement: Statement) => void,
  ) {
    this.statements = rucioStatements(config.schema);
  }

  get historyMinutes() {
    return this.config.historyMinutes;
  }

  private async query<T>(
    signal: AbortSignal,
    tables: string[],
    fn: (
      run: (statement: Statement) => Promise<Array<Record<string, unknown>>>,
    ) => Promise<T>,
  ): Promise<{ alembicVersion: string; value: T }> {
    const { schema, user } = this.config;
    const timeoutMs = this.config.statementTimeoutSeconds * 1000;
    const name = `Rucio database ${this.config.host}/${this.config.database}`;
    return withPgClient(
      name,
      { ...this.config, statementTimeoutMs: timeoutMs },
      signal,
      timeoutMs + 1000,
      async client => {
        const run = async (statement: Statement) => {
          this.onStatement?.(statement);
          return (await client.query(statement.text, statement.values)).rows;
        };
        const [{ denied }] = await run(this.statements.deniedTables(tables));
        if (denied === null) {
          throw new UpstreamError({
            upstream: name,
            message: `refused role ${user} the schema ${schema}: GRANT USAGE ON SCHEMA ${schema} TO ${user}`,
          });
        }
        if ((denied as string[]).length) {
          const list = (denied as string[]).map(t => `${schema}.${t}`);
          throw new UpstreamError({
            upstream: name,
            message: `refused role ${user} SELECT on ${list.join(
              ', ',
            )}: GRANT SELECT ON ${list.join(', ')} TO ${user}`,
          });
        }
        let alembicVersion: string;
        try {
          const rows = await run(this.statements.alembicVersion());
          alembicVersion = String(rows[0]?.version_num ?? 'none');
        } catch (error) {
          throw new UpstreamError({
            upstream: name,
            message: `has no readable ${schema}.alembic_version (is ${schema} the schema of Rucio's tables?): ${
              (error as Error).message
            }`,
            cause: error,
          });
        }
        try {
          return { alembicVersion, value: await fn(run) };
        } catch (error) {
          const e = error as Error & { severity?: string };
          if (!e.severity) throw error;
          throw new UpstreamError({
            upstream: `${name} (schema ${schema}, alembic ${alembicVersion})`,
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
    const sql = this.statements;
    const { alembicVersion, value } = await this.query(
      signal,
      RULE_TABLES,
      async run => {
        const byState = Object.fromEntries(
          Object.values(RULE_STATES).map(s => [s, 0]),
        ) as Record<RuleState, number>;
        for (const row of await run(sql.rulesByState())) {
          const state = RULE_STATES[row.state as keyof typeof RULE_STATES];
          if (state) byState[state] = number(row.n);
        }
        const stuck = await run(sql.stuckRulesOlderThan(stuckHours));
        const ruleIds = (await run(sql.rulesWithStuckLocks())).map(r =>
          String(r.id),
        );
        const locks = ruleIds.length
          ? await run(sql.stuckLocksByRse(ruleIds))
          : [];
        return {
          byState,
          stuckOlder: { hours: stuckHours, count: number(stuck[0]?.n) },
          stuckLocksByRse: locks.map(r => ({
            rse: String(r.rse),
            locks: number(r.n),
          })),
        };
      },
    );
    return { alembicVersion, ...value };
  }

  /**
   * Per link: transfer requests queued now (as get_request_stats counts
   * them), read at every call, and those finished in the last 1 h and 6 h,
   * read at most every `historyMinutes`. Rucio 1.31 keeps no transfer
   * statistics; conveyor-finisher moves each finished request to
   * requests_history (core/request.py archive_request), so these are
   * history rows in DONE or FAILED archived within the window.
   */
  async readLinks(signal: AbortSignal): Promise<{
    alembicVersion: string;
    links: TransferLink[];
    historyReadAt: string;
  }> {
    const sql = this.statements;
    const due =
      !this.history ||
      Date.now() - this.history.readAt >= this.config.historyMinutes * 60_000;
    const { alembicVersion, value } = await this.query(
      signal,
      due ? [...new Set([...LINK_TABLES, ...FINISHED_TABLES])] : LINK_TABLES,
      async run => {
        const queued = await run(sql.queuedByLink());
        let history = this.history!;
        if (due) {
          const finished = new Map<string, TransferLink>();
          for (const row of await run(sql.finishedByLink())) {
            const key = linkKey(row.source, row.destination);
            const l =
              finished.get(key) ?? emptyLink(row.source, row.destination);
            if (row.state === DONE) {
              l.doneFiles1h = number(row.files_1h);
              l.doneFiles6h = number(row.files_6h);
              l.doneBytes1h = number(row.bytes_1h);
              l.doneBytes6h = number(row.bytes_6h);
            } else {
              l.failedFiles1h = number(row.files_1h);
              l.failedFiles6h = number(row.files_6h);
            }
            finished.set(key, l);
          }
          history = { readAt: Date.now(), links: [...finished.values()] };
        }
        return { queued, history };
      },
    );
    this.history = value.history;
    // The stored history is shared between reads: each read copies it.
    const links = new Map<string, TransferLink>(
      value.history.links.map(l => [
        linkKey(l.source, l.destination),
        { ...l },
      ]),
    );
    for (const row of value.queued) {
      const key = linkKey(row.source, row.destination);
      const link = links.get(key) ?? emptyLink(row.source, row.destination);
      link.queuedFiles = number(row.files);
      link.queuedBytes = number(row.bytes);
      links.set(key, link);
    }
    return {
      alembicVersion,
      links: [...links.values()],
      historyReadAt: new Date(value.history.readAt).toISOString(),
    };
  }
}
