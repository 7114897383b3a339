/**
 * Every statement the plugin sends to Rucio's database. Rucio's history
 * tables (`locks`, `requests_history`, `dids`, `replicas`, `contents`) hold
 * 10^8–10^9 rows at large experiments, so each statement run at every
 * collection reaches them only through an index Rucio itself creates, at a
 * cost in proportion to its answer (`RucioDatabaseScale.test.ts` holds that
 * with EXPLAIN on the real schema). Values Rucio stores as one-letter enum
 * codes are written as literals so the planner can use those indexes.
 */

/** A statement and its parameters. */
export interface Statement {
  text: string;
  values?: unknown[];
}

/** The tables each reading needs `SELECT` on. */
export const RULE_TABLES = ['alembic_version', 'rules', 'locks', 'rses'];
export const LINK_TABLES = ['alembic_version', 'requests', 'rses'];
export const FINISHED_TABLES = ['alembic_version', 'requests_history', 'rses'];

/** Builds the statements for Rucio's tables in `schema` (a plain identifier, validated at start-up). */
export function rucioStatements(schema: string) {
  const table = (name: string) => `"${schema}".${name}`;
  return {
    /** The tables of `tables` the role may not read, or null without USAGE on the schema. */
    deniedTables: (tables: string[]): Statement => ({
      text: `SELECT CASE WHEN has_schema_privilege($1, 'USAGE') THEN
                ARRAY(SELECT t FROM unnest($2::text[]) t
                       WHERE to_regclass(format('%I.%I', $1, t)) IS NOT NULL
                         AND NOT has_table_privilege(format('%I.%I', $1, t), 'SELECT'))
              END AS denied`,
      values: [schema, tables],
    }),
    alembicVersion: (): Statement => ({
      text: `SELECT version_num FROM ${table('alembic_version')}`,
    }),
    /** RULES_STATE_IDX (RULES_STUCKSTATE_IDX in 1.31) on `rules(state)`. */
    rulesByState: (): Statement => ({
      text: `SELECT state::text AS state, count(*) AS n FROM ${table(
        'rules',
      )} GROUP BY state`,
    }),
    // Rucio stores naive UTC timestamps.
    stuckRulesOlderThan: (hours: number): Statement => ({
      text: `SELECT count(*) AS n FROM ${table('rules')}
             WHERE state = 'S' AND stuck_at < (now() AT TIME ZONE 'utc') - make_interval(hours => $1)`,
      values: [hours],
    }),
    /**
     * The rules that may hold STUCK locks, through the state index: a lock
     * becomes STUCK under a STUCK rule, a SUSPENDED one, or a REPLICATING
     * one whose error is set (core/lock.py failed_transfer keeps the rule's
     * state then); `locks_stuck_cnt` counts them.
     */
    rulesWithStuckLocks: (): Statement => ({
      text: `SELECT id FROM ${table('rules')}
             WHERE state IN ('S', 'U', 'R') AND locks_stuck_cnt > 0`,
    }),
    /** LOCKS_RULE_ID_IDX: only the locks of the rules above are read. */
    stuckLocksByRse: (ruleIds: string[]): Statement => ({
      text: `SELECT r.rse AS rse, count(*) AS n
             FROM ${table('locks')} l JOIN ${table('rses')} r ON r.id = l.rse_id
             WHERE l.rule_id = ANY($1::uuid[]) AND l.state = 'S'
             GROUP BY r.rse ORDER BY count(*) DESC, r.rse LIMIT 10`,
      values: [ruleIds],
    }),
    /**
     * Transfer, stage-in and stage-out requests queued now, as
     * get_request_stats counts them; REQUESTS_TYP_STA_UPD_IDX
     * (request_type, state, activity).
     */
    queuedByLink: (): Statement => ({
      text: `SELECT src.rse AS source, dst.rse AS destination, count(*) AS files, coalesce(sum(q.bytes), 0) AS bytes
             FROM ${table('requests')} q
             JOIN ${table('rses')} src ON src.id = q.source_rse_id
             JOIN ${table('rses')} dst ON dst.id = q.dest_rse_id
             WHERE q.request_type IN ('T', 'I', 'O') AND q.state = 'Q'
             GROUP BY src.rse, dst.rse`,
    }),
    /**
     * Transfers finished in the last 6 h and 1 h. Rucio has no index on
     * `requests_history.updated_at` (only scope, name, dest_rse_id): this is
     * a scan of the whole transfer history, so it is sent at most once per
     * `database.rucio.historyMinutes`, never at every collection.
     */
    finishedByLink: (): Statement => ({
      text: `SELECT src.rse AS source, dst.rse AS destination, h.state::text AS state,
                count(*) FILTER (WHERE h.updated_at >= (now() AT TIME ZONE 'utc') - interval '1 hour') AS files_1h,
                count(*) AS files_6h,
                coalesce(sum(h.bytes) FILTER (WHERE h.updated_at >= (now() AT TIME ZONE 'utc') - interval '1 hour'), 0) AS bytes_1h,
                coalesce(sum(h.bytes), 0) AS bytes_6h
             FROM ${table('requests_history')} h
             JOIN ${table('rses')} src ON src.id = h.source_rse_id
             JOIN ${table('rses')} dst ON dst.id = h.dest_rse_id
             WHERE h.state IN ('D', 'F') AND h.request_type IN ('T', 'I', 'O')
               AND h.updated_at >= (now() AT TIME ZONE 'utc') - interval '6 hours'
             GROUP BY src.rse, dst.rse, h.state`,
    }),
  };
}
