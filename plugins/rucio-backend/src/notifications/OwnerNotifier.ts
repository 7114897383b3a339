import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { ByteUnits } from '@rucio-portal/plugin-rucio-common';
import type { Collection } from '../collector/Collector';
import type { EnvironmentEntities } from '../clients/EnvironmentEntities';
import type { EnvironmentConfig } from '../config/readEnvironmentConfigs';
import {
  decideNotifications,
  type CauseState,
  type Decision,
} from './decideNotifications';
import { notificationCauses, type Cause } from './notificationCauses';
import { notCollectedCause } from './notCollectedCause';
import type { NotificationStateStore } from './NotificationStateStore';

/**
 * Tells the owners of an environment (and of the RSEs concerned) when a
 * collection shows something new going wrong, and when it recovers. Called
 * by the instance that stored the collection, so replicas tell once.
 */
export class OwnerNotifier {
  static create(options: {
    notifications: NotificationService;
    entities: EnvironmentEntities;
    state: NotificationStateStore;
    logger: LoggerService;
    /** `rucio.ui.byteUnits`, so that notifications write sizes as the cards do. */
    byteUnits?: ByteUnits;
  }) {
    return new OwnerNotifier(options);
  }

  /** Environments whose missing owner was logged (once per instance). */
  readonly #ownerless = new Set<string>();

  private constructor(
    private readonly deps: {
      notifications: NotificationService;
      entities: EnvironmentEntities;
      state: NotificationStateStore;
      logger: LoggerService;
      byteUnits?: ByteUnits;
    },
  ) {}

  async notify(
    env: EnvironmentConfig,
    collection: Collection,
    now = new Date(),
  ) {
    if (!env.notifications.enabled) return;
    const findSystem = this.systemOnce(env);
    const causes = await this.withRseOwners(
      env,
      findSystem,
      notificationCauses(
        collection.snapshot,
        collection.rses ?? [],
        env,
        this.deps.byteUnits,
      ),
    );
    await this.decideAndSend(env, findSystem, causes, now);
  }

  /**
   * Tells the owners when no instance stored a collection of the environment
   * for too long. Only that cause is decided here: the others stay as the
   * last collection left them, and the next collection tells it resolved.
   */
  async notifyNotCollected(
    env: EnvironmentConfig,
    lastCollectedAt: string | undefined,
    watchingSince: Date,
    now = new Date(),
  ) {
    if (!env.notifications.enabled) return;
    const cause = notCollectedCause(env, lastCollectedAt, watchingSince, now);
    if (!cause) return;
    await this.decideAndSend(
      env,
      this.systemOnce(env),
      [cause],
      now,
      cause.key,
    );
  }

  /** The catalog is asked for the System once per call, and only when needed. */
  private systemOnce(env: EnvironmentConfig) {
    let trusted: ReturnType<EnvironmentEntities['system']> | undefined;
    return () => (trusted ??= this.deps.entities.system(env.name));
  }

  /** `only`: decide that one cause and keep the state of the others. */
  private async decideAndSend(
    env: EnvironmentConfig,
    findSystem: () => ReturnType<EnvironmentEntities['system']>,
    causes: Cause[],
    now: Date,
    only?: string,
  ) {
    const previous = await this.deps.state.read(env.name);
    const considered = only
      ? new Map([...previous].filter(([key]) => key === only))
      : previous;
    const decided = decideNotifications(considered, causes, now);
    const next = only ? new Map([...previous, ...decided.next]) : decided.next;
    if (decided.decisions.length) {
      const failed = await this.send(env, findSystem, decided.decisions);
      // What could not be sent is tried again after the next collection.
      for (const decision of failed) {
        const key =
          decision.type === 'notify' ? decision.cause.key : decision.key;
        const before = previous.get(key);
        if (decision.type === 'resolved') next.set(key, before!);
        else if (before) next.set(key, before);
        else next.delete(key);
      }
    }
    // Most collections change nothing: spare the database the rewrite.
    if (serialize(next) !== serialize(previous)) {
      await this.deps.state.write(env.name, next);
    }
  }

