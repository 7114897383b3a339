import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
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
    expect(status.maxConnections).toBeGreaterThan(status.connections - 1);
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
