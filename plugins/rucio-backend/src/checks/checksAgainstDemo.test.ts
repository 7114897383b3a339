import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ANY_PORTS, startDemo, type RunningDemo } from '@internal/rucio-demo';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, fetch } from 'undici';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { ScmIntegrations } from '@backstage/integration';
import { DEMO_REPOSITORY_PATH } from '@internal/rucio-demo';
import type { EnvironmentClients } from '../clients/EnvironmentClients';
import { EnvironmentRepository } from '../clients/EnvironmentRepository';
import { FtsClient } from '../clients/FtsClient';
import type { KubernetesReader } from '../clients/KubernetesReader';
import { RucioClient } from '../clients/RucioClient';
import { Collector } from '../collector/Collector';
import { readEnvironmentConfigs } from '../config/readEnvironmentConfigs';
import { ALL_CHECKS } from '.';
import { syncCheck } from './syncCheck';
import {
  environmentEntities,
  environmentSystem,
} from '../__testUtils__/environmentSystem';

/**
 * Stands in for the Kubernetes plugin's proxy: the same paths, straight to the
 * demo API server with the service-account token the plugin would add.
 */
function directKubernetes(url: string): KubernetesReader {
  return {
    name: 'Kubernetes cluster demo',
    async list(
      p: string,
      options: {
        signal: AbortSignal;
        labelSelector?: string;
        fieldSelector?: string;
      },
    ) {
      const params = new URLSearchParams();
      if (options.labelSelector) {
        params.set('labelSelector', options.labelSelector);
      }
      if (options.fieldSelector) {
        params.set('fieldSelector', options.fieldSelector);
      }
      const query = params.size ? `?${params}` : '';
      const response = await fetch(`${url}${p}${query}`, {
        signal: options.signal,
        headers: { Authorization: 'Bearer demo-service-account-token' },
      });
      return ((await response.json()) as { items: unknown[] }).items;
    },
  } as unknown as KubernetesReader;
}

/** The drift check's figures, without the times and URLs of this run. */
function driftFigures(snapshot: { checks: { drift?: { details?: any } } }) {
  const {
    location: _l,
    entityRef: _e,
    readAt: _r,
    ...rest
  } = snapshot.checks.drift!.details;
  return rest;
}

/** One environment from raw config, validated as the plugin does at start-up. */
function environment(config: Record<string, unknown>) {
  return readEnvironmentConfigs(
    new ConfigReader({ rucio: { environments: [config] } } as any),
  )[0];
}

