import type {
  ReadRseDetailsResponse,
  RseRow,
} from '@rucio-portal/plugin-rucio-common';
import type { RucioClient } from '../clients/RucioClient';
import {
  readRseDetails,
  requestPacer,
  withNewerDetails,
  type RseListEntry,
} from '../checks/readRseDetails';
import type { EnvironmentConfig } from '../config/readEnvironmentConfigs';

interface RseDetailsOnDemandOptions {
  /** The latest collection's RSE table. */
  latest: (name: string) => Promise<{ rses: RseRow[] } | undefined>;
  /** Changes the latest RSE table in place. */
  updateLatest: (
    name: string,
    update: (rows: RseRow[]) => RseRow[],
  ) => Promise<void>;
  rucio: (name: string) => RucioClient;
}

/**
 * The RSE details adoption needs: those the last collection keeps, and once
 * those it has not read yet, straight from Rucio at the environment's
 * `schedule.adoptionRequestsPerMinute`, then kept in the latest table. The
 * pace is kept per environment across requests, and one request reads at a
 * time, so two adoptions of one environment share the rate.
 */
export class RseDetailsOnDemand {
  private readonly pacers = new Map<string, () => Promise<void>>();
  private readonly queues = new Map<string, Promise<unknown>>();

  static create(options: RseDetailsOnDemandOptions) {
    return new RseDetailsOnDemand(options);
  }

  private constructor(private readonly options: RseDetailsOnDemandOptions) {}

  async read(
    env: EnvironmentConfig,
    names: string[],
    signal: AbortSignal,
  ): Promise<ReadRseDetailsResponse> {
    const previous = this.queues.get(env.name) ?? Promise.resolve();
    const run = previous
      .catch(() => undefined)
      .then(() => this.readNow(env, names, signal));
    this.queues.set(env.name, run);
    return run;
  }

  private async readNow(
    env: EnvironmentConfig,
    names: string[],
    signal: AbortSignal,
  ): Promise<ReadRseDetailsResponse> {
    const requestsPerMinute = env.schedule.adoptionRequestsPerMinute;
    const latest = await this.options.latest(env.name);
    const listed = new Map((latest?.rses ?? []).map(r => [r.name, r]));
    const unknown = names.filter(n => !listed.has(n));
    const wanted = names.filter(n => listed.has(n));
    const toRead = wanted
      .map(n => listed.get(n)!)
      .filter(r => !r.detailsCheckedAt)
      .map(listEntry);
    let pace = this.pacers.get(env.name);
    if (!pace) {
      pace = requestPacer(requestsPerMinute);
      this.pacers.set(env.name, pace);
    }
    const { fresh, failures } = toRead.length
      ? await readRseDetails(this.options.rucio(env.name), toRead, {
          concurrency: env.schedule.rseConcurrency,
          signal,
          pace,
        })
      : { fresh: new Map<string, RseRow>(), failures: [] };
    if (fresh.size) {
      // Into whichever table is latest by now: a collection stored meanwhile
      // may not have read these RSEs again.
      await this.options.updateLatest(env.name, rows =>
        rows.map(row => withNewerDetails(row, fresh.get(row.name))),
      );
    }
    return {
      rses: wanted
        .map(n => fresh.get(n) ?? listed.get(n)!)
        .filter(r => r.detailsCheckedAt),
      readNow: fresh.size,
      unknown,
      failures,
      requestsPerMinute,
    };
  }
}

/** The list entry a collection read, as far as its row keeps it. */
function listEntry(row: RseRow): RseListEntry {
  return {
    rse: row.name,
    rse_type: row.type,
    availability_read: row.availabilityRead,
    availability_write: row.availabilityWrite,
    availability_delete: row.availabilityDelete,
    updated_at: row.updatedAt,
  };
}
