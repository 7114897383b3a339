import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import type {
  EnvironmentSnapshot,
  RseRow,
} from '@rucio-portal/plugin-rucio-common';
import type { Knex } from 'knex';
import { fillRates, pastCheckHours, pastRseSpace } from './demoPast';

const POLL_MS = 2_000;
/** Multi-row inserts stay under SQLite's parameter limit. */
const CHUNK = 100;

async function insertIgnoring(knex: Knex, table: string, rows: object[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await knex(table)
      .insert(rows.slice(i, i + CHUNK))
      .onConflict()
      .ignore();
  }
}

/**
 * Gives each environment marked `demo: true` a made-up past, so that a fresh
 * demo shows a week of check history, 90 days of RSE space and RSEs due to
 * reach MinFreeSpace. It writes into the rucio plugin's own history tables
 * (a module shares its plugin's database), and only rows older than the
 * plugin's first own figure: what the plugin collects is never replaced.
 */
export const rucioModuleDemoHistory = createBackendModule({
  pluginId: 'rucio',
  moduleId: 'demo-history',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
      },
      async init({ config, database, logger, lifecycle }) {
        const demos = (
          config.getOptionalConfigArray('rucio.environments') ?? []
        )
          .filter(env => env.getOptionalBoolean('demo'))
          .map(env => env.getString('name'));
        if (!demos.length) return;
        const startedAt = Date.now();
        const seededChecks = new Set<string>();
        const seededSpace = new Set<string>();

        const seed = async (knex: Knex) => {
          const pending = demos.filter(
            env => !seededChecks.has(env) || !seededSpace.has(env),
          );
          if (!pending.length) return;
          const rows = await knex('rucio_snapshots')
            .whereIn('environment', pending)
            .select('environment', 'snapshot', 'rses');
          for (const row of rows) {
            const snapshot: EnvironmentSnapshot = JSON.parse(row.snapshot);
            const rses: RseRow[] = row.rses ? JSON.parse(row.rses) : [];
            const env = snapshot.environment;
            if (!seededChecks.has(env)) {
              seededChecks.add(env);
              await insertIgnoring(
                knex,
                'rucio_check_hours',
                pastCheckHours(snapshot, startedAt),
              );
              logger.info(
                `Gave the demo environment ${env} a week of check history`,
              );
            }
            // The details come a few RSEs per collection; the RSEs due to
            // reach MinFreeSpace are chosen once all are read, so that the
            // choice does not move as more are read.
            if (
              !seededSpace.has(env) &&
              rses.length &&
              rses.every(r => r.detailsCheckedAt)
            ) {
              seededSpace.add(env);
              const rates = fillRates(rses);
              const points = rses
                .filter(r => r.freeBytes !== undefined && r.totalBytes)
                .flatMap(r => pastRseSpace(env, r, rates.get(r.name) ?? 0));
              await insertIgnoring(knex, 'rucio_rse_space', points);
              logger.info(
                `Gave the RSEs of the demo environment ${env} 90 days of space`,
              );
            }
          }
        };

        // A plain timer, not the scheduler: each instance fills its own
        // in-memory demo database, and only until every demo has its past.
        let timer: NodeJS.Timeout | undefined;
        lifecycle.addStartupHook(async () => {
          const knex = await database.getClient();
          let running = false;
          timer = setInterval(async () => {
            if (running) return;
            running = true;
            try {
              await seed(knex);
            } catch (error) {
              logger.warn(`Could not give the demo its past: ${error}`);
            } finally {
              running = false;
            }
          }, POLL_MS);
          timer.unref();
        });
        lifecycle.addShutdownHook(() => clearInterval(timer));
      },
    });
  },
});
