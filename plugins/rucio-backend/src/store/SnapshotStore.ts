import {
  resolvePackagePath,
  type DatabaseService,
} from '@backstage/backend-plugin-api';
import type {
  EnvironmentSnapshot,
  HistoryPoint,
  RseRow,
} from '@rucio-portal/plugin-rucio-common';
import type { Knex } from 'knex';
import { withNewerDetails } from '../checks/readRseDetails';
import type { Collection } from '../collector/Collector';
import { listCheckHours, recordCheckHour } from './checkHours';
import { forecastRseSpace, listRseSpace, recordRseSpace } from './rseSpace';

export interface Latest {
  snapshot: EnvironmentSnapshot;
  rses: RseRow[];
}

const MIGRATION_WAIT_MS = 60_000;

/**
 * Brings the plugin's tables up to date. knex takes a lock even when nothing
 * is pending and refuses at once (MigrationLocked) while another instance
 * holds it, so replicas starting together wait their turn instead of failing.
 */
async function migrate(knex: Knex) {
  const directory = resolvePackagePath(
    '@rucio-portal/plugin-rucio-backend',
    'migrations',
  );
  const giveUpAt = Date.now() + MIGRATION_WAIT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      await knex.migrate.latest({ directory });
      return;
    } catch (error) {
      if (
        (error as Error).name !== 'MigrationLocked' ||
        Date.now() > giveUpAt
      ) {
        throw error;
      }
      await new Promise(resolve =>
        setTimeout(resolve, Math.min(100 * attempt, 1000)),
      );
    }
  }
}

/**
 * Keeps the latest collection of each environment and the status history in
 * the plugin's database. Reads are served from memory, so the REST API never
 * waits for the database or an upstream.
 */
export class SnapshotStore {
  static async create(options: { database: DatabaseService }) {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await migrate(knex);
    }
    const store = new SnapshotStore(knex);
    await store.load();
    return store;
  }

  readonly #latest = new Map<string, Latest>();

  private constructor(private readonly knex: Knex) {}

  private async load() {
    const rows = await this.knex('rucio_snapshots').select();
    for (const row of rows) {
      this.#latest.set(row.environment, {
        snapshot: JSON.parse(row.snapshot),
        rses: row.rses ? JSON.parse(row.rses) : [],
      });
    }
  }

  latest(environment: string): Latest | undefined {
    return this.#latest.get(environment);
  }

  readonly #loadedAt = new Map<string, number>();

  /**
   * The latest collection, re-read from the database at most every
   * `maxAgeMs`: with several backend instances only one collects, and the
   * others pick its results up here.
   */
  async fresh(
    environment: string,
    maxAgeMs: number,
  ): Promise<Latest | undefined> {
    const now = Date.now();
    if (now - (this.#loadedAt.get(environment) ?? 0) > maxAgeMs) {
      this.#loadedAt.set(environment, now);
      const current = this.#latest.get(environment);
      // The time first: the row holds the whole RSE table, read only when newer.
      const stamp = await this.knex('rucio_snapshots')
        .where({ environment })
        .first('collected_at');
      const newer =
        stamp &&
        (!current || stamp.collected_at > current.snapshot.collectedAt);
      const row = newer
        ? await this.knex('rucio_snapshots').where({ environment }).first()
        : undefined;
      if (row) {
        this.#latest.set(environment, {
          snapshot: JSON.parse(row.snapshot),
          rses: row.rses ? JSON.parse(row.rses) : [],
        });
      }
    }
    return this.#latest.get(environment);
  }

  /**
   * Changes the latest RSE table in place (adoption adds the details it read
   * outside a collection), here and in the database.
   */
  async updateLatestRses(
    environment: string,
    update: (rows: RseRow[]) => RseRow[],
  ): Promise<void> {
    const current = this.#latest.get(environment);
    if (!current) return;
    const rses = update(current.rses);
    this.#latest.set(environment, { ...current, rses });
    await this.knex('rucio_snapshots')
      .where({ environment, collected_at: current.snapshot.collectedAt })
      .update({ rses: JSON.stringify(rses) });
  }

  async save(collection: Collection, historySize: number): Promise<void> {
    const { snapshot } = collection;
    const previous = this.#latest.get(snapshot.environment);
    // A failed RSE check keeps the last good table rather than emptying it;
    // details read while it ran (adoption) are not thrown away.
    const kept = new Map((previous?.rses ?? []).map(r => [r.name, r]));
    const merged =
      collection.rses?.map(r => withNewerDetails(r, kept.get(r.name))) ??
      previous?.rses ??
      [];
    // The RSEs whose details this collection read: their space is kept, and
    // their fit redone with it.
    const read = merged.filter(
      r =>
        r.detailsCheckedAt &&
        r.detailsCheckedAt !== kept.get(r.name)?.detailsCheckedAt,
    );
    const now = Date.parse(snapshot.collectedAt);
    let fits = new Map<string, number | undefined>();
    if (read.length) {
      await recordRseSpace(this.knex, snapshot.environment, read, now);
      fits = await forecastRseSpace(this.knex, snapshot.environment, read, now);
    }
    const rses = merged.map(r =>
      fits.has(r.name) ? { ...r, minFreeSpaceDays: fits.get(r.name) } : r,
    );
    this.#latest.set(snapshot.environment, { snapshot, rses });
    await this.knex.transaction(async tx => {
      await tx('rucio_snapshots')
        .insert({
          environment: snapshot.environment,
          collected_at: snapshot.collectedAt,
          snapshot: JSON.stringify(snapshot),
          rses: JSON.stringify(rses),
        })
        .onConflict('environment')
        .merge();
      const points = Object.values(snapshot.checks).map(c => ({
        environment: snapshot.environment,
        check: c!.check,
        status: c!.status,
        checked_at: c!.checkedAt,
      }));
      if (points.length) await tx('rucio_history').insert(points);
      await recordCheckHour(tx, snapshot);
      // History lives 7 days, and at most `historySize` runs per environment.
      await tx('rucio_history')
        .where({ environment: snapshot.environment })
        .andWhere(
          'checked_at',
          '<',
          new Date(Date.now() - 7 * 86_400_000).toISOString(),
        )
        .delete();
      // Rows of one run are inserted together, so ids order runs; counting
      // rows (not timestamps, which the checks of a run may share) keeps
      // exactly `historySize` runs.
      const cutoff = await tx('rucio_history')
        .where({ environment: snapshot.environment })
        .orderBy('id', 'desc')
        .offset(historySize * points.length)
        .first('id');
      if (cutoff) {
        await tx('rucio_history')
          .where({ environment: snapshot.environment })
          .andWhere('id', '<=', cutoff.id)
          .delete();
      }
    });
  }

  /** One RSE's space: hourly for 7 days, daily for 90. */
  async rseSpace(environment: string, rse: string) {
    return listRseSpace(this.knex, environment, rse, Date.now());
  }

  /** Each check per hour over the last `days` days, oldest first. */
  async checkHours(environment: string, days: number) {
    return listCheckHours(this.knex, environment, days);
  }

  async history(environment: string, limit: number): Promise<HistoryPoint[]> {
    const rows = await this.knex('rucio_history')
      .where({ environment })
      .orderBy('checked_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.reverse().map(row => ({
      check: row.check,
      status: row.status,
      checkedAt: row.checked_at,
    }));
  }
}
