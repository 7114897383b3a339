import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import express from 'express';
import request from 'supertest';
import { serve } from '../__testUtils__/fixtures';
import { readEnvironmentConfigs } from '../config/readEnvironmentConfigs';
import { createRouter } from '../router';
import type { SnapshotStore } from '../store/SnapshotStore';
import { RucioEnvironmentService } from './RucioEnvironmentService';

interface Seen {
  method?: string;
  url?: string;
  headers: Record<string, unknown>;
  body: any;
}

const PREFIX = '/api/kubernetes/proxy/apis';

/** The live objects the cluster holds, shaped as the generator writes them. */
interface Cluster {
  labels: Record<string, string>;
  operation?: object;
  syncWindows?: object[];
}

describe('sync through the Kubernetes plugin proxy', () => {
  const seen: Seen[] = [];
  let proxy: Awaited<ReturnType<typeof serve>>;
  let cluster: Cluster;

  function live(url: string) {
    const name = decodeURIComponent(url.split('/').pop()!);
    if (url.includes('/appprojects/')) {
      return { metadata: { name }, spec: { syncWindows: cluster.syncWindows } };
    }
    const metadata = { name, labels: cluster.labels };
    if (url.includes('/applications/')) {
      return {
        metadata,
        spec: {
          project: 'rucio-prod',
          destination: { namespace: 'rucio-prod-prod' },
        },
        ...(cluster.operation ? { operation: cluster.operation } : {}),
      };
    }
    if (url.includes('/helmreleases/')) {
      return {
        metadata,
        spec: {
          chart: {
            spec: {
              sourceRef: {
                kind: 'HelmRepository',
                name: 'rucio-prod-charts',
                namespace: 'flux-system',
              },
            },
          },
        },
      };
    }
    return { metadata };
  }

  beforeAll(async () => {
    proxy = await serve((req, res) => {
      let body = '';
      req.on('data', c => (body += c));
      req.on('end', () => {
        seen.push({
          method: req.method,
          url: req.url,
          headers: req.headers,
          body: JSON.parse(body || 'null'),
        });
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(req.method === 'GET' ? live(req.url!) : {}));
      });
    });
  });
  afterAll(() => proxy.close());
  beforeEach(() => {
    seen.length = 0;
    cluster = { labels: { 'rucio.cern.ch/environment': 'prod' } };
  });

  const patches = () => seen.filter(r => r.method === 'PATCH');

  /** Ada asks Argo CD to sync an Application of prod. */
  const syncApplication = (name: string, select?: object) =>
    service('argocd', select).service.sync(
      'prod',
      { kind: 'Application', name },
      'user:default/ada',
    );

  function service(
    controller: 'argocd' | 'flux',
    select: object = { labelSelector: 'rucio.cern.ch/environment=prod' },
  ) {
    const environments = readEnvironmentConfigs(
      new ConfigReader({
        rucio: {
          environments: [
            {
              name: 'prod',
              owner: 'group:default/data-management',
              rucio: {
                url: 'https://rucio.example.org',
                token: 'secret-token',
              },
              kubernetes: { cluster: 'prod-cluster', namespace: 'rucio' },
              gitops: {
                controller,
                namespace: controller === 'argocd' ? 'argocd' : 'flux-system',
                ...select,
              },
            },
          ],
        },
      }),
    );
    const scheduler = mockServices.scheduler.mock();
    return {
      scheduler,
      service: RucioEnvironmentService.create({
        environments,
        store: {} as SnapshotStore,
        logger: mockServices.logger.mock(),
        scheduler,
        discovery: {
          getBaseUrl: async id => `${proxy.url}/api/${id}`,
          getExternalBaseUrl: async id => `${proxy.url}/api/${id}`,
        },
        auth: mockServices.auth(),
      }),
    };
  }

  it('patches an Argo CD Application with a refresh annotation and a sync operation', async () => {
    const { service: s, scheduler } = service('argocd');
    const result = await s.sync(
      'prod',
      { kind: 'Application', name: 'rucio-daemons' },
      'user:default/ada',
    );
    // The live Application and its AppProject are read before patching.
    expect(seen.map(r => `${r.method} ${r.url}`)).toEqual([
      `GET ${PREFIX}/argoproj.io/v1alpha1/namespaces/argocd/applications/rucio-daemons`,
      `GET ${PREFIX}/argoproj.io/v1alpha1/namespaces/argocd/appprojects/rucio-prod`,
      `PATCH ${PREFIX}/argoproj.io/v1alpha1/namespaces/argocd/applications/rucio-daemons`,
    ]);
    expect(seen[2]).toMatchObject({
      method: 'PATCH',
      url: '/api/kubernetes/proxy/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/rucio-daemons',
      headers: {
        'backstage-kubernetes-cluster': 'prod-cluster',
        'content-type': 'application/merge-patch+json',
        authorization: expect.stringMatching(/^Bearer /),
      },
      body: {
        metadata: { annotations: { 'argocd.argoproj.io/refresh': 'normal' } },
        operation: {
          initiatedBy: { username: 'user:default/ada' },
          sync: { syncStrategy: { hook: {} } },
        },
      },
    });
    expect(result).toMatchObject({
      controller: 'argocd',
      namespace: 'argocd',
      name: 'rucio-daemons',
    });
    expect(scheduler.triggerTask).toHaveBeenCalledWith('rucio-collect-prod');
  });

  it('asks Flux to reconcile a HelmRelease and first its source, as flux reconcile --with-source', async () => {
    const { service: s } = service('flux');
    await s.sync(
      'prod',
      { kind: 'HelmRelease', name: 'rucio-server' },
      'user:default/ada',
    );
    expect(patches().map(r => r.url)).toEqual([
      `${PREFIX}/source.toolkit.fluxcd.io/v1/namespaces/flux-system/helmrepositories/rucio-prod-charts`,
      `${PREFIX}/helm.toolkit.fluxcd.io/v2/namespaces/flux-system/helmreleases/rucio-server`,
    ]);
    expect(patches()[1]).toMatchObject({
      method: 'PATCH',
      url: '/api/kubernetes/proxy/apis/helm.toolkit.fluxcd.io/v2/namespaces/flux-system/helmreleases/rucio-server',
      body: {
        metadata: {
          annotations: {
            'reconcile.fluxcd.io/requestedAt':
              expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          },
        },
      },
    });
  });

  it('holds sync to the environment: an object without its labels, or no selection at all, is refused', async () => {
    cluster.labels = { 'rucio.cern.ch/environment': 'other' };
    await expect(syncApplication('rucio-other')).rejects.toThrow(
      'Application rucio-other does not carry the labels rucio.cern.ch/environment=prod that select the GitOps objects of prod',
    );
    await expect(syncApplication('rucio-server', {})).rejects.toThrow(
      'Sync is held to the GitOps objects of prod, and its gitops config selects none: set gitops.names or gitops.labelSelector',
    );
    expect(patches()).toEqual([]);
  });

  it('refuses while Argo CD runs an operation on the Application', async () => {
    cluster.operation = { sync: {} };
    await expect(syncApplication('rucio-server')).rejects.toThrow(
      'Argo CD is already running an operation on Application rucio-server; sync again once it has finished',
    );
    expect(patches()).toEqual([]);
  });

  it('reports a sync window of the AppProject that blocks manual syncs', async () => {
    // Denies all day, every day: always active.
    const deny = {
      kind: 'deny',
      schedule: '0 0 * * *',
      duration: '24h',
      namespaces: ['rucio-*'],
    };
    cluster.syncWindows = [deny];
    await expect(syncApplication('rucio-server')).rejects.toThrow(
      'AppProject rucio-prod does not allow a manual sync of rucio-server now: the deny window deny 0 0 * * * for 24h is active',
    );
    expect(patches()).toEqual([]);
    // The same window allowing manual syncs lets Sync now through.
    cluster.syncWindows = [{ ...deny, manualSync: true }];
    await syncApplication('rucio-server');
    expect(patches()).toHaveLength(1);
  });

  it('refuses a kind the controller does not have', async () => {
    const { service: s } = service('flux');
    await expect(
      s.sync('prod', { kind: 'Application', name: 'x' }, 'user:default/ada'),
    ).rejects.toThrow(
      'Flux reconciles Kustomizations and HelmReleases, not Applications',
    );
    expect(seen).toHaveLength(0);
  });

  it('records who asked for a sync, what and the result with the auditor', async () => {
    const { service: s } = service('argocd');
    const auditor = mockServices.auditor.mock();
    const success = jest.fn();
    const fail = jest.fn();
    auditor.createEvent.mockResolvedValue({ success, fail });
    const app = express()
      .use(
        await createRouter({
          service: s,
          httpAuth: mockServices.httpAuth(),
          permissions: mockServices.permissions(),
          auditor,
        }),
      )
      .use(mockErrorHandler());

    const ok = await request(app)
      .post('/environments/prod/sync')
      .send({ kind: 'Application', name: 'rucio-server' });
    expect(ok.status).toBe(202);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'gitops-sync',
        meta: {
          environment: 'prod',
          kind: 'Application',
          name: 'rucio-server',
        },
      }),
    );
    expect(success).toHaveBeenCalledWith({
      meta: expect.objectContaining({ name: 'rucio-server' }),
    });

    const bad = await request(app)
      .post('/environments/prod/sync')
      .send({ kind: 'Deployment', name: 'x' });
    expect(bad.status).toBe(400);
  });
});
