import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type { EnvironmentSnapshot } from '@rucio-portal/plugin-rucio-common';
import type { Knex } from 'knex';
import { temporaryPostgres } from '../__testUtils__/temporaryPostgres';
import { readEnvironmentConfigs } from '../config/readEnvironmentConfigs';
import { SnapshotStore } from '../store/SnapshotStore';
import { NotificationStateStore } from './NotificationStateStore';
import { OwnerNotifier } from './OwnerNotifier';
import {
  environmentEntities,
  environmentSystem,
} from '../__testUtils__/environmentSystem';

const env = readEnvironmentConfigs(
  new ConfigReader({
    rucio: {
      environments: [
        {
          name: 'prod',
          title: 'Prod',
          rucio: { url: 'https://r', token: 't' },
        },
      ],
    },
  } as any),
)[0];

/** A collection in which daemon hermes is (or is not) without heartbeat. */
function collection(hermesDead: boolean) {
  const snapshot = {
    environment: 'prod',
    title: 'Prod',
    collectedAt: new Date().toISOString(),
    status: 'ok',
    checks: {
      daemons: {
        check: 'daemons',
        status: hermesDead ? 'error' : 'ok',
        message: '',
        checkedAt: new Date().toISOString(),
        durationMs: 1,
        details: {
          daemons: [
            {
              name: 'hermes',
              status: hermesDead ? 'error' : 'ok',
              liveThreads: 0,
              hosts: [],
              pids: 0,
              staleAfterSeconds: 120,
            },
          ],
        },
      },
    },
  } as unknown as EnvironmentSnapshot;
  return { snapshot, rses: [] };
}

