import { Client } from 'pg';
import {
  growRucioHistory,
  HISTORY_TABLES,
  planNodes,
  SEED_LINKS,
  SEED_RULES,
  seededRucioDatabase,
  type PlanNode,
} from '../__testUtils__/rucioSchema';
import { RucioDatabase } from './RucioDatabase';
import type { Statement } from './rucioStatements';

/**
 * Rucio's history tables at production size: 1 M locks and 1 M
 * requests_history rows (fixtures/rucio-scale/bulk.sql) on the real 1.31.7
 * schema, planned as the read-only role. Time is the benchmark's business
 * (`./portal bench --only database`); this holds what each statement reads.
 */
const ROWS = 1_000_000;

describe('RucioDatabase on production-sized history tables', () => {
  let role: Client | undefined;
  // Before the database goes (hooks run in the order they are declared).
  afterAll(async () => {
    await role?.end();
  });
  const db = seededRucioDatabase('rucio_scale');

  beforeAll(async () => {
    await growRucioHistory(db.knex(), ROWS);
    const c = db.config();
    role = new Client({
      host: c.host,
      port: c.port,
      database: c.database,
      user: c.user,
    });
    await role.connect();
  }, 240_000);

  async function plan(statement: Statement) {
    const { rows } = await role!.query(
      `EXPLAIN (FORMAT JSON) ${statement.text}`,
      statement.values,
    );
    return planNodes(rows[0]['QUERY PLAN'][0].Plan as PlanNode);
  }

  const scans = (nodes: PlanNode[]) =>
    nodes
      .filter(n => n['Relation Name'])
      .map(n => `${n['Node Type']} on ${n['Relation Name']}`);

  it('the tables hold what bulk.sql added', async () => {
    const { rows } = await db
      .knex()
      .raw(
        `SELECT (SELECT count(*) FROM dev.locks)::int AS locks, (SELECT count(*) FROM dev.requests_history)::int AS history`,
      );
    expect(rows[0].locks).toBeGreaterThan(ROWS);
    expect(rows[0].history).toBeGreaterThan(ROWS);
  });

  it('every statement of a collection reaches the history tables through an index only, and answers as on the seed', async () => {
    const sent: Statement[] = [];
    const database = RucioDatabase.fromConfig(db.config(), {
      onStatement: s => sent.push(s),
    });
    // Finished transfers were read once; what follows is a collection.
    await database.readLinks(AbortSignal.timeout(30_000));
    sent.length = 0;

    const rules = await database.readRules(AbortSignal.timeout(30_000), 24);
    const links = await database.readLinks(AbortSignal.timeout(30_000));
    expect(rules).toEqual(SEED_RULES);
    expect(
      links.links.sort((a, b) => a.source.localeCompare(b.source)),
    ).toEqual(SEED_LINKS);

    expect(sent.length).toBeGreaterThanOrEqual(8);
    const reached = new Map<string, string[]>();
    const sequential: string[] = [];
    for (const statement of sent) {
      for (const node of await plan(statement)) {
        const table = node['Relation Name'];
        if (!table || !HISTORY_TABLES.includes(table)) continue;
        const how = `${node['Node Type']} ${node['Index Name'] ?? ''}`.trim();
        reached.set(table, [...(reached.get(table) ?? []), how]);
        if (/Seq Scan/.test(how)) sequential.push(`${how}: ${statement.text}`);
      }
    }
    expect(sequential).toEqual([]);
    // Stuck locks are read, through the rule-id index Rucio creates.
    expect(reached.get('locks')).toEqual(['Index Scan LOCKS_RULE_ID_IDX']);
    expect(reached.has('requests_history')).toBe(false);
  });

  it('finished transfers scan requests_history (no index on updated_at), so they are read only every historyMinutes', async () => {
    const sent: Statement[] = [];
    const database = RucioDatabase.fromConfig(db.config(), {
      onStatement: s => sent.push(s),
    });
    await database.readLinks(AbortSignal.timeout(30_000));
    const history = sent.filter(s => /requests_history/.test(s.text));
    expect(history).toHaveLength(1);
    expect(scans(await plan(history[0]))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Seq Scan on requests_history/),
      ]),
    );
    sent.length = 0;
    await database.readLinks(AbortSignal.timeout(30_000));
    expect(sent.filter(s => /requests_history/.test(s.text))).toEqual([]);
  });
});
