import knexFactory, { type Knex } from 'knex';
import { SnapshotStore } from '../store/SnapshotStore';
import { temporaryPostgres } from './temporaryPostgres';

/**
 * The plugin's store on each database a deployment may give it: the
 * machine's PostgreSQL and SQLite in memory. Every client is closed after
 * the test file.
 */
export function storeDatabases(prefix: string) {
  const postgres = temporaryPostgres(prefix);
  const clients: Knex[] = [];
  afterAll(() => Promise.all(clients.map(c => c.destroy())));
  const connect: Record<string, () => Knex> = {
    postgres: () => postgres.connect(),
    sqlite: () =>
      knexFactory({
        client: 'better-sqlite3',
        connection: ':memory:',
        useNullAsDefault: true,
      }),
  };
  return {
    kinds: Object.keys(connect),
    /** A store with its tables made on a new client of `kind`. */
    async open(kind: string) {
      const knex = connect[kind]();
      clients.push(knex);
      const store = await SnapshotStore.create({
        database: { getClient: async () => knex },
      } as any);
      return { knex, store };
    },
  };
}
