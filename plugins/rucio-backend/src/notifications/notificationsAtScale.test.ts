import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import {
  notificationService,
  type NotificationService,
} from '@backstage/plugin-notifications-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  EnvironmentSnapshot,
  RseRow,
} from '@rucio-portal/plugin-rucio-common';
import type { Knex } from 'knex';
import request from 'supertest';
import {
  environmentEntities,
  environmentSystem,
  catalogGroup,
  catalogUser,
} from '../__testUtils__/environmentSystem';
import { result, row, snapshot } from '../__testUtils__/notificationScenario';
import { temporaryPostgres } from '../__testUtils__/temporaryPostgres';
import { readEnvironmentConfigs } from '../config/readEnvironmentConfigs';
import { SnapshotStore } from '../store/SnapshotStore';
import { NotificationStateStore } from './NotificationStateStore';
import { OwnerNotifier } from './OwnerNotifier';

/**
 * The issue's environment through the real notifications backend: 1,000
 * RSEs (33 below MinFreeSpace, 11 closed for writes, 8 for reads), 5 rules
 * stuck over 24 h and 2 suspended, a failing link, a daemon without
 * heartbeat, a certificate in its last days and one expired, a short FTS3
 * proxy. Owners read what they were told through the notifications API.
 */

const resource = (rse: string, owner: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: `big-${rse.toLowerCase()}`,
    namespace: 'default',
    annotations: {
      'rucio.cern.ch/environment': 'big',
      'rucio.cern.ch/rse': rse,
    },
  },
  spec: { type: 'rucio-rse', owner },
});

const rseName = (i: number) => `RSE_${String(i).padStart(4, '0')}`;

/** The 1,000 RSEs; `full` of them (from the first) below MinFreeSpace. */
function rses(full = 33): RseRow[] {
  return Array.from({ length: 1000 }, (_, i) =>
    row(rseName(i), {
      freeBytes: 1e12,
      minFreeSpaceBytes: i < full ? 2e12 : 5e11,
      belowMinFreeSpace: i < full,
      availabilityWrite: !(i >= 100 && i < 111),
      availabilityRead: !(i >= 200 && i < 208),
    }),
  );
}

const checks = snapshot.checks;
const issueSnapshot = {
  ...snapshot,
  checks: {
    server: { ...result('server', undefined), status: 'ok' },
    certificates: result('certificates', {
      certificates: [
        {
          name: 'rucio.example.org:443',
          source: 'tls',
          status: 'error',
          message: 'Expires in 2.9 days.',
          dnsNames: [],
          daysLeft: 2.9,
        },
        {
          name: 'rucio/auth-tls',
          source: 'cert-manager',
          status: 'error',
          message: 'Expired 2 days ago.',
          dnsNames: [],
          daysLeft: -2,
        },
      ],
    }),
    daemons: checks.daemons,
    fts: result('fts', {
      servers: [
        {
          url: 'https://fts3.example.org:8446',
          status: 'error',
          version: '3.13.4',
          message: 'The delegated proxy has 6 h left.',
          proxyHoursLeft: 6,
        },
      ],
    }),
    rules: result('rules', {
      source: 'database',
      byState: {
        OK: 900,
        REPLICATING: 10,
        STUCK: 7,
        SUSPENDED: 2,
        WAITING_APPROVAL: 0,
        INJECT: 0,
      },
      stuckOlder: { hours: 24, count: 5 },
      stuckLocksByRse: [],
    }),
    transfers: result('transfers', {
      source: 'requests-metrics',
      totalLinks: 1,
      queuedFiles: 0,
      failedFiles1h: 0,
      links: [
        {
          source: rseName(500),
          destination: rseName(501),
          failureRatio6h: 0.39,
          failedFiles6h: 39,
          doneFiles6h: 61,
        },
      ],
    }),
  },
} as unknown as EnvironmentSnapshot;

function serverDown(base: EnvironmentSnapshot): EnvironmentSnapshot {
  return {
    ...base,
    checks: {
      ...base.checks,
      server: {
        ...base.checks.server!,
        status: 'error',
        message:
          'Rucio server https://rucio.example.org did not answer within 10 s.',
      },
    },
  };
}

