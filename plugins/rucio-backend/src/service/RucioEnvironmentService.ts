import type {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  rucioEnvironmentChannel,
  type ListRsesRequest,
  type ListRsesResponse,
  type RseRow,
  type GetRseSpaceResponse,
  type RucioEnvironmentListItem,
  type RucioEnvironmentSummary,
  CHECK_IDS,
} from '@rucio-portal/plugin-rucio-common';
import type { EnvironmentEntities } from '../clients/EnvironmentEntities';
import { ALL_CHECKS } from '../checks';
import {
  createEnvironmentClients,
  type EnvironmentClients,
} from '../clients/EnvironmentClients';
import { Collector, type Collection } from '../collector/Collector';
import type { EnvironmentRepository } from '../clients/EnvironmentRepository';
import { RseDetailsOnDemand } from './RseDetailsOnDemand';
import type { OwnerNotifier } from '../notifications/OwnerNotifier';
import type { EnvironmentConfig } from '../config/readEnvironmentConfigs';
import type { RucioMetrics } from '../metrics/RucioMetrics';
import type { SnapshotStore } from '../store/SnapshotStore';
import type { SignalsService } from '@backstage/plugin-signals-node';
import { syncGitOpsObject, type SyncTarget } from './gitopsSync';
import { ListedSystems } from './ListedSystems';
import { listRsePage } from './listRsePage';

/**
 * The environments from admin config, their scheduled collection, and the
 * queries the REST API answers from the store.
 */
export class RucioEnvironmentService {
  static create(options: {
    environments: EnvironmentConfig[];
    store: SnapshotStore;
    logger: LoggerService;
    scheduler: SchedulerService;
    discovery: DiscoveryService;
    auth: AuthService;
    metrics?: RucioMetrics;
    signals?: SignalsService;
    repository?: EnvironmentRepository;
    notifier?: OwnerNotifier;
    entities?: Pick<EnvironmentEntities, 'system'>;
  }) {
    const clients = new Map<string, EnvironmentClients>();
    options.environments.forEach((env, index) => {
      clients.set(env.name, createEnvironmentClients(env, index, options));
    });
    return new RucioEnvironmentService(options, clients);
  }

  readonly #collector: Collector;
  readonly #details: RseDetailsOnDemand;
  readonly #listedSystems: ListedSystems;

