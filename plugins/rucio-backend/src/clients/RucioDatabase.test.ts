import { DemoState, loadRucioDatabase } from '@internal/rucio-demo';
import {
  SEED_LINKS,
  SEED_RULES,
  seededRucioDatabase,
} from '../__testUtils__/rucioSchema';
import { RucioDatabase } from './RucioDatabase';

const byLink = <T extends { source: string; destination: string }>(
  links: T[],
) =>
  [...links].sort((a, b) =>
    `${a.source}>${a.destination}`.localeCompare(
      `${b.source}>${b.destination}`,
    ),
  );

describe('RucioDatabase against Rucio 1.31.7’s schema', () => {
  const db = seededRucioDatabase('rucio_schema');
  const signal = () => AbortSignal.timeout(10_000);

  it('counts rules by state, those stuck too long, and the RSEs with most stuck locks', async () => {
    const rules = await RucioDatabase.fromConfig(db.config()).readRules(
      signal(),
      24,
    );
    expect(rules).toEqual(SEED_RULES);
    // The same answer as counting every lock in state STUCK.
    const all = await db.knex().raw(
      `SELECT r.rse, count(*)::int AS locks FROM dev.locks l JOIN dev.rses r ON r.id = l.rse_id
        WHERE l.state = 'S' GROUP BY r.rse ORDER BY count(*) DESC, r.rse`,
    );
    expect(rules.stuckLocksByRse).toEqual(all.rows);
  });

  it('counts queued transfer requests and those finished in 1 h and 6 h per link', async () => {
    const read = await RucioDatabase.fromConfig(db.config()).readLinks(
      signal(),
    );
    expect(read.alembicVersion).toBe('fb28a95fe288');
    expect(byLink(read.links)).toEqual(SEED_LINKS);
    expect(Date.now() - Date.parse(read.historyReadAt)).toBeLessThan(10_000);
  });

  it('reads finished transfers from requests_history at most every historyMinutes, queued ones every time', async () => {
    const database = RucioDatabase.fromConfig(db.config());
    const first = await database.readLinks(signal());
    const knex = db.knex();
    await knex.raw(`SET session_replication_role = replica;
      INSERT INTO dev.requests (id, request_type, state, source_rse_id, dest_rse_id, bytes, created_at, updated_at)
      VALUES (gen_random_uuid(), 'T', 'Q', '00000000-0000-0000-0000-00000000000a', '00000000-0000-0000-0000-00000000000b', 1, now(), now());
      INSERT INTO dev.requests_history (id, request_type, state, source_rse_id, dest_rse_id, bytes, created_at, updated_at)
      VALUES (gen_random_uuid(), 'T', 'F', '00000000-0000-0000-0000-00000000000a', '00000000-0000-0000-0000-00000000000b', 1, now(), now() AT TIME ZONE 'utc');
      SET session_replication_role = origin;`);
    try {
      const second = await database.readLinks(signal());
      const ab = (read: typeof first) =>
        read.links.find(l => l.destination === 'SITE_B_DISK')!;
      // Queued now, finished as read the first time.
      expect(ab(second).queuedFiles).toBe(4);
      expect(ab(second).failedFiles1h).toBe(1);
      expect(second.historyReadAt).toBe(first.historyReadAt);

      const now = Date.now();
      jest.spyOn(Date, 'now').mockReturnValue(now + 60 * 60_000);
      let third: typeof first;
      try {
        third = await database.readLinks(signal());
      } finally {
        jest.restoreAllMocks();
      }
      expect(ab(third).failedFiles1h).toBe(2);
      expect(Date.parse(third.historyReadAt)).toBe(now + 60 * 60_000);
    } finally {
      await knex.raw(`DELETE FROM dev.requests WHERE bytes = 1 AND request_type = 'T';
        DELETE FROM dev.requests_history WHERE bytes = 1`);
    }
  });

  it('names the schema when it holds no Rucio tables', async () => {
    await expect(
      RucioDatabase.fromConfig({ ...db.config(), schema: 'public' }).readRules(
        signal(),
        24,
      ),
    ).rejects.toThrow(
      `has no readable public.alembic_version (is public the schema of Rucio's tables?)`,
    );
  });
});

describe('RucioDatabase with a role missing a grant', () => {
  const db = seededRucioDatabase('rucio_grants', {
    grants: ['alembic_version', 'rules', 'rses', 'requests'],
  });

  it('names each table it may not read and the GRANT to run', async () => {
    const database = RucioDatabase.fromConfig(db.config());
    await expect(
      database.readRules(AbortSignal.timeout(10_000), 24),
    ).rejects.toThrow(
      new RegExp(
        `^Rucio database 127\\.0\\.0\\.1/rucio_grants_\\w+ refused role ${db.role} SELECT on dev\\.locks: GRANT SELECT ON dev\\.locks TO ${db.role}$`,
      ),
    );
    // Queued transfers need no more than it has; the history needs one more table.
    await expect(
      database.readLinks(AbortSignal.timeout(10_000)),
    ).rejects.toThrow(
      `refused role ${db.role} SELECT on dev.requests_history: GRANT SELECT ON dev.requests_history TO ${db.role}`,
    );
  });

  it('names the schema when the role has no USAGE on it', async () => {
    await db.knex().raw(`REVOKE USAGE ON SCHEMA dev FROM ${db.role}`);
    await expect(
      RucioDatabase.fromConfig(db.config()).readRules(
        AbortSignal.timeout(10_000),
        24,
      ),
    ).rejects.toThrow(
      `refused role ${db.role} the schema dev: GRANT USAGE ON SCHEMA dev TO ${db.role}`,
    );
  });
});

describe('RucioDatabase against the demo’s Rucio tables', () => {
  // The demo loads the same schema with its own rows (packages/rucio-demo).
  const db = seededRucioDatabase('rucio_demo_tables', {
    load: knex =>
      loadRucioDatabase(
        { exec: sql => knex.raw(sql) },
        new DemoState({ seed: 42 }),
      ),
  });

  it('finds every stuck lock through the rules that hold them, as Rucio keeps its counters', async () => {
    const rules = await RucioDatabase.fromConfig(db.config()).readRules(
      AbortSignal.timeout(10_000),
      24,
    );
    // The same answer as counting every lock in state STUCK: each one sits
    // under a STUCK rule whose locks_stuck_cnt counts it (core/lock.py).
    const all = await db.knex().raw(
      `SELECT r.rse, count(*)::int AS locks FROM dev.locks l JOIN dev.rses r ON r.id = l.rse_id
        WHERE l.state = 'S' GROUP BY r.rse ORDER BY count(*) DESC, r.rse`,
    );
    expect(rules.stuckLocksByRse).toEqual(all.rows);
    expect(rules.stuckLocksByRse.map(r => r.locks)).toEqual([5, 3, 1]);
    expect(rules.byState.STUCK).toBe(6);
    expect(rules.stuckOlder.count).toBe(4);
  });
});
