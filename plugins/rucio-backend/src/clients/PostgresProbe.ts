import { readFileSync } from 'node:fs';
import { Client, type ClientConfig } from 'pg';
import type {
  PgBouncerPool,
  PostgresStatus,
} from '@rucio-portal/plugin-rucio-common';
import { toUpstreamError, UpstreamError } from './UpstreamError';

/** A PostgreSQL or PgBouncer connection from admin config. */
export interface PgConnectionConfig {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  ssl: 'disable' | 'require' | 'verify-full';
  caFile?: string;
  /** Server-side limit per statement; none when unset. */
  statementTimeoutMs?: number;
}

function clientConfig(c: PgConnectionConfig, timeoutMs: number): ClientConfig {
  return {
    host: c.host,
    port: c.port,
    database: c.database,
    user: c.user,
    password: c.password,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
    statement_timeout: c.statementTimeoutMs ?? false,
    ssl:
      c.ssl === 'disable'
        ? false
        : {
            rejectUnauthorized: c.ssl === 'verify-full',
            ca: c.caFile ? readFileSync(c.caFile) : undefined,
          },
    application_name: 'backstage-rucio',
  };
}

/** Runs `fn` on a new connection, mapping every failure to an UpstreamError naming `name`. */
export async function withPgClient<T>(
  name: string,
  config: PgConnectionConfig,
  signal: AbortSignal,
  timeoutMs: number,
  fn: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client(clientConfig(config, timeoutMs));
  // Connection errors after connect (e.g. the server going away) must not crash the backend.
  client.on('error', () => {});
  const abort = () => client.end().catch(() => {});
  signal.addEventListener('abort', abort, { once: true });
  try {
    await client.connect();
    return await fn(client);
  } catch (error) {
    const pgError = error as {
      code?: string;
      message?: string;
      severity?: string;
    };
    if (pgError.severity) {
      // An error reported by the server itself (auth, permissions, SQL).
      throw new UpstreamError({
        upstream: name,
        message: `refused the query: ${pgError.message}${
          pgError.code ? ` (SQLSTATE ${pgError.code})` : ''
        }`,
        cause: error,
      });
    }
    if (/timeout/i.test(pgError.message ?? '')) {
      throw new UpstreamError({
        upstream: name,
        message: 'did not answer in time',
        cause: error,
      });
    }
    throw toUpstreamError(name, error, signal);
  } finally {
    signal.removeEventListener('abort', abort);
    await client.end().catch(() => {});
  }
}

const num = (v: unknown) =>
  v === null || v === undefined ? undefined : Number(v);

/**
 * Read-only health queries. Sessions and transactions are exact only for a
 * role with `pg_monitor` (or `pg_read_all_stats`): to any other role
 * PostgreSQL shows other roles' sessions with `backend_type`, `state` and
 * `xact_start` NULL, so they are counted as hidden and neither figure is
 * given.
 */
export async function probePostgres(
  config: PgConnectionConfig,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<PostgresStatus> {
  const name = `PostgreSQL ${config.host}:${config.port}/${config.database}`;
  return withPgClient(name, config, signal, timeoutMs, async client => {
    // One statement, so every figure comes from the same pg_stat_activity snapshot.
    const { rows } = await client.query(`
      SELECT current_setting('server_version') AS version,
             current_user AS role,
             pg_is_in_recovery() AS in_recovery,
             current_setting('max_connections')::int AS max_connections,
             pg_database_size(current_database()) AS size_bytes,
             a.hidden, a.connections, a.oldest_xact_seconds,
             CASE WHEN NOT pg_is_in_recovery() THEN NULL
                  WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                  ELSE GREATEST(0, EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()))
             END AS lag_seconds
        FROM (SELECT count(*) FILTER (WHERE backend_type IS NULL) AS hidden,
                     -- What counts against max_connections: client backends,
                     -- not the checkpointer, WAL writer and other workers.
                     count(*) FILTER (WHERE backend_type = 'client backend') AS connections,
                     EXTRACT(EPOCH FROM max(now() - xact_start)
                       FILTER (WHERE state <> 'idle')) AS oldest_xact_seconds
                FROM pg_stat_activity) a`);
    const row = rows[0];
    const hiddenSessions = Number(row.hidden);
    const common = {
      version: String(row.version),
      role: String(row.role),
      inRecovery: Boolean(row.in_recovery),
      maxConnections: Number(row.max_connections),
      databaseSizeBytes: Number(row.size_bytes),
      replicationLagSeconds: num(row.lag_seconds),
    };
    if (hiddenSessions > 0) return { ...common, hiddenSessions };
    return {
      ...common,
      connections: Number(row.connections),
      oldestTransactionSeconds: num(row.oldest_xact_seconds),
    };
  });
}

/**
 * `SHOW POOLS` on the PgBouncer admin console, read by column name because
 * the columns differ between PgBouncer versions.
 */
export async function probePgBouncer(
  config: PgConnectionConfig,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<PgBouncerPool[]> {
  const name = `PgBouncer ${config.host}:${config.port}`;
  return withPgClient(
    name,
    { ...config, database: 'pgbouncer' },
    signal,
    timeoutMs,
    async client => {
      // The admin console speaks only the simple query protocol: no parameters.
      const { rows } = await client.query('SHOW POOLS');
      return rows.map(row => ({
        database: String(row.database),
        user: String(row.user),
        clientsActive: Number(row.cl_active ?? 0),
        clientsWaiting: Number(row.cl_waiting ?? 0),
        serversActive: Number(row.sv_active ?? 0),
        serversIdle: Number(row.sv_idle ?? 0),
        maxWaitSeconds:
          Number(row.maxwait ?? 0) + Number(row.maxwait_us ?? 0) / 1e6,
        poolMode:
          row.pool_mode === undefined ? undefined : String(row.pool_mode),
      }));
    },
  );
}
