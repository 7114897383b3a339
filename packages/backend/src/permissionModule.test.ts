import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import rucioPlugin from '@rucio-portal/plugin-rucio-backend';
import scaffolderRucioModule from '@rucio-portal/plugin-scaffolder-backend-module-rucio';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { userAuthFactory } from './__testUtils__/userAuthFactory';
import { userInfoFactory } from './__testUtils__/userInfoFactory';
import { permissionModuleRucioPortalPolicy } from './permissionModule';

/**
 * The portal's policy through the real permission backend and the real
 * plugins' permission checks (rucio with its conditions applied by its own
 * rule, the Kubernetes proxy, the scaffolder's dry run). Who belongs to which
 * group, and the catalog's Systems, stand in for the catalog.
 */

const MEMBERSHIP: Record<string, string[]> = {
  'user:default/ada': ['group:default/data-management'],
  'user:default/eve': ['group:default/visitors'],
  'user:default/sam': ['group:default/site-admins'],
};

const userInfo = userInfoFactory(MEMBERSHIP);

/** The catalog: a System per environment, owned by `owner`. */
function catalogWithSystems(systems: Record<string, string>) {
  return catalogServiceMock.factory({
    entities: Object.entries(systems).map(([environment, owner]) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: {
        name: `rucio-${environment}`,
        namespace: 'default',
        annotations: { 'rucio.cern.ch/environment': environment },
      },
      spec: { owner },
    })),
  });
}

const environment = (name: string) => ({
  name,
  // The default owner of its RSE Resources only: the System's owner decides.
  owner: 'group:default/visitors',
  system: `rucio-${name}`,
  rucio: { url: 'http://127.0.0.1:9', token: 't' },
  schedule: { intervalSeconds: 3600 },
});

const template = parse(
  readFileSync(
    path.resolve(
      __dirname,
      '../../../plugins/scaffolder-backend-module-rucio/templates/rucio-environment/template.yaml',
    ),
    'utf8',
  ),
);

// Several plugins start here and the dry run renders a repository.
jest.setTimeout(60_000);

describe('the portal policy through the real permission backend', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let cluster: Server;
  const clusterRequests: string[] = [];

  beforeAll(async () => {
    // Stands in for a Kubernetes API server behind the Kubernetes plugin.
    cluster = createServer((req, res) => {
      clusterRequests.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"kind":"Status","status":"Success"}');
    });
    await new Promise<void>(r => cluster.listen(0, '127.0.0.1', r));
    const clusterUrl = `http://127.0.0.1:${
      (cluster.address() as AddressInfo).port
    }`;

    backend = await startTestBackend({
      features: [
        permissionPlugin,
        permissionModuleRucioPortalPolicy,
        rucioPlugin,
        kubernetesPlugin,
        scaffolderPlugin,
        scaffolderRucioModule,
        userInfo,
        userAuthFactory,
        catalogWithSystems({ prod: 'group:default/data-management' }),
        mockServices.rootConfig.factory({
          data: {
            permission: {
              enabled: true,
              rucioPortal: {
                adminGroups: ['group:default/site-admins'],
                operatorGroups: ['group:default/data-management'],
              },
            },
            rucio: { environments: [environment('prod')] },
            kubernetes: {
              serviceLocatorMethod: { type: 'multiTenant' },
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    {
                      name: 'prod-cluster',
                      url: clusterUrl,
                      authProvider: 'serviceAccount',
                      serviceAccountToken: 'cluster-token',
                      skipTLSVerify: true,
                    },
                  ],
                },
              ],
            },
          },
        }),
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
    cluster?.close();
  });

  const as = (ref: string) => mockCredentials.user.header(ref);

  it('reads for everyone; refresh for the owners of the System only', async () => {
    for (const ref of ['user:default/ada', 'user:default/eve']) {
      const read = await request(backend.server)
        .get('/api/rucio/environments/prod')
        .set('Authorization', as(ref));
      expect({ ref, status: read.status }).toEqual({ ref, status: 200 });
    }
    const refresh = (ref: string) =>
      request(backend.server)
        .post('/api/rucio/environments/prod/refresh')
        .set('Authorization', as(ref));
    expect((await refresh('user:default/ada')).status).toBe(202);
    // eve's group is the environment's owner in config, not in the catalog.
    const denied = await refresh('user:default/eve');
    expect(denied.status).toBe(403);
    // Admins administer the portal, not other teams' Rucio.
    expect((await refresh('user:default/sam')).status).toBe(403);
    expect(JSON.stringify(denied.body)).not.toContain('eve');
    // Service principals are not asked of the policy, so the route itself
    // takes refresh (and sync) from signed-in users only.
    const service = await request(backend.server)
      .post('/api/rucio/environments/prod/refresh')
      .set('Authorization', mockCredentials.service.header());
    expect(service.status).toBe(403);
  });

  it('lets only admins write through the Kubernetes proxy', async () => {
    const patch = (ref: string) =>
      request(backend.server)
        .patch(
          '/api/kubernetes/proxy/apis/apps/v1/namespaces/rucio/deployments/x',
        )
        .set('Authorization', as(ref))
        .set('Backstage-Kubernetes-Cluster', 'prod-cluster')
        .set('Content-Type', 'application/merge-patch+json')
        .send('{"spec":{"replicas":0}}');
    for (const ref of ['user:default/ada', 'user:default/eve']) {
      expect({ ref, status: (await patch(ref)).status }).toEqual({
        ref,
        status: 403,
      });
    }
    expect(clusterRequests).toEqual([]);
    expect((await patch('user:default/sam')).status).toBe(200);
    expect(clusterRequests).toEqual([
      'PATCH /apis/apps/v1/namespaces/rucio/deployments/x',
    ]);
  });

  it('runs the Rucio template for operators only', async () => {
    const dryRun = (ref: string) =>
      request(backend.server)
        .post('/api/scaffolder/v2/dry-run')
        .set('Authorization', as(ref))
        .send({
          template,
          values: {
            name: 'dev',
            baseDomain: 'rucio.example.org',
            overlays: ['dev'],
            owner: 'group:default/data-management',
            repoUrl: 'github.com?owner=example&repo=rucio-dev',
            tlsIssuer: 'private-ca',
            caSecretName: 'site-ca',
            dbHost: 'db.example.org',
          },
          directoryContents: [],
        });
    expect((await dryRun('user:default/eve')).status).toBe(403);
    const allowed = await dryRun('user:default/ada');
    expect(allowed.status).toBe(200);
    expect(
      allowed.body.directoryContents.map((f: { path: string }) => f.path),
    ).toContain('catalog-info.yaml');
  });
});

