import {
  checkValue,
  worstStatus,
  type CheckHour,
  type EnvironmentSnapshot,
} from '@rucio-portal/plugin-rucio-common';
import type { Knex } from 'knex';

/** Hours kept: a week to show, and the day before it. */
export const CHECK_HOURS_KEPT = 8 * 24;

const hourOf = (iso: string) => `${iso.slice(0, 13)}:00:00.000Z`;

/**
 * Folds one collection into its hour: the worst status of the hour, the last
 * figure, one more collection. One row per check and hour, whatever the
 * collection interval, so a week stays 168 rows per check.
 */
export async function recordCheckHour(
  tx: Knex,
  snapshot: EnvironmentSnapshot,
): Promise<void> {
  const hour = hourOf(snapshot.collectedAt);
  const { environment } = snapshot;
  const existing = new Map(
    (
      await tx('rucio_check_hours')
        .where({ environment, hour })
        .select('check', 'status', 'collections')
    ).map(row => [row.check as string, row]),
  );
  const rows = Object.values(snapshot.checks).map(result => {
    const before = existing.get(result!.check);
    return {
      environment,
      hour,
      check: result!.check,
      status: before
        ? worstStatus([before.status, result!.status])
        : result!.status,
      value: checkValue(result!) ?? null,
      collections: (before?.collections ?? 0) + 1,
    };
  });
  if (rows.length) {
    await tx('rucio_check_hours')
      .insert(rows)
      .onConflict(['environment', 'hour', 'check'])
      .merge();
  }
  await tx('rucio_check_hours')
    .where({ environment })
    .andWhere(
      'hour',
      '<',
      hourOf(
        new Date(
          Date.parse(snapshot.collectedAt) - CHECK_HOURS_KEPT * 3_600_000,
        ).toISOString(),
      ),
    )
    .delete();
}

/** The hours of the last `days` days, oldest first. */
export async function listCheckHours(
  knex: Knex,
  environment: string,
  days: number,
): Promise<CheckHour[]> {
  const since = hourOf(new Date(Date.now() - days * 86_400_000).toISOString());
  const rows = await knex('rucio_check_hours')
    .where({ environment })
    .andWhere('hour', '>=', since)
    .orderBy('hour', 'asc')
    .select();
  return rows.map(row => ({
    check: row.check,
    hour: row.hour,
    status: row.status,
    ...(row.value === null ? {} : { value: Number(row.value) }),
    collections: Number(row.collections),
  }));
}
