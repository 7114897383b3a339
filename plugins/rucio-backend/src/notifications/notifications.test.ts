import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import {
  demoEnvironmentConfig,
  runningDemo,
} from '../__testUtils__/runningDemo';
import { rucioPlugin } from '../plugin';
import {
  catalogGroup,
  catalogUser,
  environmentSystem,
} from '../__testUtils__/environmentSystem';

/**
 * The rucio backend beside the real notifications backend: a collection of
 * the demo environment tells the members of the owning group (resolved by the
 * notifications backend through the catalog), and nobody else.
 */

describe('owner notifications through the real notifications backend', () => {
  const running = runningDemo();

  async function notificationsOf(server: any, userRef: string) {
    const response = await request(server)
      .get('/api/notifications/notifications')
      .set('Authorization', mockCredentials.user.header(userRef));
    expect(response.status).toBe(200);
    return response.body.notifications as Array<{
      payload: { title: string; severity: string; link: string; scope: string };
    }>;
  }

  it('members of the owning group find each cause once, RSE owners theirs, anyone else nothing', async () => {
    const demo = running();
    const p = demo.ports;
    const rses = demo.state.rses;
    const { server } = await startTestBackend({
      features: [
        rucioPlugin,
        notificationsPlugin,
        // The real scheduler runs the collection task as in production.
        schedulerServiceFactory,
        catalogServiceMock.factory({
          entities: [
            catalogGroup('data-management', ['user:default/ada']),
            catalogGroup('site-admins', ['user:default/sam']),
            catalogUser('ada', 'data-management'),
            catalogUser('sam', 'site-admins'),
            catalogUser('eve', 'guests'),
            // The RSE closed for writes belongs to site-admins.
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Resource',
              metadata: {
                name: `demo-${rses[7].rse.toLowerCase()}`,
                namespace: 'default',
                annotations: {
                  'rucio.cern.ch/environment': 'demo',
                  'rucio.cern.ch/rse': rses[7].rse,
                },
              },
              spec: {
                type: 'rucio-rse',
                owner: 'group:default/site-admins',
              },
            },
            environmentSystem('rucio-demo', 'demo'),
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            rucio: {
              environments: [demoEnvironmentConfig(demo)],
            },
          },
        }),
      ],
    });

    // The first collection runs a second after start-up.
    let ada: Awaited<ReturnType<typeof notificationsOf>> = [];
    for (let waited = 0; ada.length < 6 && waited < 20_000; waited += 500) {
      await new Promise(resolve => setTimeout(resolve, 500));
      ada = await notificationsOf(server, 'user:default/ada');
    }
    // The demo's certificate has 5 days minus the time since its start: 4.9 or so.
    const titles = ada
      .map(n =>
        n.payload.title.replace(
          /expires in 4\.\d days$/,
          'expires in 4.x days',
        ),
      )
      .sort();
    expect(titles).toEqual(
      [
        `Demo: Certificate localhost:${p.tlsExpiring} expires in 4.x days`,
        'Demo: Daemon hermes has no live heartbeat',
        `Demo: RSE ${rses[3].rse} is below MinFreeSpace`,
        `Demo: RSE ${rses[7].rse} is closed for writes`,
        `Demo: 2 RSEs closed for reads: ${[rses[11].rse, rses[12].rse]
          .sort()
          .join(', ')}`,
        expect.stringMatching(
          /^Demo: Transfers \S+ → \S+ fail \d+ % over 6 h$/,
        ),
      ].sort(),
    );
    const cert = ada.find(n => n.payload.title.includes('Certificate'))!;
    // Four days left: within certificateDays (14), not yet its last days (3).
    expect(cert.payload).toMatchObject({
      severity: 'normal',
      link: '/catalog/default/system/rucio-demo/rucio#rucio-certificates',
      scope: `rucio:demo:certificate:localhost:${p.tlsExpiring}`,
    });
    // The owners of the RSE concerned are told of it, and of nothing else.
    expect(
      (await notificationsOf(server, 'user:default/sam')).map(
        n => n.payload.title,
      ),
    ).toEqual([`Demo: RSE ${rses[7].rse} is closed for writes`]);
    expect(await notificationsOf(server, 'user:default/eve')).toEqual([]);

    // Another collection with the same causes tells nothing new.
    const collectedAt = async () =>
      (
        await request(server)
          .get('/api/rucio/environments/demo')
          .set('Authorization', mockCredentials.user.header('user:default/ada'))
      ).body.snapshot?.collectedAt;
    const first = await collectedAt();
    const refresh = await request(server)
      .post('/api/rucio/environments/demo/refresh')
      .set('Authorization', mockCredentials.user.header('user:default/ada'));
    expect(refresh.status).toBe(202);
    for (let waited = 0; (await collectedAt()) === first; waited += 500) {
      if (waited > 20_000) throw new Error('no second collection');
      await new Promise(resolve => setTimeout(resolve, 500));
    }
    expect(await notificationsOf(server, 'user:default/ada')).toHaveLength(
      ada.length,
    );
  }, 60_000);
});
