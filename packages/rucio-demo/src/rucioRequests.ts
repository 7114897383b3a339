import type { DemoState } from './DemoState.ts';
import { createRandom } from './random.ts';

/** Links with traffic in the demo, between RSEs picked by the seed. */
const LINKS = 12;

/**
 * `GET /requests/metrics` as Rucio 40.4.1 answers it (recordings 28 and 29 of
 * fixtures/rucio-40.4.1): one line per source → destination link, `files`
 * and `bytes` with `queued` per activity and `queued-total`, `done` and
 * `failed` per activity with `1h`/`6h` and their totals; a key is absent
 * when there is nothing to count, `distance` only where one exists. The
 * first link fails most of its transfers. Counts drift slowly with time.
 */
export function requestMetrics(state: DemoState, now = Date.now()) {
  const random = createRandom(state.options.seed * 104_729);
  const hour = Math.floor(now / 3_600_000);
  const activities = ['User Subscriptions', 'Data Consolidation', 'Staging'];
  const rows: Array<Record<string, unknown>> = [];
  const used = new Set<string>();
  for (let i = 0; rows.length < LINKS && i < LINKS * 4; i++) {
    const src = random.pick(state.rses);
    const dst = random.pick(state.rses);
    const key = `${src.rse}:${dst.rse}`;
    if (src === dst || used.has(key)) continue;
    used.add(key);
    const activity = random.pick(activities);
    const queued = random.int(0, 40);
    const done1h = random.int(0, 60) + (hour % 5);
    const done6h = done1h * 5 + random.int(0, 100);
    const failing = rows.length === 0;
    const failed1h = failing ? done1h + 20 : random.int(0, 3);
    const failed6h = failing ? done6h + 120 : failed1h * 4 + random.int(0, 4);
    const size = random.int(1, 5) * 1_000_000_000;
    const files: Record<string, unknown> = {};
    const bytes: Record<string, unknown> = {};
    if (queued) {
      files.queued = { [activity]: queued };
      files['queued-total'] = queued;
      bytes.queued = { [activity]: queued * size };
      bytes['queued-total'] = queued * size;
    }
    if (done6h) {
      files.done = { [activity]: { '1h': done1h, '6h': done6h } };
      files['done-total-1h'] = done1h;
      files['done-total-6h'] = done6h;
      bytes.done = { [activity]: { '1h': done1h * size, '6h': done6h * size } };
    }
    if (failed6h) {
      files.failed = { [activity]: { '1h': failed1h, '6h': failed6h } };
      files['failed-total-1h'] = failed1h;
      files['failed-total-6h'] = failed6h;
    }
    bytes['done-total-1h'] = done1h * size;
    bytes['done-total-6h'] = done6h * size;
    rows.push({
      files,
      bytes,
      ...(random.next() < 0.5 ? { distance: random.int(1, 4) } : {}),
      src_rse: src.rse,
      dst_rse: dst.rse,
    });
  }
  return rows;
}
