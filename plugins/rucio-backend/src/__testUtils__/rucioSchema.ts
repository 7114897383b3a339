import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { RucioDatabaseConfig } from '../clients/RucioDatabase';
import { temporaryPostgres } from './temporaryPostgres';

/**
 * The schema a real Rucio 1.31.7 created (fixtures/rucio-1.31.7/schema.sql,
 * schema `dev`) in a database of its own on the machine's PostgreSQL, seeded
 * with rules, locks and requests in every state the queries tell apart, and
 * a role that may only read it.
 */
const FIXTURES = path.resolve(
  __dirname,
  '../../../../packages/rucio-demo/fixtures',
);

const hoursAgo = (h: number) =>
  `(now() AT TIME ZONE 'utc') - interval '${h} hours'`;

const rse = (n: string) => `00000000-0000-0000-0000-00000000000${n}`;
const rule = (n: string) => `00000000-0000-0000-0001-0000000000${n}`;

/**
 * Stuck locks sit under the rules Rucio leaves them under (core/lock.py
 * failed_transfer): STUCK rules, a SUSPENDED one, and a REPLICATING one whose
 * error is set; each rule's `locks_stuck_cnt` counts them. The first rule by
 * id is an OK one: `bulk.sql` puts its locks there.
 */
const SEED = `
  SET search_path = dev;
  -- The schema's version, as Rucio 1.31.7 left it (fixtures/rucio-1.31.7/INDEX.md).
  INSERT INTO alembic_version VALUES ('fb28a95fe288');
  -- Seeding only: foreign keys to accounts, scopes and DIDs are not what is tested.
  SET session_replication_role = replica;
  INSERT INTO rses (id, rse, rse_type, deleted, created_at, updated_at) VALUES
    ('${rse('a')}', 'SITE_A_DISK', 'DISK', false, now(), now()),
    ('${rse('b')}', 'SITE_B_DISK', 'DISK', false, now(), now()),
    ('${rse('c')}', 'SITE_C_TAPE', 'TAPE', false, now(), now());
  INSERT INTO rules (id, account, scope, name, state, error, stuck_at, locks_stuck_cnt, "grouping", locked, purge_replicas, copies, created_at, updated_at)
  SELECT s.id::uuid, 'root', 'test', 'file_' || s.id, s.state::dev."RULES_STATE_CHK", s.error, s.stuck_at, s.stuck_locks, 'D', false, false, 1, now(), now()
  FROM (VALUES
    ('${rule('01')}', 'O', NULL, NULL::timestamp, 0), ('${rule(
  '02',
)}', 'O', NULL, NULL, 0),
    ('${rule('03')}', 'O', NULL, NULL, 0),
    ('${rule('04')}', 'R', NULL, NULL, 0), ('${rule(
  '05',
)}', 'R', 'transfer failed', NULL, 1),
    ('${rule('06')}', 'U', 'suspended', NULL, 1), ('${rule(
  '07',
)}', 'U', NULL, NULL, 0),
    ('${rule('08')}', 'W', NULL, NULL, 0), ('${rule(
  '09',
)}', 'I', NULL, NULL, 0),
    ('${rule('0a')}', 'S', NULL, ${hoursAgo(48)}, 4), ('${rule(
  '0b',
)}', 'S', NULL, ${hoursAgo(48)}, 2),
    ('${rule('0c')}', 'S', 'InsufficientTargetRSEs', ${hoursAgo(48)}, 0),
    ('${rule('0d')}', 'S', NULL, ${hoursAgo(1)}, 0)
  ) AS s(id, state, error, stuck_at, stuck_locks);
  INSERT INTO locks (scope, name, rule_id, rse_id, account, bytes, state, created_at, updated_at)
  SELECT 'test', 'f' || n || l.rule, l.rule::uuid, l.rse::uuid, 'root', 1, l.state::dev."LOCKS_STATE_CHK", now(), now()
  FROM (VALUES
    ('${rule('0a')}', '${rse('b')}', 'S', 4), ('${rule('05')}', '${rse(
  'b',
)}', 'S', 1),
    ('${rule('0b')}', '${rse('c')}', 'S', 2), ('${rule('06')}', '${rse(
  'a',
)}', 'S', 1),
    ('${rule('0a')}', '${rse('a')}', 'O', 2), ('${rule('04')}', '${rse(
  'a',
)}', 'R', 4),
    ('${rule('01')}', '${rse('a')}', 'O', 6)
  ) AS l(rule, rse, state, k), generate_series(1, l.k) AS n;
  INSERT INTO requests (id, request_type, state, source_rse_id, dest_rse_id, bytes, created_at, updated_at)
  SELECT gen_random_uuid(), q.type::dev."REQUESTS_TYPE_CHK", q.state::dev."REQUESTS_STATE_CHK", q.src::uuid, q.dst::uuid, q.bytes, now(), now()
  FROM (VALUES
    ('T', 'Q', '${rse('a')}', '${rse('b')}', 100, 3),
    ('I', 'Q', '${rse('b')}', '${rse('c')}', 50, 2),
    ('T', 'Q', NULL, '${rse('b')}', 7, 4),
    ('U', 'Q', '${rse('a')}', '${rse('b')}', 7, 4),
    ('T', 'S', '${rse('a')}', '${rse('b')}', 7, 4)
  ) AS q(type, state, src, dst, bytes, k), generate_series(1, q.k) AS n;
  INSERT INTO requests_history (id, request_type, state, source_rse_id, dest_rse_id, bytes, created_at, updated_at)
  SELECT gen_random_uuid(), 'T', h.state::dev."REQUESTS_HIST_STATE_CHK", h.src::uuid, h.dst::uuid, 10, now(), h.at
  FROM (VALUES
    ('D', '${rse('a')}', '${rse('b')}', ${hoursAgo(0.5)}, 4),
    ('D', '${rse('a')}', '${rse('b')}', ${hoursAgo(3)}, 2),
    ('D', '${rse('a')}', '${rse('b')}', ${hoursAgo(7)}, 1),
    ('F', '${rse('a')}', '${rse('b')}', ${hoursAgo(0.5)}, 1),
    ('F', '${rse('b')}', '${rse('c')}', ${hoursAgo(2)}, 3)
  ) AS h(state, src, dst, at, k), generate_series(1, h.k) AS n;
  SET session_replication_role = origin;
  SET search_path = public;
`;

