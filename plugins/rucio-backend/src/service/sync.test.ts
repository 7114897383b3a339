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

describe('sync through the Kubernetes plugin proxy', () => {
  const seen: Seen[] = [];
  let proxy: Awaited<ReturnType<typeof serve>>;

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
        res.end('{"kind":"Application"}');
      });
    });
  });
  afterAll(() => proxy.close());
  beforeEach(() => {
    seen.length = 0;
  });

  function service(controller: 'argocd' | 'flux') {
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
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
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

  it('asks Flux to reconcile a HelmRelease with requestedAt', async () => {
    const { service: s } = service('flux');
    await s.sync(
      'prod',
      { kind: 'HelmRelease', name: 'rucio-server' },
      'user:default/ada',
    );
    expect(seen[0]).toMatchObject({
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