const env = readEnvironmentConfigs(
  new ConfigReader({
    rucio: {
      environments: [
        {
          name: 'big',
          title: 'Big',
          system: 'rucio-big',
          rucio: { url: 'https://rucio.example.org', token: 't' },
          fts: [{ url: 'https://fts3.example.org:8446' }],
          dataPlane: { linkFailureRatioWarning: 0.2 },
        },
      ],
    },
  } as any),
)[0];

const entities = [
  catalogGroup('data-management', ['user:default/ada']),
  catalogGroup('site-admins', ['user:default/sam']),
  catalogUser('ada', 'data-management'),
  catalogUser('sam', 'site-admins'),
  catalogUser('eve', 'guests'),
  environmentSystem('rucio-big', 'big'),
  // site-admins own two of the full RSEs and one closed for reads.
  resource(rseName(1), 'group:default/site-admins'),
  resource(rseName(2), 'group:default/site-admins'),
  resource(rseName(200), 'group:default/site-admins'),
];

describe('owner notifications of a 1,000-RSE environment, real notifications backend', () => {
  const postgres = temporaryPostgres('rucio_notify_scale');
  let knex: Knex;
  let server: any;
  let stop: () => Promise<void>;
  let notifier: OwnerNotifier;

  beforeAll(async () => {
    knex = postgres.connect();
    await SnapshotStore.create({
      database: { getClient: async () => knex },
    } as any);
    let notifications: NotificationService | undefined;
    const sender = createBackendPlugin({
      pluginId: 'rucio',
      register(reg) {
        reg.registerInit({
          deps: { notifications: notificationService },
          async init(deps) {
            notifications = deps.notifications;
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        notificationsPlugin,
        sender,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: { app: { baseUrl: 'http://localhost:3000' } },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    notifier = OwnerNotifier.create({
      notifications: notifications!,
      entities: environmentEntities(entities as any, { big: 'rucio-big' }),
      state: NotificationStateStore.create({ knex }),
      logger: mockServices.logger.mock(),
    });
  }, 60_000);
  afterAll(async () => {
    await stop();
    await knex.destroy();
  });

  async function notificationsOf(userRef: string) {
    const response = await request(server)
      .get('/api/notifications/notifications')
      .set('Authorization', mockCredentials.user.header(userRef));
    expect(response.status).toBe(200);
    return response.body.notifications as Array<{
      id: string;
      read: string | null;
      payload: { title: string; severity: string; link: string };
    }>;
  }
  async function markAllRead(userRef: string) {
    const ids = (await notificationsOf(userRef)).map(n => n.id);
    const response = await request(server)
      .post('/api/notifications/notifications/update')
      .set('Authorization', mockCredentials.user.header(userRef))
      .send({ ids, read: true });
    expect(response.status).toBe(200);
  }
  const collect = (snap: EnvironmentSnapshot, rows = rses()) =>
    notifier.notify(env, { snapshot: snap, rses: rows });

  it('tells each cause once, RSE owners theirs, and links where each is shown', async () => {
    await collect(issueSnapshot);
    const ada = await notificationsOf('user:default/ada');
    expect(ada.length).toBeLessThanOrEqual(12);
    const tab = '/catalog/default/system/rucio-big/rucio';
    expect(
      ada
        .map(n => [n.payload.severity, n.payload.title, n.payload.link])
        .sort(),
    ).toEqual(
      [
        [
          'critical',
          'Big: Certificate rucio/auth-tls expired 2 days ago',
          `${tab}#rucio-certificates`,
        ],
        [
          'critical',
          'Big: Daemon hermes has no live heartbeat',
          `${tab}#rucio-daemons`,
        ],
        [
          'high',
          'Big: Certificate rucio.example.org:443 expires in 2.9 days',
          `${tab}#rucio-certificates`,
        ],
        [
          'high',
          'Big: The proxy delegated to FTS3 https://fts3.example.org:8446 has 6 h left',
          `${tab}#rucio-fts`,
        ],
        ['high', 'Big: 5 rules STUCK for more than 24 h', `${tab}#rucio-rules`],
        ['high', 'Big: 2 rules SUSPENDED', `${tab}#rucio-rules`],
        [
          'high',
          'Big: Transfers RSE_0500 → RSE_0501 fail 39 % over 6 h',
          `${tab}#rucio-transfers`,
        ],
        [
          'normal',
          'Big: 33 RSEs below MinFreeSpace: RSE_0000, RSE_0001, RSE_0002 … and 30 more',
          `${tab}?rseStatus=below-min-free-space`,
        ],
        [
          'normal',
          'Big: 11 RSEs closed for writes: RSE_0100, RSE_0101, RSE_0102 … and 8 more',
          `${tab}?rseStatus=closed-for-writes`,
        ],
        [
          'normal',
          'Big: 8 RSEs closed for reads: RSE_0200, RSE_0201, RSE_0202 … and 5 more',
          `${tab}?rseStatus=closed-for-reads`,
        ],
      ].sort(),
    );
    // The RSE owners hear only of their own RSEs; one RSE links to its page.
    expect(
      (await notificationsOf('user:default/sam'))
        .map(n => [n.payload.title, n.payload.link])
        .sort(),
    ).toEqual([
      [
        'Big: 2 RSEs below MinFreeSpace: RSE_0001, RSE_0002',
        `${tab}?rseStatus=below-min-free-space`,
      ],
      [
        'Big: RSE RSE_0200 is closed for reads',
        '/catalog/default/resource/big-rse_0200',
      ],
    ]);
    expect(await notificationsOf('user:default/eve')).toEqual([]);

    // The detail rotation finds one more full RSE: no new one, nothing unread.
    await markAllRead('user:default/ada');
    await collect(issueSnapshot, rses(34));
    const again = await notificationsOf('user:default/ada');
    expect(again).toHaveLength(ada.length);
    expect(again.filter(n => !n.read)).toEqual([]);
  });

  it('tells of a stopped Rucio server after two collections, as critical, and of its return', async () => {
    const titled = async (pattern: RegExp) =>
      (await notificationsOf('user:default/ada'))
        .filter(n => pattern.test(n.payload.title))
        .map(n => [n.payload.severity, n.payload.title]);
    const server_ = /Rucio server/;

    // Flapping once is no news.
    await collect(serverDown(issueSnapshot));
    await collect(issueSnapshot);
    expect(await titled(server_)).toEqual([]);

    await collect(serverDown(issueSnapshot));
    expect(await titled(server_)).toEqual([]);
    await collect(serverDown(issueSnapshot));
    expect(await titled(server_)).toEqual([
      ['critical', 'Big: The Rucio server is unreachable or failing'],
    ]);
    await collect(issueSnapshot);
    expect(await titled(server_)).toEqual([
      ['low', 'Big: resolved — The Rucio server is unreachable or failing'],
    ]);
  });

  it('tells when no instance stored a collection for three intervals, and leaves the other causes as they were', async () => {
    const before = await notificationsOf('user:default/ada');
    const interval = env.schedule.intervalSeconds * 1000;
    const last = new Date(Date.now() - 2.5 * interval).toISOString();
    const started = new Date(Date.now() - 10 * interval);
    await notifier.notifyNotCollected(env, last, started);
    expect(await notificationsOf('user:default/ada')).toHaveLength(
      before.length,
    );
    const older = new Date(Date.now() - 3.5 * interval).toISOString();
    await notifier.notifyNotCollected(env, older, started);
    const after = await notificationsOf('user:default/ada');
    expect(after).toHaveLength(before.length + 1);
    expect(after[0].payload).toMatchObject({
      severity: 'critical',
      title: 'Big: The portal has not collected this environment',
      link: '/catalog/default/system/rucio-big/rucio',
    });
    // Nothing else was told resolved meanwhile.
    expect(after.filter(n => /resolved/.test(n.payload.title))).toHaveLength(
      before.filter(n => /resolved/.test(n.payload.title)).length,
    );
    // The next stored collection tells it resolved, and only it.
    await collect(issueSnapshot);
    const resolved = (await notificationsOf('user:default/ada')).filter(n =>
      /resolved/.test(n.payload.title),
    );
    expect(resolved.map(n => n.payload.title)).toEqual(
      expect.arrayContaining([
        'Big: resolved — The portal has not collected this environment',
      ]),
    );
    expect(resolved).toHaveLength(
      before.filter(n => /resolved/.test(n.payload.title)).length + 1,
    );
  });
});