describe('every check against the running demo environment', () => {
  let demo: RunningDemo;

  /** The demo's Rucio server and auth host with its credentials. */
  const rucio = () => ({
    url: `http://127.0.0.1:${demo.ports.rucio}`,
    authUrl: `http://127.0.0.1:${demo.ports.auth}`,
    account: 'root',
    userpass: { username: 'ddmlab', password: 'demo-password' },
  });

  beforeAll(async () => {
    demo = await startDemo({
      dataDir: mkdtempSync(path.join(tmpdir(), 'rucio-demo-')),
      ports: ANY_PORTS,
    });
  }, 30_000);

  afterAll(() => demo.stop());

  it('reports ok, warning and error exactly where the demo data says so', async () => {
    const p = demo.ports;
    const env = environment({
      name: 'demo',
      rucio: { ...rucio(), caFile: demo.caFile },
      webui: { url: `https://localhost:${p.webui}` },
      fts: [{ url: `http://127.0.0.1:${p.fts}` }],
      kubernetes: { cluster: 'demo', namespace: 'rucio' },
      gitops: { controller: 'argocd', namespace: 'argocd' },
      tls: {
        endpoints: [`localhost:${p.tlsValid}`, `localhost:${p.tlsExpiring}`],
        caFile: demo.caFile,
      },
      // Every RSE's details in the first collection, so drift compares all.
      schedule: { rseDetailRequestsPerMinute: 600 },
    });
    const repositoryHost = `127.0.0.1:${p.repository}`;
    const readerConfig = new ConfigReader({
      backend: { reading: { allow: [{ host: repositoryHost }] } },
    });
    const key = 'rucio.environments[0]';
    const clients: EnvironmentClients = {
      rucio: RucioClient.fromEnvironment(env, key),
      fts: env.fts.map(f => FtsClient.fromConfig(f, `${key}.fts[0]`)),
      kubernetes: directKubernetes(`http://127.0.0.1:${p.kubernetes}`),
      webDispatcher: new Agent({
        connect: { ca: require('node:fs').readFileSync(demo.caFile) },
      }),
      tlsCa: [require('node:fs').readFileSync(demo.caFile)],
      repository: EnvironmentRepository.create({
        entities: environmentEntities(
          [
            environmentSystem('rucio-demo', 'demo', {
              'backstage.io/source-location': `url:http://${repositoryHost}${DEMO_REPOSITORY_PATH}`,
            }),
          ],
          { demo: 'rucio-demo' },
        ),
        urlReader: UrlReaders.default({
          config: readerConfig,
          logger: mockServices.logger.mock(),
        }),
        integrations: ScmIntegrations.fromConfig(readerConfig),
      }),
    };
    const collector = Collector.create({
      logger: mockServices.logger.mock(),
      checks: ALL_CHECKS,
    });
    const { snapshot, rses } = await collector.collect(env, clients);
    const statuses = Object.fromEntries(
      Object.entries(snapshot.checks).map(([id, r]) => [id, r!.status]),
    );
    expect(statuses).toEqual({
      server: 'ok',
      auth: 'ok',
      webui: 'ok',
      daemons: 'error', // hermes stopped heartbeating
      fts: 'ok', // the delegated proxy has 72–96 h left, as Rucio's renewal keeps it
      database: 'unconfigured',
      rses: 'warning', // one RSE closed for writes, two for reads, one below MinFreeSpace
      certificates: 'error', // one endpoint and one Certificate expire in 5 days
      sync: 'warning', // rucio-daemons is OutOfSync
      rules: 'unconfigured', // no read-only role on Rucio's database
      transfers: 'warning', // one link fails most of its transfers
      drift: 'warning', // one MinFreeSpace raised in Rucio, not in the repository
      workloads: 'error', // hermes in CrashLoopBackOff; the WebUI's claim
      secrets: 'error', // rucio-rse-accounts' Vault key is not there
    });
    const workloads = snapshot.checks.workloads!.details!;
    expect(workloads.rucioVersion).toBe('40.1.0');
    expect(workloads.versionSource).toMatch(/rucio-environment\.yaml$/);
    expect(workloads.workloads.every(w => w.versionMatches)).toBe(true);
    expect(
      workloads.workloads.filter(w => w.status !== 'ok').map(w => w.message),
    ).toEqual([
      'Deployment daemons-hermes: daemons-hermes-7d9f8c-0 is in CrashLoopBackOff (back-off restarting failed container); 0 of 1 replicas ready; restarted within the last hour (7 restarts in all).',
    ]);
    expect(workloads.volumeClaims).toEqual([
      {
        name: 'rucio-webui-cache',
        phase: 'Bound',
        storageClass: 'standard',
        size: '1Gi',
        usedBy: ['webui-rucio-webui'],
      },
    ]);
    const secrets = snapshot.checks.secrets!.details!;
    expect(
      secrets.secrets.map(x => [x.name, x.source, x.keys.join(), x.status]),
    ).toEqual([
      ['rucio-auth-tls', 'cert-manager', 'tls.crt,tls.key', 'ok'],
      ['rucio-db', 'external-secret', 'dbfullstring', 'ok'],
      ['rucio-rse-accounts', 'external-secret', 'rse-accounts.cfg', 'error'],
      ['rucio-rse-admin', 'external-secret', 'password,username', 'ok'],
      ['rucio-server-tls', 'cert-manager', 'tls.crt,tls.key', 'ok'],
      ['rucio-webui-tls', 'cert-manager', 'tls.crt,tls.key', 'ok'],
    ]);
    const failing = secrets.secrets.find(x => x.name === 'rucio-rse-accounts')!;
    expect(failing.usedBy).toContain('server-rucio-server');
    expect(failing.message).toMatch(
      /^Secret rucio-rse-accounts, needed by server-rucio-server, server-rucio-server-auth, daemons-abacus-rse and 9 more, its ExternalSecret does not sync: SecretSyncedError — could not get secret data from provider \(error processing spec\.data\[0\] \(key: kv\/rucio\/demo\/rucio-rse-accounts\), err: Secret does not exist\); last synced 2 days ago\.$/,
    );
    expect(secrets.externalSecrets.map(e => [e.name, e.status])).toEqual([
      ['rucio-db', 'ok'],
      ['rucio-rse-admin', 'ok'],
      ['rucio-rse-accounts', 'error'],
    ]);
    // Nothing of a value leaves the check.
    expect(JSON.stringify(snapshot)).not.toContain(
      Buffer.from('demo').toString('base64'),
    );
    const raised = demo.state.rses[3];
    expect(driftFigures(snapshot)).toEqual({
      declared: 60,
      served: 60,
      compared: 60,
      notRead: 0,
      total: 1,
      items: [
        {
          rse: raised.rse,
          kind: 'limit',
          key: 'MinFreeSpace',
          repository: '10000000000000',
          rucio: '50000000000000',
        },
      ],
      counts: {
        missing: 0,
        undeclared: 0,
        protocol: 0,
        limit: 1,
        attribute: 0,
      },
    });
    const c = snapshot.checks;
    expect(c.server!.details).toMatchObject({
      version: '40.1.0',
      account: 'root',
      authMethod: 'userpass',
    });
    expect(c.daemons!.message).toContain('hermes');
    const hermes = c.daemons!.details!.daemons.find(d => d.name === 'hermes');
    expect(hermes).toMatchObject({
      status: 'error',
      liveThreads: 0,
      expectedReplicas: 1,
      readyReplicas: 0,
    });
    expect(c.rses!.details).toMatchObject({
      total: 60,
      unavailable: 3,
      belowMinFreeSpace: 1,
    });
    expect(rses).toHaveLength(60);
    expect(rses![0].protocols![0]).toEqual({
      scheme: expect.any(String),
      hostname: expect.stringContaining('example.org'),
      port: expect.any(Number),
      prefix: expect.any(String),
      impl: expect.stringMatching(/^rucio\.rse\.protocols\./),
      domains: { lan: expect.any(Object), wan: expect.any(Object) },
      extended_attributes: null,
    });
    expect(rses!.find(r => r.belowMinFreeSpace)?.minFreeSpaceBytes).toBe(50e12);
    // Attributes as served, Rucio's own too: the RSE's name set to true.
    expect(rses![0].attributes).toMatchObject({ [rses![0].name]: true });
    const certs = c.certificates!.details!.certificates;
    expect(certs[0].daysLeft).toBeLessThan(5);
    expect(
      certs
        .filter(x => x.status === 'error')
        .map(x => x.source)
        .sort(),
    ).toEqual(['cert-manager', 'tls']);
    expect(certs.find(x => x.name === `localhost:${p.tlsValid}`)).toMatchObject(
      { status: 'ok', issuer: 'Rucio Demo CA' },
    );
    expect(
      c.sync!.details!.items.find(i => i.name === 'rucio-daemons'),
    ).toMatchObject({
      syncStatus: 'OutOfSync',
      health: 'Healthy',
      revision: 'a1b2c3d',
    });
    const fts = c.fts!.details!.servers[0];
    expect(fts).toMatchObject({
      version: '3.13.4',
      dn: expect.stringContaining('CN=rucio-demo'),
      queuedCapped: false,
    });
    expect(fts.proxyHoursLeft).toBeGreaterThan(72);
    expect(fts.proxyHoursLeft).toBeLessThanOrEqual(96);
    // A job every 20 s, finished 150 s later: about 180 finished in an hour.
    const finished = Object.values(fts.finishedLastHour!).reduce(
      (a, b) => a + b,
      0,
    );
    expect(finished).toBeGreaterThan(170);
    expect(finished).toBeLessThan(190);
  }, 30_000);

  it('reads the Flux objects of the second demo environment', async () => {
    const env = environment({
      name: 'demo-flux',
      rucio: {
        url: `http://127.0.0.1:${demo.ports.rucio}`,
        token: 'unused',
      },
      kubernetes: { cluster: 'demo', namespace: 'rucio' },
      gitops: { controller: 'flux', namespace: 'flux-system' },
    });
    const result = await syncCheck.run({
      env,
      clients: {
        kubernetes: directKubernetes(
          `http://127.0.0.1:${demo.ports.kubernetes}`,
        ),
      } as EnvironmentClients,
      signal: AbortSignal.timeout(5000),
      logger: mockServices.logger.mock(),
    });
    expect(result.status).toBe('error');
    expect(
      result.details!.items.map(i => [
        i.kind,
        i.name,
        i.syncStatus,
        i.revision,
      ]),
    ).toEqual([
      ['Kustomization', 'rucio-demo-flux', 'Ready', '0f1e2d3'],
      ['HelmRelease', 'rucio-server', 'Ready', '40.0.0'],
      ['HelmRelease', 'rucio-daemons', 'NotReady', '39.0.0'],
    ]);
    expect(result.message).toContain('rucio-daemons is NotReady');
  });

  it('turns a switched-off Rucio server into an error of the server check only', async () => {
    demo.state.options.outages = ['rucio'];
    try {
      const env = environment({
        name: 'demo',
        rucio: rucio(),
        fts: [{ url: `http://127.0.0.1:${demo.ports.fts}` }],
      });
      const clients: EnvironmentClients = {
        rucio: RucioClient.fromEnvironment(env, 'k'),
        fts: env.fts.map(f => FtsClient.fromConfig(f, 'k')),
        webDispatcher: new Agent(),
      };
      const collector = Collector.create({
        logger: mockServices.logger.mock(),
        checks: ALL_CHECKS,
      });
      const { snapshot } = await collector.collect(env, clients);
      expect(snapshot.checks.server).toMatchObject({
        status: 'error',
        message: expect.stringMatching(
          /^Rucio server http:\/\/127\.0\.0\.1:\d+ answered 503 for \/ping/,
        ),
      });
      expect(snapshot.checks.auth!.status).toBe('ok');
      expect(snapshot.checks.fts!.status).toBe('ok');
      expect(JSON.stringify(snapshot)).not.toContain('demo-password');
    } finally {
      demo.state.options.outages = [];
    }
  }, 30_000);
});