describe('OwnerNotifier on several replicas', () => {
  const postgres = temporaryPostgres('rucio_notify');
  let knex: Knex;
  beforeAll(async () => {
    knex = postgres.connect();
    // Creates the plugin's tables, as at start-up.
    await SnapshotStore.create({
      database: { getClient: async () => knex },
    } as any);
  });
  afterAll(() => knex.destroy());

  /** One backend instance: its own notifier over the shared database. */
  function replica(
    sent: NotificationSendOptions[],
    fail = false,
    logger = mockServices.logger.mock(),
    systemName = 'rucio-prod',
  ) {
    return OwnerNotifier.create({
      notifications: {
        async send(options) {
          if (fail) throw new Error('notifications backend unavailable');
          sent.push(options);
        },
      },
      entities: environmentEntities([environmentSystem(systemName, 'prod')], {
        prod: 'rucio-prod',
        quiet: 'rucio-prod',
        orphan: 'rucio-orphan',
      }),
      state: NotificationStateStore.create({ knex }),
      logger,
    });
  }

  it('tells once whichever replica collects, retries what failed, and tells the recovery once', async () => {
    const sentA: NotificationSendOptions[] = [];
    const sentB: NotificationSendOptions[] = [];
    const a = replica(sentA);
    const b = replica(sentB);

    // The notifications backend is down for the first collection.
    await replica([], true).notify(env, collection(true));
    await a.notify(env, collection(true));
    await b.notify(env, collection(true));
    await a.notify(env, collection(true));
    expect(sentA).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: ['group:default/data-management'],
        },
        payload: {
          title: 'Prod: Daemon hermes has no live heartbeat',
          description: 'Rucio has no heartbeat of it.',
          link: '/catalog/default/system/rucio-prod/rucio#rucio-daemons',
          severity: 'critical',
          topic: 'rucio:prod',
          scope: 'rucio:prod:daemon:hermes',
        },
      },
    ]);
    expect(sentB).toEqual([]);

    await b.notify(env, collection(false));
    await a.notify(env, collection(false));
    expect(
      sentB.map(s => [s.payload.title, s.payload.severity, s.payload.scope]),
    ).toEqual([
      [
        'Prod: resolved — Daemon hermes has no live heartbeat',
        'low',
        'rucio:prod:daemon:hermes',
      ],
    ]);
    expect(sentA).toHaveLength(1);
  });

  it('leaves the stored state alone when a collection changes nothing', async () => {
    const state = NotificationStateStore.create({ knex });
    const write = jest.spyOn(NotificationStateStore.prototype, 'write');
    try {
      const notifier = OwnerNotifier.create({
        notifications: { send: async () => {} },
        entities: environmentEntities(
          [environmentSystem('rucio-steady', 'steady')],
          { steady: 'rucio-steady' },
        ),
        state,
        logger: mockServices.logger.mock(),
      });
      const steady = { ...env, name: 'steady' };
      await notifier.notify(steady, collection(false));
      await notifier.notify(steady, collection(false));
      expect(write).not.toHaveBeenCalled();
      await notifier.notify(steady, collection(true));
      expect(write).toHaveBeenCalledTimes(1);
      expect([...(await state.read('steady')).keys()]).toEqual([
        'daemon:hermes',
      ]);
    } finally {
      write.mockRestore();
    }
  });

  it('completes short owner references as the catalog reads them (the notifications backend refuses them)', async () => {
    const sent: NotificationSendOptions[] = [];
    // Written as create-app's examples write owners: kind and namespace left out.
    const shortOwner = (name: string, namespace: string, owner: string) => {
      const system = environmentSystem(name, 'short');
      return {
        ...system,
        metadata: { ...system.metadata, namespace },
        spec: { owner },
      };
    };
    const notifier = OwnerNotifier.create({
      notifications: { send: async options => void sent.push(options) },
      entities: environmentEntities(
        [
          shortOwner('rucio-short', 'ops', 'data-management'),
          shortOwner('rucio-plain', 'default', 'guests'),
        ],
        { short: 'system:ops/rucio-short', plain: 'rucio-plain' },
      ),
      state: NotificationStateStore.create({ knex }),
      logger: mockServices.logger.mock(),
    });
    await notifier.notify({ ...env, name: 'short' }, collection(true));
    await notifier.notify({ ...env, name: 'plain' }, collection(true));
    expect(sent.map(s => s.recipients)).toEqual([
      { type: 'entity', entityRef: ['group:ops/data-management'] },
      { type: 'entity', entityRef: ['group:default/guests'] },
    ]);
  });

  it('tells of full RSEs in one notification, and each RSE owner in one naming only theirs', async () => {
    const sent: NotificationSendOptions[] = [];
    const resource = (rse: string, owner: string) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: `grouped-${rse.toLowerCase()}`,
        namespace: 'default',
        annotations: {
          'rucio.cern.ch/environment': 'grouped',
          'rucio.cern.ch/rse': rse,
        },
      },
      spec: { type: 'rucio-rse', owner },
    });
    const notifier = OwnerNotifier.create({
      notifications: { send: async options => void sent.push(options) },
      entities: environmentEntities(
        [
          environmentSystem('rucio-grouped', 'grouped'),
          resource('A', 'group:default/site-admins'),
          resource('C', 'group:default/site-admins'),
          resource('D', 'group:default/data-management'),
        ],
        { grouped: 'rucio-grouped' },
      ),
      state: NotificationStateStore.create({ knex }),
      logger: mockServices.logger.mock(),
    });
    const full = (names: string[]) => ({
      ...collection(false),
      rses: names.map(name => ({
        name,
        type: 'DISK' as const,
        availabilityRead: true,
        availabilityWrite: true,
        availabilityDelete: true,
        belowMinFreeSpace: true,
        attributes: {},
      })),
    });
    const grouped = { ...env, name: 'grouped' };
    await notifier.notify(grouped, full(['A', 'B', 'C', 'D', 'E']));
    expect(
      sent.map(s => [s.recipients, s.payload.title, s.payload.severity]),
    ).toEqual([
      [
        { type: 'entity', entityRef: ['group:default/data-management'] },
        'Prod: 5 RSEs below MinFreeSpace: A, B, C … and 2 more',
        'normal',
      ],
      [
        { type: 'entity', entityRef: ['group:default/site-admins'] },
        'Prod: 2 RSEs below MinFreeSpace: A, C',
        'normal',
      ],
    ]);
    // One more full RSE is no news: the cause and its stage are the same.
    sent.length = 0;
    await notifier.notify(grouped, full(['A', 'B', 'C', 'D', 'E', 'F']));
    expect(sent).toEqual([]);
    // All free again: each is told it is resolved, in its own notification.
    await notifier.notify(grouped, full([]));
    expect(sent.map(s => [s.recipients, s.payload.scope])).toEqual([
      [
        { type: 'entity', entityRef: ['group:default/data-management'] },
        'rucio:grouped:rses:below-min-free-space',
      ],
      [
        { type: 'entity', entityRef: ['group:default/site-admins'] },
        'rucio:grouped:rses:below-min-free-space:group:default/site-admins',
      ],
    ]);
  });

  it('tells nobody when the environment switched notifications off', async () => {
    const sent: NotificationSendOptions[] = [];
    await replica(sent).notify(
      {
        ...env,
        name: 'quiet',
        notifications: { ...env.notifications, enabled: false },
      },
      collection(true),
    );
    expect(sent).toEqual([]);
  });

  it('keeps the notifications of an environment without a catalog owner pending, and says so once', async () => {
    const sent: NotificationSendOptions[] = [];
    const logger = mockServices.logger.mock();
    const ownerless = { ...env, name: 'orphan' };
    // Its config names a System the catalog does not hold (yet).
    const notifier = replica(sent, false, logger);
    await notifier.notify(ownerless, collection(true));
    await notifier.notify(ownerless, collection(true));
    expect(sent).toEqual([]);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Rucio environment orphan has no owner in the catalog',
      ),
    );
    // A System claiming the environment is not the one its config names:
    // nobody is told, and the claim is logged once.
    const claimed = OwnerNotifier.create({
      notifications: { send: async options => void sent.push(options) },
      entities: environmentEntities(
        [environmentSystem('a-claim', 'orphan')],
        { orphan: 'rucio-orphan' },
        logger,
      ),
      state: NotificationStateStore.create({ knex }),
      logger,
    });
    await claimed.notify(ownerless, collection(true));
    await claimed.notify(ownerless, collection(true));
    expect(sent).toEqual([]);
    expect(
      logger.warn.mock.calls.filter(([m]) =>
        String(m).startsWith(
          'Untrusted claim: system:default/a-claim carries rucio.cern.ch/environment: orphan but is not the System its config names (system: rucio-orphan)',
        ),
      ),
    ).toHaveLength(1);
    // Once that System is registered, the waiting cause is told.
    await replica(sent, false, logger, 'rucio-orphan').notify(
      ownerless,
      collection(true),
    );
    expect(sent.map(s => s.payload.scope)).toEqual([
      'rucio:orphan:daemon:hermes',
    ]);
  });
});
