import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { Client } from 'pg';
import { databaseCheck } from '../checks/databaseCheck';
import type { EnvironmentConfig } from '../config/readEnvironmentConfigs';
import type { EnvironmentClients } from './EnvironmentClients';
import { closedPort } from '../__testUtils__/fixtures';
import { probePgBouncer, probePostgres } from './PostgresProbe';

// The machine's PostgreSQL (127.0.0.1:5432, trust) and a PgBouncer started
// here in front of it (Debian's pgbouncer; .ci/run installs it).
const POSTGRES = {
  host: '127.0.0.1',
  port: Number(process.env.RUCIO_TEST_PG_PORT ?? 5432),
  database: 'postgres',
  user: 'postgres',
  ssl: 'disable' as const,
};
const PGBOUNCER_BIN = process.env.PGBOUNCER_BIN ?? '/usr/sbin/pgbouncer';

describe('PostgreSQL and PgBouncer probes against real servers', () => {
  let bouncer: ChildProcess;
  let bouncerPort: number;

  beforeAll(async () => {
    bouncerPort = await closedPort();
    const dir = mkdtempSync(path.join(tmpdir(), 'pgbouncer-'));
    chmodSync(dir, 0o755);
    writeFileSync(path.join(dir, 'userlist.txt'), '"postgres" ""\n');
    writeFileSync(
      path.join(dir, 'pgbouncer.ini'),
      [
        '[databases]',
        `rucio = host=${POSTGRES.host} port=${POSTGRES.port} dbname=postgres`,
        '[pgbouncer]',
        'listen_addr = 127.0.0.1',
        `listen_port = ${bouncerPort}`,
        'unix_socket_dir =',
        'auth_type = trust',
        `auth_file = ${path.join(dir, 'userlist.txt')}`,
        'admin_users = postgres',
        'pool_mode = transaction',
        '',
      ].join('\n'),
    );
    // PgBouncer refuses to run as root; drop to the postgres user then.
    const asRoot = process.getuid?.() === 0;
    bouncer = spawn(
      PGBOUNCER_BIN,
      [...(asRoot ? ['-u', 'postgres'] : []), path.join(dir, 'pgbouncer.ini')],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        await probePgBouncer(
          { ...POSTGRES, port: bouncerPort, database: 'pgbouncer' },
          AbortSignal.timeout(1000),
          1000,
        );
        return;
      } catch (error) {
        if (Date.now() > deadline)
          throw new Error(
            `PgBouncer (${PGBOUNCER_BIN}) did not start: ${error}`,
          );
        await new Promise(r => setTimeout(r, 200));
      }
    }
  }, 20_000);

  afterAll(() => {
    bouncer?.kill();
  });

  it('reads version, role, connections and size from PostgreSQL', async () => {
    const status = await probePostgres(
      POSTGRES,
      AbortSignal.timeout(5000),
      5000,
    );
    expect(status.version).toMatch(/^\d+(\.\d+)?/);
    expect(status.inRecovery).toBe(false);
    expect(status.connections).toBeGreaterThanOrEqual(1);
    expect(status.maxConnections).toBeGreaterThan(status.connections! - 1);
    // Background workers (checkpointer, WAL writer…) are in pg_stat_activity
    // but do not use up max_connections, so they are not counted.
    const { ssl: _ssl, ...connection } = POSTGRES;
    const client = new Client(connection);
    await client.connect();
    const { rows } = await client.query(
      `SELECT count(*) FILTER (WHERE backend_type <> 'client backend') AS workers,
              count(*) AS total
         FROM pg_stat_activity`,
    );
    await client.end();
    expect(Number(rows[0].workers)).toBeGreaterThan(0);
    expect(status.connections).toBeLessThanOrEqual(
      Number(rows[0].total) - Number(rows[0].workers),
    );
    expect(status.databaseSizeBytes).toBeGreaterThan(0);
    expect(status.replicationLagSeconds).toBeUndefined();
  });

  it('reads SHOW POOLS by column name from PgBouncer', async () => {
    // Open a pool through PgBouncer first.
    await probePostgres(
      { ...POSTGRES, port: bouncerPort, database: 'rucio' },
      AbortSignal.timeout(5000),
      5000,
    ).catch(() => undefined);
    const pools = await probePgBouncer(
      { ...POSTGRES, port: bouncerPort, database: 'pgbouncer' },
      AbortSignal.timeout(5000),
      5000,
    );
    expect(pools.map(p => p.database)).toEqual(
      expect.arrayContaining(['pgbouncer']),
    );
    for (const pool of pools) {
      expect(pool).toEqual({
        database: expect.any(String),
        user: expect.any(String),
        clientsActive: expect.any(Number),
        clientsWaiting: expect.any(Number),
        serversActive: expect.any(Number),
        serversIdle: expect.any(Number),
        maxWaitSeconds: expect.any(Number),
        poolMode: expect.any(String),
      });
    }
  });

  it('names the server and the cause when authentication or the query fails', async () => {
    await expect(
      probePostgres(
        { ...POSTGRES, database: 'no_such_database_x' },
        AbortSignal.timeout(5000),
        5000,
      ),
    ).rejects.toThrow(
      /^PostgreSQL 127\.0\.0\.1:\d+\/no_such_database_x refused the query: database "no_such_database_x" does not exist/,
    );
  });
});