/** What RucioDatabase must answer on the seed. */
export const SEED_RULES = {
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
};

export const SEED_LINKS = [
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
];

/** Runs a psql script's SQL: `\set` lines dropped, `:name` variables replaced. */
export function psqlScript(file: string, variables: Record<string, string>) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(line => !line.startsWith('\\'))
    .join('\n')
    .replace(/(?<!:):([a-z_]+)\b/g, (whole, name: string) =>
      name in variables ? variables[name] : whole,
    );
}

export const RUCIO_SCHEMA_SQL = path.join(FIXTURES, 'rucio-1.31.7/schema.sql');
export const BULK_SQL = path.join(FIXTURES, 'rucio-scale/bulk.sql');

/** Loads Rucio 1.31.7's schema (`dev`) and the seed into an empty database. */
export async function loadSeededRucio(knex: Knex) {
  await knex.raw(psqlScript(RUCIO_SCHEMA_SQL, {}));
  await knex.raw(SEED);
}

/** Grows `locks` and `requests_history` by `rows` each with bulk.sql. */
export async function growRucioHistory(knex: Knex, rows: number) {
  // The seed has no accounts, scopes, DIDs or replicas for the foreign keys.
  await knex.raw(
    `SET session_replication_role = replica; ${psqlScript(BULK_SQL, {
      schema: 'dev',
      n: String(rows),
    })}; SET session_replication_role = origin; SET search_path TO public`,
  );
}

/** Tables that grow with an experiment's history: no statement may scan them. */
export const HISTORY_TABLES = [
  'locks',
  'requests_history',
  'dids',
  'replicas',
  'contents',
];

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

/** Every node of a plan of `EXPLAIN (FORMAT JSON)`. */
export function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

/** What the backend README's `database.rucio` role may read, and nothing more. */
export const README_GRANTS = [
  'alembic_version',
  'rules',
  'locks',
  'rses',
  'requests',
  'requests_history',
];

/** The README's read-only role on schema `dev`, with SELECT on `tables`. */
export async function createReadOnlyRole(
  knex: Knex,
  role: string,
  tables = README_GRANTS,
) {
  await knex.raw(`CREATE ROLE ${role} LOGIN;
    GRANT USAGE ON SCHEMA dev TO ${role};
    GRANT SELECT ON ${tables.map(t => `dev.${t}`).join(', ')} TO ${role};`);
}

/**
 * Declares, for one test file, a database holding Rucio's schema as `load`
 * fills it (the seed when unset) and the README's read-only role with SELECT
 * on `grants` (the README's tables when unset). `config()` connects as it.
 */
export function seededRucioDatabase(
  prefix: string,
  options: { grants?: string[]; load?: (knex: Knex) => Promise<void> } = {},
) {
  // Roles belong to the whole server: one name per run.
  const role = `${prefix}_ro_${Date.now().toString(36)}`;
  let knex: Knex;
  // Before the database goes (hooks run in the order they are declared).
  afterAll(async () => {
    await knex.raw(`DROP OWNED BY ${role}`);
    await knex.raw(`DROP ROLE ${role}`);
  });
  const postgres = temporaryPostgres(prefix);
  beforeAll(async () => {
    knex = postgres.connect();
    await (options.load ?? loadSeededRucio)(knex);
    await createReadOnlyRole(knex, role, options.grants);
  }, 60_000);
  return {
    role,
    /** The superuser's connection. */
    knex: () => knex,
    config: (): RucioDatabaseConfig => ({
      host: '127.0.0.1',
      port: 5432,
      database: knex.client.config.connection.database,
      user: role,
      ssl: 'disable',
      schema: 'dev',
      statementTimeoutSeconds: 5,
      historyMinutes: 60,
    }),
  };
}