describe('the portal policy with rucioReaders: owners', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        permissionPlugin,
        permissionModuleRucioPortalPolicy,
        rucioPlugin,
        userInfo,
        userAuthFactory,
        catalogWithSystems({
          prod: 'group:default/data-management',
          lab: 'group:default/visitors',
        }),
        mockServices.rootConfig.factory({
          data: {
            permission: {
              enabled: true,
              rucioPortal: {
                adminGroups: ['group:default/site-admins'],
                rucioReaders: 'owners',
              },
            },
            rucio: { environments: [environment('prod'), environment('lab')] },
          },
        }),
      ],
    });
  }, 60_000);

  afterAll(() => backend?.stop());

  const get = (url: string, ref: string) =>
    request(backend.server)
      .get(url)
      .set('Authorization', mockCredentials.user.header(ref));

  it('lists each user the environments whose System they own; admins all', async () => {
    const listed = async (ref: string) =>
      (await get('/api/rucio/environments', ref)).body.items.map(
        (e: { name: string }) => e.name,
      );
    expect(await listed('user:default/ada')).toEqual(['prod']);
    expect(await listed('user:default/eve')).toEqual(['lab']);
    expect(await listed('user:default/sam')).toEqual(['prod', 'lab']);
  });

  it('refuses every read of another team’s environment, naming the permission', async () => {
    for (const route of ['', '/rses', '/history']) {
      const refused = await get(
        `/api/rucio/environments/prod${route}`,
        'user:default/eve',
      );
      expect({ route, status: refused.status }).toEqual({ route, status: 403 });
      expect(refused.body.error.message).toBe(
        'rucio.environment.read: you may not read Rucio environment prod',
      );
      const allowed = await get(
        `/api/rucio/environments/prod${route}`,
        'user:default/ada',
      );
      expect({ route, status: allowed.status }).toEqual({
        route,
        status: 200,
      });
    }
    // An environment that does not exist is refused alike: nothing is told.
    expect(
      (await get('/api/rucio/environments/nowhere', 'user:default/ada')).status,
    ).toBe(403);
  });
});
