// What the statements of one collection cost on Rucio's database at two
// sizes of its history tables (locks, requests_history), measured in the
// same run with EXPLAIN (ANALYZE, BUFFERS) as the README's read-only role: the real
// 1.31.7 schema and seed of the backend's tests, grown with bulk.sql.
// Run by scripts/bench.mjs under Backstage's Node transform; prints one JSON line.
import knexFactory from 'knex';
import { Client } from 'pg';
import {
  createReadOnlyRole,
  growRucioHistory,
  loadSeededRucio,
  type PlanNode,
} from '../../plugins/rucio-backend/src/__testUtils__/rucioSchema';
import { RucioDatabase } from '../../plugins/rucio-backend/src/clients/RucioDatabase';
import type { Statement } from '../../plugins/rucio-backend/src/clients/rucioStatements';

const PG = { host: '127.0.0.1', port: 5432, user: 'postgres' };
const SIZES = process.argv.slice(2).map(Number);
const RUNS = 5;
const stamp = Date.now().toString(36);

interface Cost {
  ms: number;
  buffers: number;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function explain(client: Client, s: Statement): Promise<Cost> {
  const { rows } = await client.query(
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${s.text}`,
    s.values,
  );
  const top = rows[0]['QUERY PLAN'][0];
  const plan = top.Plan as PlanNode;
  return {
    ms: top['Planning Time'] + top['Execution Time'],
    buffers:
      (plan['Shared Hit Blocks'] ?? 0) + (plan['Shared Read Blocks'] ?? 0),
  };
}

/** The median over RUNS of the summed cost of `statements`. */
async function cost(client: Client, statements: Statement[]): Promise<Cost> {
  const runs: Cost[] = [];
  for (let i = 0; i < RUNS; i++) {
    let ms = 0;
    let buffers = 0;
    for (const s of statements) {
      const c = await explain(client, s);
      ms += c.ms;
      buffers += c.buffers;
    }
    runs.push({ ms, buffers });
  }
  return {
    ms: median(runs.map(r => r.ms)),
    buffers: median(runs.map(r => r.buffers)),
  };
}

async function measure(rows: number) {
  const database = `bench_rucio_${rows}_${stamp}`;
  const role = `bench_ro_${rows}_${stamp}`;
  const admin = knexFactory({
    client: 'pg',
    connection: { ...PG, database: 'postgres' },
  });
  await admin.raw(`CREATE DATABASE ${database}`);
  const knex = knexFactory({ client: 'pg', connection: { ...PG, database } });
  try {
    await loadSeededRucio(knex);
    const grow = Date.now();
    await growRucioHistory(knex, rows);
    const growSeconds = (Date.now() - grow) / 1000;
    await createReadOnlyRole(knex, role);
    const sent: Statement[] = [];
    const rucio = RucioDatabase.fromConfig(
      {
        ...PG,
        database,
        user: role,
        ssl: 'disable',
        schema: 'dev',
        statementTimeoutSeconds: 60,
        historyMinutes: 60,
      },
      { onStatement: s => sent.push(s) },
    );
    await rucio.readLinks(AbortSignal.timeout(120_000));
    const history = sent.filter(s => /requests_history/.test(s.text));
    sent.length = 0;
    // One collection: the rules check and the transfers check.
    await rucio.readRules(AbortSignal.timeout(60_000), 24);
    await rucio.readLinks(AbortSignal.timeout(60_000));
    const client = new Client({ ...PG, database, user: role });
    await client.connect();
    try {
      return {
        rows,
        growSeconds,
        statements: sent.length,
        collection: await cost(client, sent),
        history: await cost(client, history),
        // The statement the rules check sent before: every lock in state STUCK.
        lockScan: await cost(client, [
          {
            text: `SELECT r.rse, count(*) FROM dev.locks l JOIN dev.rses r ON r.id = l.rse_id
                   WHERE l.state = 'S' GROUP BY r.rse ORDER BY count(*) DESC, r.rse LIMIT 10`,
          },
        ]),
      };
    } finally {
      await client.end();
    }
  } finally {
    await knex.destroy();
    await admin.raw(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.raw(`DROP ROLE IF EXISTS ${role}`);
    await admin.destroy();
  }
}

async function main() {
  const results = [];
  for (const rows of SIZES) results.push(await measure(rows));
  console.log(JSON.stringify(results));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
