import knexFactory, { type Knex } from 'knex';

// The machine's PostgreSQL (127.0.0.1:5432, trust).
const PG = { host: '127.0.0.1', port: 5432, user: 'postgres' };

/**
 * A database of its own on the machine's PostgreSQL for one test file:
 * created before its tests, dropped (with every client made by `connect`)
 * after them.
 */
export function temporaryPostgres(prefix: string) {
  const database = `${prefix}_${Date.now().toString(36)}`;
  const clients: Knex[] = [];
  let admin: Knex;

  beforeAll(async () => {
    admin = knexFactory({
      client: 'pg',
      connection: { ...PG, database: 'postgres' },
    });
    await admin.raw(`CREATE DATABASE ${database}`);
  });

  afterAll(async () => {
    await Promise.all(clients.map(c => c.destroy()));
    await admin.raw(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.destroy();
  });

  return {
    connect(): Knex {
      const knex = knexFactory({
        client: 'pg',
        connection: { ...PG, database },
      });
      clients.push(knex);
      return knex;
    },
  };
}