  /**
   * Adds, for each RSE cause, one cause per owner of its RSEs (other than
   * the environment's owner) naming only that owner's RSEs, so that owner
   * hears of an RSE of theirs joining it.
   */
  private async withRseOwners(
    env: EnvironmentConfig,
    findSystem: () => ReturnType<EnvironmentEntities['system']>,
    causes: Cause[],
  ): Promise<Cause[]> {
    const grouped = causes.filter(c => c.forRses && c.rses?.length);
    if (!grouped.length) return causes;
    const resources = await this.deps.entities.rseResources(env.name, [
      ...new Set(grouped.flatMap(c => c.rses!)),
    ]);
    const owner = (await findSystem())?.owner;
    const perOwner = grouped.flatMap(cause => {
      const byOwner = new Map<string, string[]>();
      for (const rse of cause.rses!) {
        const rseOwner = resources.get(rse)?.owner;
        if (!rseOwner || rseOwner === owner) continue;
        byOwner.set(rseOwner, [...(byOwner.get(rseOwner) ?? []), rse]);
      }
      return [...byOwner].map(([to, rses]) => ({
        ...cause,
        ...cause.forRses!(rses),
        key: `${cause.key}:${to}`,
        rses,
        to,
      }));
    });
    return [...causes, ...perOwner];
  }

  /** Sends each decision; returns those that failed. */
  private async send(
    env: EnvironmentConfig,
    findSystem: () => ReturnType<EnvironmentEntities['system']>,
    decisions: Decision[],
  ): Promise<Decision[]> {
    const trusted = await findSystem();
    const system = trusted?.entity;
    const owner = trusted?.owner;
    if (!system || !owner) {
      // Kept pending (an owner may be registered later) and logged once.
      if (!this.#ownerless.has(env.name)) {
        this.#ownerless.add(env.name);
        this.deps.logger.warn(
          `Rucio environment ${env.name} has no owner in the catalog (no System its config names, or that one has no owner); its notifications wait for one`,
        );
      }
      return decisions;
    }
    this.#ownerless.delete(env.name);
    const rseNames = [
      ...new Set(
        decisions.flatMap(
          d => (d.type === 'notify' ? d.cause.rses : d.rses) ?? [],
        ),
      ),
    ];
    const resources = await this.deps.entities.rseResources(env.name, rseNames);
    const namespace = system.metadata.namespace ?? 'default';
    const tab = `/catalog/${namespace}/system/${system.metadata.name}/rucio`;
    const failed: Decision[] = [];
    for (const decision of decisions) {
      const rses =
        (decision.type === 'notify' ? decision.cause.rses : decision.rses) ??
        [];
      const to = decision.type === 'notify' ? decision.cause.to : decision.to;
      const recipients = [
        ...new Set(
          to && to !== 'owner'
            ? [to]
            : [
                owner,
                ...(to === 'owner'
                  ? []
                  : rses.flatMap(r => resources.get(r)?.owner ?? [])),
              ],
        ),
      ];
      const key =
        decision.type === 'notify' ? decision.cause.key : decision.key;
      const title = env.title ?? env.name;
      try {
        await this.deps.notifications.send({
          recipients: { type: 'entity', entityRef: recipients },
          payload:
            decision.type === 'notify'
              ? {
                  title: `${title}: ${decision.cause.title}`,
                  description: decision.cause.description,
                  link: linkTo(decision.cause, tab, resources),
                  severity: decision.cause.severity,
                  topic: `rucio:${env.name}`,
                  scope: `rucio:${env.name}:${key}`,
                }
              : {
                  title: `${title}: resolved — ${decision.title}`,
                  description: 'The last collection no longer shows it.',
                  link: tab,
                  severity: 'low',
                  topic: `rucio:${env.name}`,
                  scope: `rucio:${env.name}:${key}`,
                },
        });
      } catch (error) {
        this.deps.logger.warn(
          `Could not notify the owners of Rucio environment ${
            env.name
          } about ${key}: ${(error as Error)?.message ?? error}`,
        );
        failed.push(decision);
      }
    }
    return failed;
  }
}

/**
 * Where the cause is shown: one RSE's page, the RSE table narrowed to the
 * cause's state, or the card of the tab that shows it.
 */
function linkTo(
  cause: Cause,
  tab: string,
  resources: Map<string, { path: string }>,
) {
  if (cause.rseStatus) {
    const single = cause.rses?.length === 1 && resources.get(cause.rses[0]);
    return single ? single.path : `${tab}?rseStatus=${cause.rseStatus}`;
  }
  return cause.shownIn ? `${tab}#rucio-${cause.shownIn}` : tab;
}

function serialize(state: ReadonlyMap<string, CauseState>) {
  return JSON.stringify([...state].sort(([a], [b]) => a.localeCompare(b)));
}