/**
 * What a monitoring role sees of pg_stat_activity (fixtures/rucio-scale/
 * pg_stat_activity-by-role.txt): other roles' sessions keep their user name
 * but lose backend_type, state and xact_start without pg_monitor.
 */
describe('probePostgres with a monitoring role, not a superuser', () => {
  const id = Date.now().toString(36);
  const roles = {
    monitor: `mon_${id}`,
    plain: `plain_${id}`,
    other: `other_${id}`,
  };
  const { ssl: _ssl, ...superuserConnection } = POSTGRES;
  const superuser = new Client(superuserConnection);
  const others: Client[] = [];
  const HELD_SECONDS = 2;

  beforeAll(async () => {
    await superuser.connect();
    await superuser.query(
      `CREATE ROLE ${roles.monitor} LOGIN; GRANT pg_monitor TO ${roles.monitor};
       CREATE ROLE ${roles.plain} LOGIN; CREATE ROLE ${roles.other} LOGIN;`,
    );
    // Another role's sessions, one holding a transaction open.
    for (let i = 0; i < 3; i++) {
      const c = new Client({ ...superuserConnection, user: roles.other });
      await c.connect();
      others.push(c);
    }
    await others[0].query('BEGIN; SELECT txid_current()');
    await new Promise(r => setTimeout(r, HELD_SECONDS * 1000));
  });

  afterAll(async () => {
    await Promise.all(others.map(c => c.end()));
    await superuser.query(
      `DROP ROLE ${roles.monitor}; DROP ROLE ${roles.plain}; DROP ROLE ${roles.other};`,
    );
    await superuser.end();
  });

  /** pg_stat_activity as the superuser sees it. */
  async function truth(role: string) {
    const { rows } = await superuser.query(
      `SELECT count(*) FILTER (WHERE backend_type = 'client backend') AS connections,
              count(*) FILTER (WHERE usename IS DISTINCT FROM $1) AS other_roles,
              EXTRACT(EPOCH FROM max(now() - xact_start) FILTER (WHERE state <> 'idle')) AS oldest
         FROM pg_stat_activity`,
      [role],
    );
    return {
      connections: Number(rows[0].connections),
      otherRoles: Number(rows[0].other_roles),
      oldest: Number(rows[0].oldest),
    };
  }

  /**
   * Other test files open and close sessions meanwhile: probe between two
   * identical superuser readings, so both saw the same sessions. The probe's
   * own session is counted by it, not by the readings around it.
   */
  async function probeAs(role: string) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const before = await truth(role);
      const status = await probePostgres(
        { ...POSTGRES, user: role },
        AbortSignal.timeout(5000),
        5000,
      );
      const after = await truth(role);
      if (
        before.connections === after.connections &&
        before.otherRoles === after.otherRoles
      ) {
        return { status, before, after };
      }
    }
    throw new Error('pg_stat_activity never held still for one probe');
  }

  it('with pg_monitor: connections and the oldest transaction as a superuser sees them', async () => {
    const { status, before, after } = await probeAs(roles.monitor);
    expect(status.hiddenSessions).toBeUndefined();
    expect(status.role).toBe(roles.monitor);
    expect(status.connections).toBe(before.connections + 1);
    expect(status.oldestTransactionSeconds).toBeGreaterThanOrEqual(
      HELD_SECONDS,
    );
    expect(status.oldestTransactionSeconds).toBeGreaterThanOrEqual(
      before.oldest,
    );
    expect(status.oldestTransactionSeconds).toBeLessThanOrEqual(after.oldest);
  });

  it('without pg_monitor: says how many sessions are hidden and gives no made-up figure', async () => {
    const { status, before } = await probeAs(roles.plain);
    // Every session but the probe's own: other roles' and background workers.
    expect(status.hiddenSessions).toBe(before.otherRoles);
    expect(status.hiddenSessions).toBeGreaterThanOrEqual(others.length);
    expect(status.connections).toBeUndefined();
    expect(status.oldestTransactionSeconds).toBeUndefined();
    expect(status.maxConnections).toBeGreaterThan(0);

    const outcome = await databaseCheck.run({
      env: {
        database: { postgres: { ...POSTGRES, user: roles.plain } },
        schedule: { checkTimeoutSeconds: 5 },
      } as unknown as EnvironmentConfig,
      clients: {} as EnvironmentClients,
      signal: AbortSignal.timeout(5000),
      logger: mockServices.logger.mock(),
    });
    expect(outcome.status).toBe('warning');
    expect(outcome.message).toMatch(
      new RegExp(
        `^PostgreSQL .+ \\(primary\\): \\d+ sessions of other roles are hidden from ${roles.plain}, so connections and the oldest transaction are unknown; GRANT pg_monitor TO ${roles.plain}\\.$`,
      ),
    );
    expect(outcome.message).not.toMatch(/ of \d+ connections/);
  });
});
