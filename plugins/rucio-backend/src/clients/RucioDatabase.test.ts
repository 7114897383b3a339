import { readFileSync } from 'node:fs';
import path from 'node:path';
import { temporaryPostgres } from '../__testUtils__/temporaryPostgres';
import { RucioDatabase, type RucioDatabaseConfig } from './RucioDatabase';

/**
 * Against the schema a real Rucio 1.31.7 created (fixtures/rucio-1.31.7/
 * schema.sql, schema `dev`), loaded into the machine's PostgreSQL and seeded
 * with rules, locks and requests in every state the queries tell apart.
 */
const SCHEMA_SQL = path.resolve(
  __dirname,
  '../../../../packages/rucio-demo/fixtures/rucio-1.31.7/schema.sql',
);

const hoursAgo = (h: number) =>
  `(now() AT TIME ZONE 'utc') - interval '${h} hours'`;

// Roles belong to the whole server: one name per run.
const ROLE = `rucio_ro_${Date.now().toString(36)}`;

const SEED = `
  SET search_path = dev;
  -- The schema's version, as Rucio 1.31.7 left it (fixtures/rucio-1.31.7/INDEX.md).
  INSERT INTO alembic_version VALUES ('fb28a95fe288');
  -- Seeding only: foreign keys to accounts, scopes and DIDs are not what is tested.
  SET session_replication_role = replica;
  INSERT INTO rses (id, rse, rse_type, deleted, created_at, updated_at) VALUES
    ('00000000-0000-0000-0000-00000000000a', 'SITE_A_DISK', 'DISK', false, now(), now()),
    ('00000000-0000-0000-0000-00000000000b', 'SITE_B_DISK', 'DISK', false, now(), now()),
    ('00000000-0000-0000-0000-00000000000c', 'SITE_C_TAPE', 'TAPE', false, now(), now());
  INSERT INTO rules (id, account, scope, name, state, stuck_at, "grouping", locked, purge_replicas, copies, created_at, updated_at)
  SELECT gen_random_uuid(), 'root', 'test', 'file_' || n, s.state::dev."RULES_STATE_CHK", s.stuck_at, 'D', false, false, 1, now(), now()
  FROM (VALUES
    ('O', 3, NULL::timestamp), ('R', 2, NULL), ('U', 2, NULL), ('W', 1, NULL), ('I', 1, NULL),
    ('S', 3, ${hoursAgo(48)}), ('S', 1, ${hoursAgo(1)})
  ) AS s(state, k, stuck_at), generate_series(1, s.k) AS n;
  INSERT INTO locks (scope, name, rule_id, rse_id, account, bytes, state, created_at, updated_at)
  SELECT 'test', 'f' || n || l.state, gen_random_uuid(), l.rse::uuid, 'root', 1, l.state::dev."LOCKS_STATE_CHK", now(), now()
  FROM (VALUES
    ('00000000-0000-0000-0000-00000000000b', 'S', 5), ('00000000-0000-0000-0000-00000000000c', 'S', 2),
    ('00000000-0000-0000-0000-00000000000a', 'S', 1), ('00000000-0000-0000-0000-00000000000a', 'R', 4),
    ('00000000-0000-0000-0000-00000000000a', 'O', 6)
  ) AS l(rse, state, k), generate_series(1, l.k) AS n;
  INSERT INTO requests (id, request_type, state, source_rse_id, dest_rse_id, bytes, created_at, updated_at)
  SELECT gen_random_uuid(), q.type::dev."REQUESTS_TYPE_CHK", q.state::dev."REQUESTS_STATE_CHK", q.src::uuid, q.dst::uuid, q.bytes, now(), now()
  FROM (VALUES
    ('T', 'Q', '00000000-0000-0000-0000-00000000000a', '00000000-0000-0000-0000-00000000000b', 100, 3),
    ('I', 'Q', '00000000-0000-0000-0000-00000000000b', '00000000-0000-0000-0000-00000000000c', 50, 2),
    ('T', 'Q', NULL, '00000000-0000-0000-0000-00000000000b', 7, 4),
    ('U', 'Q', '00000000-0000-0000-0000-00000000000a', '00000000-0000-0000-0000-00000000000b', 7, 4),
    ('T', 'S', '00000000-0000-0000-0000-00000000000a', '00000000-0000-0000-0000-00000000000b', 7, 4)
  ) AS q(type, state, src, dst, bytes, k), generate_series(1, q.k) AS n;
  INSERT INTO requests_history (id, request_type, state, source_rse_id, dest_rse_id, bytes, created_at, updated_at)
  SELECT gen_random_uuid(), 'T', h.state::dev."REQUESTS_HIST_STATE_CHK", h.src::uuid, h.dst::uuid, 10, now(), h.at
  FROM (VALUES
    ('D', '00000000-0000-0000-0000-00000000000a', '00000000-0000-0000-0000-00000000000b', ${hoursAgo(
      0.5,
    )}, 4),
    ('D', '00000000-0000-0000-0000-00000000000a', '00000000-0000-0000-0000-00000000000b', ${hoursAgo(
      3,
    )}, 2),
    ('D', '00000000-0000-0000-0000-00000000000a', '00000000-0000-0000-0000-00000000000b', ${hoursAgo(
      7,
    )}, 1),
    ('F', '00000000-0000-0000-0000-00000000000a', '00000000-0000-0000-0000-00000000000b', ${hoursAgo(
      0.5,
    )}, 1),
    ('F', '00000000-0000-0000-0000-00000000000b', '00000000-0000-0000-0000-00000000000c', ${hoursAgo(
      2,
    )}, 3)
  ) AS h(state, src, dst, at, k), generate_series(1, h.k) AS n;
  SET session_replication_role = origin;
  CREATE ROLE ${ROLE} LOGIN;
  GRANT USAGE ON SCHEMA dev TO ${ROLE};
  GRANT SELECT ON ALL TABLES IN SCHEMA dev TO ${ROLE};
`;

