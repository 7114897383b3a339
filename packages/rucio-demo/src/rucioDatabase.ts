import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DemoState } from './DemoState.ts';

const SCHEMA = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/rucio-1.31.7/schema.sql',
);

/** The schema version Rucio 1.31.7 left (fixtures/rucio-1.31.7/INDEX.md). */
const ALEMBIC_VERSION = 'fb28a95fe288';

/** Rules per state (Rucio's one-letter codes) and how many of the STUCK ones are old. */
const RULES = { O: 120, R: 14, S: 6, U: 1, W: 2, I: 0 };
const OLD_STUCK = 4;

/** Rucio ids are UUIDs; the demo's are 32 hex digits. */
const uuid = (hex: string) =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(
    16,
    20,
  )}-${hex.slice(20)}`;

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

interface SqlRunner {
  exec(sql: string): Promise<unknown>;
}

/**
 * Rucio 1.31.7's own tables (the schema Rucio created, schema `dev`) in the
 * demo's PostgreSQL, holding its RSEs, rules in every state and stuck locks
 * on three RSEs, so that the portal's read-only database source has real
 * tables to count.
 */
export async function loadRucioDatabase(db: SqlRunner, state: DemoState) {
  // psql's \restrict lines are not SQL.
  await db.exec(
    readFileSync(SCHEMA, 'utf8')
      .split('\n')
      .filter(line => !line.startsWith('\\'))
      .join('\n'),
  );
  const rses = state.rses
    .map(
      r =>
        `(${quote(uuid(r.id))}, ${quote(r.rse)}, ${quote(
          r.kind === 'TAPE' ? 'TAPE' : 'DISK',
        )}, false, now(), now())`,
    )
    .join(',\n');
  const rules = Object.entries(RULES)
    .map(([code, count]) => `(${quote(code)}, ${count})`)
    .join(', ');
  const stuckAt = state.rses.slice(0, 3).map((r, i) => [uuid(r.id), 5 - i * 2]);
  await db.exec(`
    SET search_path = dev;
    INSERT INTO alembic_version VALUES (${quote(ALEMBIC_VERSION)});
    -- Seeded without accounts, scopes or DIDs: the portal only counts.
    SET session_replication_role = replica;
    INSERT INTO rses (id, rse, rse_type, deleted, created_at, updated_at) VALUES ${rses};
    INSERT INTO rules (id, account, scope, name, state, stuck_at, "grouping", locked, purge_replicas, copies, created_at, updated_at)
    SELECT gen_random_uuid(), 'root', 'demo', 'dataset_' || s.code || n,
           s.code::dev."RULES_STATE_CHK",
           CASE WHEN s.code = 'S' THEN (now() AT TIME ZONE 'utc') - make_interval(hours => CASE WHEN n <= ${OLD_STUCK} THEN 48 ELSE 2 END) END,
           'D', false, false, 1, now(), now()
    FROM (VALUES ${rules}) AS s(code, k), generate_series(1, s.k) AS n;
    -- Each RSE's stuck locks under one STUCK rule, whose counter says so, as
    -- Rucio keeps it (core/lock.py failed_transfer).
    INSERT INTO locks (scope, name, rule_id, rse_id, account, bytes, state, created_at, updated_at)
    SELECT 'demo', 'file_' || l.rse || n,
           (SELECT id FROM rules WHERE state = 'S' ORDER BY name OFFSET l.i LIMIT 1),
           l.rse::uuid, 'root', 1000, 'S', now(), now()
    FROM (VALUES ${stuckAt
      .map(([id, k], i) => `(${quote(String(id))}, ${k}, ${i})`)
      .join(', ')}) AS l(rse, k, i),
         generate_series(1, l.k) AS n;
    UPDATE rules SET locks_stuck_cnt = c.n
    FROM (SELECT rule_id, count(*) AS n FROM locks WHERE state = 'S' GROUP BY rule_id) c
    WHERE rules.id = c.rule_id;
    SET session_replication_role = origin;
    SET search_path = public;
  `);
}
