import type { Knex } from 'knex';
import type { CauseState } from './decideNotifications';

/**
 * What owner notifications have told per environment and cause, in the
 * plugin's database: the instance that collects next (any replica) reads it.
 */
export class NotificationStateStore {
  static create(options: { knex: Knex }) {
    return new NotificationStateStore(options.knex);
  }

  private constructor(private readonly knex: Knex) {}

  async read(environment: string): Promise<Map<string, CauseState>> {
    const rows = await this.knex('rucio_notification_state')
      .where({ environment })
      .select('cause_key', 'state');
    return new Map(
      rows.map(r => [r.cause_key as string, JSON.parse(r.state) as CauseState]),
    );
  }

  async write(environment: string, state: ReadonlyMap<string, CauseState>) {
    await this.knex.transaction(async tx => {
      await tx('rucio_notification_state').where({ environment }).delete();
      const rows = [...state].map(([key, value]) => ({
        environment,
        cause_key: key,
        state: JSON.stringify(value),
      }));
      // Chunked: SQLite limits the variables of one statement.
      for (let i = 0; i < rows.length; i += 200) {
        await tx('rucio_notification_state').insert(rows.slice(i, i + 200));
      }
    });
  }
}