describe('RucioDatabase against Rucio 1.31.7’s schema', () => {
  let knex: ReturnType<ReturnType<typeof temporaryPostgres>['connect']>;
  // Before the database goes (hooks run in the order they are declared).
  afterAll(async () => {
    await knex.raw(`DROP OWNED BY ${ROLE}`);
    await knex.raw(`DROP ROLE ${ROLE}`);
  });
  const postgres = temporaryPostgres('rucio_schema');
  let config: RucioDatabaseConfig;

  beforeAll(async () => {
    knex = postgres.connect();
    // psql's \\restrict lines are not SQL.
    const schema = readFileSync(SCHEMA_SQL, 'utf8')
      .split('\n')
      .filter(line => !line.startsWith('\\'))
      .join('\n');
    await knex.raw(schema);
    await knex.raw(SEED);
    const { database } = knex.client.config.connection;
    config = {
      host: '127.0.0.1',
      port: 5432,
      database,
      // Only SELECT on Rucio's tables.
      user: ROLE,
      ssl: 'disable',
      schema: 'dev',
      statementTimeoutSeconds: 5,
    };
  });

  const signal = () => AbortSignal.timeout(10_000);

  it('counts rules by state, those stuck too long, and the RSEs with most stuck locks', async () => {
    const rules = await RucioDatabase.fromConfig(config).readRules(
      signal(),
      24,
    );
    expect(rules).toEqual({
      alembicVersion: 'fb28a95fe288',
      byState: {
        OK: 3,
        REPLICATING: 2,
        STUCK: 4,
        SUSPENDED: 2,
        WAITING_APPROVAL: 1,
        INJECT: 1,
      },
      stuckOlder: { hours: 24, count: 3 },
      stuckLocksByRse: [
        { rse: 'SITE_B_DISK', locks: 5 },
        { rse: 'SITE_C_TAPE', locks: 2 },
        { rse: 'SITE_A_DISK', locks: 1 },
      ],
    });
  });

  it('counts queued transfer requests and those finished in 1 h and 6 h per link', async () => {
    const { alembicVersion, links } = await RucioDatabase.fromConfig(
      config,
    ).readLinks(signal());
    expect(alembicVersion).toBe('fb28a95fe288');
    expect(links.sort((a, b) => a.source.localeCompare(b.source))).toEqual([
      {
        source: 'SITE_A_DISK',
        destination: 'SITE_B_DISK',
        queuedFiles: 3,
        queuedBytes: 300,
        doneFiles1h: 4,
        doneFiles6h: 6,
        doneBytes1h: 40,
        doneBytes6h: 60,
        failedFiles1h: 1,
        failedFiles6h: 1,
      },
      {
        source: 'SITE_B_DISK',
        destination: 'SITE_C_TAPE',
        queuedFiles: 2,
        queuedBytes: 100,
        doneFiles1h: 0,
        doneFiles6h: 0,
        doneBytes1h: 0,
        doneBytes6h: 0,
        failedFiles1h: 0,
        failedFiles6h: 3,
      },
    ]);
  });

  it('names the schema when it holds no Rucio tables', async () => {
    await expect(
      RucioDatabase.fromConfig({ ...config, schema: 'public' }).readRules(
        signal(),
        24,
      ),
    ).rejects.toThrow(
      `has no readable public.alembic_version (is public the schema of Rucio's tables, and may ${ROLE} read it?)`,
    );
  });
});