  private constructor(
    private readonly options: {
      environments: EnvironmentConfig[];
      store: SnapshotStore;
      logger: LoggerService;
      scheduler: SchedulerService;
      metrics?: RucioMetrics;
      signals?: SignalsService;
      notifier?: OwnerNotifier;
      entities?: Pick<EnvironmentEntities, 'system'>;
    },
    private readonly clients: Map<string, EnvironmentClients>,
  ) {
    this.#collector = Collector.create({
      logger: options.logger,
      checks: ALL_CHECKS,
    });
    this.#details = RseDetailsOnDemand.create({
      latest: name => this.latest(name),
      updateLatest: (name, update) =>
        options.store.updateLatestRses(name, update),
      rucio: name => this.clients.get(name)!.rucio,
    });
    this.#listedSystems = ListedSystems.create({
      entities: options.entities,
      logger: options.logger,
    });
  }

  get environments() {
    return this.options.environments;
  }

  taskId(name: string) {
    return `rucio-collect-${name}`;
  }

  /**
   * Schedules one collection task per environment. Backstage's scheduler
   * gives a global task's first run to the instance that registered it first
   * (its own initial wait ends exactly when the task is due) and its later
   * runs mostly to the instance that ran the last one. Each instance
   * registers the environments in its own random order, so that replicas
   * starting together end up with different environments.
   */
  async start(): Promise<void> {
    const order = [...this.options.environments]
      .map(env => ({ env, key: Math.random() }))
      .sort((a, b) => a.key - b.key)
      .map(({ env }) => env);
    for (const env of order) {
      await this.options.scheduler.scheduleTask({
        id: this.taskId(env.name),
        // One instance collects; the others read its results from the database.
        scope: 'global',
        frequency: { seconds: env.schedule.intervalSeconds },
        timeout: { seconds: env.schedule.checkTimeoutSeconds * 8 },
        initialDelay: { seconds: 1 },
        fn: async abortSignal => {
          await this.collect(env.name, abortSignal);
        },
      });
    }
    const notifier = this.options.notifier;
    if (notifier && order.length) {
      const watchingSince = new Date();
      const every = Math.min(...order.map(e => e.schedule.intervalSeconds));
      await this.options.scheduler.scheduleTask({
        id: 'rucio-watch-collections',
        scope: 'global',
        frequency: { seconds: every },
        // Nothing can be overdue before one interval; start-up is the collections'.
        initialDelay: { seconds: every },
        timeout: { seconds: 60 },
        fn: async () => {
          for (const env of order) {
            await this.watchCollection(env, notifier, watchingSince);
          }
        },
      });
    }
  }

  /**
   * Tells the owners of an environment whose collection no instance stored
   * for a while (a stuck task, a collection failing before it stores).
   */
  private async watchCollection(
    env: EnvironmentConfig,
    notifier: OwnerNotifier,
    watchingSince: Date,
  ) {
    try {
      const latest = await this.options.store.fresh(env.name, 0);
      await notifier.notifyNotCollected(
        env,
        latest?.snapshot.collectedAt,
        watchingSince,
      );
    } catch (error) {
      this.options.logger.warn(
        `Could not check when Rucio environment ${
          env.name
        } was last collected: ${(error as Error)?.message ?? error}`,
      );
    }
  }

  /** Runs one collection now and stores it. */
  async collect(name: string, signal?: AbortSignal) {
    const env = this.get(name);
    const start = Date.now();
    // Another instance may have stored the last collection: read it back, so
    // that the RSE details rotation continues where it stopped.
    const previous = await this.options.store.fresh(name, 0);
    const collection = await this.#collector.collect(
      env,
      this.clients.get(name)!,
      signal,
      previous,
    );
    if (signal?.aborted) {
      // Shutting down or timed out: keep the last complete snapshot.
      this.options.logger.info(
        `Stopped the collection of Rucio environment ${name} after ${
          Date.now() - start
        } ms; nothing stored`,
      );
      return collection;
    }
    await this.options.store.save(collection, env.schedule.historySize);
    const elapsed = Date.now() - start;
    this.options.metrics?.record(collection, elapsed);
    this.options.logger.info(
      `Collected Rucio environment ${name}: ${collection.snapshot.status} in ${elapsed} ms`,
    );
    await this.announce(name, collection.snapshot.collectedAt);
    await this.tellOwners(env, collection);
    return collection;
  }

  /** Never fails the collection: its snapshot is stored already. */
  private async tellOwners(env: EnvironmentConfig, collection: Collection) {
    try {
      await this.options.notifier?.notify(env, collection);
    } catch (error) {
      this.options.logger.warn(
        `Could not work out the notifications of Rucio environment ${
          env.name
        }: ${(error as Error)?.message ?? error}`,
      );
    }
  }

  /**
   * Tells open Rucio tabs that a new snapshot is stored, so that they read it
   * now instead of polling. The signal names the environment and the time
   * only; the data stays behind the read permission of the REST API.
   */
  private async announce(name: string, collectedAt: string) {
    try {
      await this.options.signals?.publish({
        recipients: { type: 'broadcast' },
        channel: rucioEnvironmentChannel(name),
        message: { environment: name, collectedAt },
      });
    } catch (error) {
      // Tabs fall back to polling; the collection itself is stored.
      this.options.logger.warn(
        `Could not signal the new snapshot of Rucio environment ${name}: ${
          (error as Error).message
        }`,
      );
    }
  }

  /** Asks the scheduler to run the collection soon; does not wait for it. */
  async refresh(name: string) {
    this.get(name);
    await this.options.scheduler.triggerTask(this.taskId(name));
  }

  /** Asks the GitOps controller to sync one object now (see gitopsSync). */
  async sync(name: string, target: SyncTarget, initiator: string) {
    const env = this.get(name);
    const kubernetes = this.clients.get(name)!.kubernetes;
    if (!env.gitops || !kubernetes) {
      throw new InputError(
        `Rucio environment ${name} has no GitOps controller and Kubernetes cluster configured`,
      );
    }
    const result = await syncGitOpsObject({
      env,
      kubernetes,
      target,
      initiator,
      signal: AbortSignal.timeout(env.schedule.checkTimeoutSeconds * 1000),
    });
    await this.refresh(name);
    return result;
  }

  get(name: string): EnvironmentConfig {
    const env = this.options.environments.find(e => e.name === name);
    if (!env) {
      throw new NotFoundError(
        `No Rucio environment named "${name}" is configured`,
      );
    }
    return env;
  }

  summary(env: EnvironmentConfig): RucioEnvironmentSummary {
    const latest = this.options.store.latest(env.name);
    return {
      name: env.name,
      title: env.title ?? env.name,
      demo: env.demo,
      links: {
        webui: env.webui?.url,
        argocd: env.links.argocd,
        grafana: env.links.grafana,
      },
      status: latest?.snapshot.status ?? 'unknown',
      collectedAt: latest?.snapshot.collectedAt,
    };
  }

  /**
   * The environment as the Rucio page lists it: its checks not OK and the
   * System that owns it (the catalog's answer; none when it cannot be had).
   */
  async listItem(env: EnvironmentConfig): Promise<RucioEnvironmentListItem> {
    // Picks up collections another instance made (re-read at most every 5 s).
    const [latest, system] = await Promise.all([
      this.latest(env.name),
      this.#listedSystems.get(env.name),
    ]);
    const problems = CHECK_IDS.flatMap(check => {
      const result = latest?.snapshot.checks[check];
      return result && !['ok', 'unconfigured'].includes(result.status)
        ? [{ check, status: result.status, message: result.message }]
        : [];
    });
    return {
      ...this.summary(env),
      system: system?.ref,
      owner: system?.owner,
      problems,
    };
  }

  /** True when the snapshot is older than two collection intervals. */
  isStale(env: EnvironmentConfig): boolean {
    const latest = this.options.store.latest(env.name);
    if (!latest) return false;
    return (
      Date.now() - Date.parse(latest.snapshot.collectedAt) >
      2 * env.schedule.intervalSeconds * 1000 +
        env.schedule.checkTimeoutSeconds * 6000
    );
  }

  async latest(name: string) {
    return this.options.store.fresh(this.get(name).name, 5000);
  }

  async history(name: string) {
    const env = this.get(name);
    return this.options.store.history(name, env.schedule.historySize * 9);
  }

  /** One RSE's space over time, with its MinFreeSpace and fit. */
  async rseSpace(name: string, rse: string): Promise<GetRseSpaceResponse> {
    const env = this.get(name);
    const row = (await this.latest(env.name))?.rses.find(r => r.name === rse);
    if (!row) {
      throw new NotFoundError(
        `RSE ${rse} is not in the last collection of Rucio environment ${name}`,
      );
    }
    return {
      rse,
      ...(await this.options.store.rseSpace(env.name, rse)),
      minFreeSpaceBytes: row.minFreeSpaceBytes,
      minFreeSpaceDays: row.minFreeSpaceDays,
    };
  }

  /** Each check per hour over the last 7 days. */
  async checkHours(name: string) {
    return this.options.store.checkHours(this.get(name).name, 7);
  }

  /** For adoption: details kept, or read once from Rucio at its rate. */
  async readRseDetails(name: string, rses: string[], signal: AbortSignal) {
    return this.#details.read(this.get(name), rses, signal);
  }

  /** `where` narrows the rows before they are sorted and paged. */
  async listRses(
    name: string,
    request: ListRsesRequest,
    where?: (row: RseRow) => boolean,
  ): Promise<ListRsesResponse> {
    const latest = await this.latest(name);
    const rows = latest?.rses ?? [];
    return {
      ...listRsePage(where ? rows.filter(where) : rows, request),
      collectedAt: latest?.snapshot.collectedAt,
    };
  }
}
