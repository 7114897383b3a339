/*
 * The fault suite: for each upstream, inject one failure and check that the
 * collection still answers in time, that only the affected check fails, with
 * a message naming the upstream and the cause, and that no secret leaks.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  ANY_PORTS,
  createDemoCa,
  DEMO_CREDENTIALS,
  startDemo,
  type RunningDemo,
} from '@internal/rucio-demo';
import type { CheckId } from '@rucio-portal/plugin-rucio-common';
import { mkdtempSync } from 'node:fs';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent } from 'undici';
import { ALL_CHECKS } from '../checks';
import type { EnvironmentClients } from '../clients/EnvironmentClients';
import { FtsClient } from '../clients/FtsClient';
import { KubernetesReader } from '../clients/KubernetesReader';
import { RucioClient } from '../clients/RucioClient';
import { Collector } from '../collector/Collector';
import { readEnvironmentConfigs } from '../config/readEnvironmentConfigs';
import { closedPort } from '../__testUtils__/fixtures';

const SECRETS = [
  DEMO_CREDENTIALS.password,
  'pg-secret-password',
  'fts-secret-token',
];
// Generous enough for a loaded two-core CI machine; the hang cases wait this long.
const TIMEOUT_S = 3;

type Fault =
  | 'refused'
  | 'hang'
  | '500'
  | 'malformed-json'
  | 'truncated-stream'
  | 'wrong-content-type'
  | 'expire-token';

/** Sits in front of a healthy upstream and breaks one path. */
class FaultProxy {
  fault?: Fault;
  path?: RegExp;
  server!: Server;
  port = 0;
  private expired = new Set<string>();

  constructor(private readonly target: () => number) {}

  async start() {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>(r => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  stop() {
    this.server.closeAllConnections();
    return new Promise(r => this.server.close(r));
  }

  private handle(req: IncomingMessage, res: ServerResponse) {
    const hit = this.path?.test(req.url ?? '');
    if (hit && this.fault === 'hang') return; // accept, never answer
    if (hit && this.fault === '500') {
      res.writeHead(500, { 'Content-Type': 'text/html' });
      res.end('<h1>Internal Server Error</h1>');
      return;
    }
    if (hit && this.fault === 'expire-token') {
      // The first use of each token is refused, as a token expired in Rucio's cache.
      const token = String(req.headers['x-rucio-auth-token'] ?? '');
      if (token && this.expired.size === 0) {
        this.expired.add(token);
        res.writeHead(401, {
          ExceptionClass: 'CannotAuthenticate',
          'Content-Type': 'application/octet-stream',
        });
        res.end(
          '{"ExceptionClass": "CannotAuthenticate", "ExceptionMessage": "Cannot authenticate with given credentials"}',
        );
        return;
      }
    }
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: this.target(),
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      up => {
        if (!hit || this.fault === 'expire-token') {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          return;
        }
        let body = '';
        up.on('data', c => (body += c));
        up.on('end', () => {
          const headers = { ...up.headers };
          delete headers['content-length'];
          if (this.fault === 'malformed-json')
            body = `${body.slice(0, body.length / 2)}}{`;
          if (this.fault === 'truncated-stream')
            body = body.slice(0, body.length - 40);
          if (this.fault === 'wrong-content-type')
            headers['content-type'] = 'text/html; charset=utf-8';
          res.writeHead(up.statusCode ?? 200, headers);
          res.end(body);
        });
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  }
}

/** A TCP port that accepts connections and never says a word. */
async function silentPort() {
  const sockets: any[] = [];
  const server = createTcpServer(s => sockets.push(s));
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      sockets.forEach(s => s.destroy());
      return new Promise(r => server.close(r));
    },
  };
}

describe('fault suite', () => {
  let demo: RunningDemo;
  let rucio: FaultProxy;
  let auth: FaultProxy;
  let fts: FaultProxy;
  let k8s: FaultProxy;
  let silent: Awaited<ReturnType<typeof silentPort>>;
  let refused: number;
  const tlsServers: Server[] = [];
  const tlsPorts: Record<string, number> = {};
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    demo = await startDemo({
      dataDir: mkdtempSync(path.join(tmpdir(), 'rucio-faults-')),
      ports: ANY_PORTS,
    });
    rucio = await new FaultProxy(() => demo.ports.rucio).start();
    auth = await new FaultProxy(() => demo.ports.auth).start();
    fts = await new FaultProxy(() => demo.ports.fts).start();
    // Stands in for the Kubernetes plugin: /api/kubernetes/proxy/<path> → the demo API server.
    k8s = await new FaultProxy(() => demo.ports.kubernetes).start();
    silent = await silentPort();
    refused = await closedPort();
    const trusted = createDemoCa('Fault Suite CA');
    const untrusted = createDemoCa('Untrusted CA');
    const certs = {
      expired: trusted.issue('localhost', -2),
      selfSigned: untrusted.issue('localhost', 80),
      wrongHost: trusted.issue('other.example.org', 80, ['other.example.org']),
    };
    (globalThis as any).faultCa = trusted.caPem;
    const webui500 = createHttpsServer(
      trusted.issue('localhost', 80),
      (_q, s) => {
        s.statusCode = 500;
        s.end('Internal Server Error');
      },
    );
    await new Promise<void>(r => webui500.listen(0, '127.0.0.1', r));
    tlsServers.push(webui500);
    tlsPorts.webui500 = (webui500.address() as AddressInfo).port;
    for (const [name, cert] of Object.entries(certs)) {
      const server = createHttpsServer(cert, (_q, s) => s.end('ok'));
      await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
      tlsServers.push(server);
      tlsPorts[name] = (server.address() as AddressInfo).port;
    }
  }, 60_000);

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await Promise.all([rucio, auth, fts, k8s].map(p => p.stop()));
    await silent.close();
    tlsServers.forEach(s => s.close());
    await demo.stop();
  });

  beforeEach(() => {
    for (const p of [rucio, auth, fts, k8s]) {
      p.fault = undefined;
      p.path = undefined;
    }
  });

  function environment(
    overrides: {
      postgresPort?: number;
      pgbouncerPort?: number;
      tls?: string[];
      webui?: string;
    } = {},
  ) {
    const [env] = readEnvironmentConfigs(
      new ConfigReader({
        rucio: {
          environments: [
            {
              name: 'faulty',
              rucio: {
                url: `http://127.0.0.1:${rucio.port}`,
                authUrl: `http://127.0.0.1:${auth.port}`,
                account: 'root',
                userpass: {
                  username: DEMO_CREDENTIALS.username,
                  password: DEMO_CREDENTIALS.password,
                },
              },
              webui: {
                url: overrides.webui ?? `https://localhost:${demo.ports.webui}`,
              },
              fts: [
                {
                  url: `http://127.0.0.1:${fts.port}`,
                  token: 'fts-secret-token',
                },
              ],
              kubernetes: { cluster: 'demo', namespace: 'rucio' },
              gitops: { controller: 'argocd', namespace: 'argocd' },
              database: overrides.postgresPort
                ? {
                    postgres: {
                      host: '127.0.0.1',
                      port: overrides.postgresPort,
                      database: 'rucio',
                      user: 'monitor',
                      password: 'pg-secret-password',
                    },
                    pgbouncer: {
                      host: '127.0.0.1',
                      port: overrides.pgbouncerPort ?? overrides.postgresPort,
                      database: 'pgbouncer',
                      user: 'stats',
                      password: 'pg-secret-password',
                    },
                  }
                : undefined,
              tls: { endpoints: overrides.tls ?? [], caFile: demo.caFile },
              schedule: { checkTimeoutSeconds: TIMEOUT_S },
            },
          ],
        },
      }),
    );
    return env;
  }

  async function collect(env = environment(), kubernetesPort?: number) {
    const ca = require('node:fs').readFileSync(demo.caFile);
    const clients: EnvironmentClients = {
      rucio: RucioClient.fromEnvironment(env, 'k'),
      fts: env.fts.map(f => FtsClient.fromConfig(f, 'k')),
      kubernetes: KubernetesReader.create({
        discovery: {
          getBaseUrl: async () =>
            `http://127.0.0.1:${kubernetesPort ?? k8s.port}/api/kubernetes`,
          getExternalBaseUrl: async () => '',
        },
        auth: mockServices.auth(),
        cluster: 'demo',
      }),
      webDispatcher: new Agent({
        connect: { ca: [ca, (globalThis as any).faultCa] },
      }),
      tlsCa: [ca, Buffer.from((globalThis as any).faultCa)],
    };
    const logger = mockServices.logger.mock();
    const start = Date.now();
    const collection = await Collector.create({
      logger,
      checks: ALL_CHECKS,
    }).collect(env, clients);
    const text =
      JSON.stringify(collection) +
      JSON.stringify(logger.warn.mock.calls) +
      JSON.stringify(logger.info.mock.calls);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    return { ...collection, seconds: (Date.now() - start) / 1000 };
  }

  function statuses(snapshot: {
    checks: Partial<Record<CheckId, { status: string }>>;
  }) {
    return Object.fromEntries(
      Object.entries(snapshot.checks).map(([k, v]) => [k, v!.status]),
    );
  }

  // The k8s proxy stand-in needs the /api/kubernetes/proxy prefix removed.
  beforeAll(() => {
    const original = (k8s as any).handle.bind(k8s);
    (k8s as any).handle = (req: IncomingMessage, res: ServerResponse) => {
      req.url = (req.url ?? '').replace('/api/kubernetes/proxy', '');
      req.headers.authorization = 'Bearer demo-service-account-token';
      original(req, res);
    };
    k8s.server.removeAllListeners('request');
    k8s.server.on('request', (q, s) => (k8s as any).handle(q, s));
  });

  let baseline: Record<string, string> = {};

  it('the baseline without faults: only what the demo data says is wrong', async () => {
    const { snapshot } = await collect();
    baseline = statuses(snapshot);
    expect(baseline).toEqual({
      server: 'ok',
      auth: 'ok',
      webui: 'ok',
      daemons: 'error', // hermes is stale in the demo
      fts: 'ok', // proxy 72–96 h, as Rucio's renewal keeps it
      database: 'unconfigured',
      rses: 'warning',
      certificates: 'error', // a Certificate expiring in 5 days
      sync: 'warning', // rucio-daemons OutOfSync
      rules: 'unconfigured', // no read-only role on Rucio's database
      transfers: 'warning', // one link fails most of its transfers
      drift: 'unconfigured', // no catalog in this suite, so no repository
      workloads: 'error', // hermes in CrashLoopBackOff
      secrets: 'error', // rucio-rse-accounts' Vault key is not there
    });
  });

  const cases: Array<{
    name: string;
    proxy: () => FaultProxy;
    path: RegExp;
    fault: Fault;
    check: CheckId;
    message: RegExp;
    within?: number;
  }> = [
    {
      name: 'Rucio server: hangs on /ping',
      proxy: () => rucio,
      path: /^\/ping/,
      fault: 'hang',
      check: 'server',
      message:
        /(Rucio server|Rucio auth|FTS3) http:\/\/127\.0\.0\.1:\d+ did not answer before the check timed out/,
    },
    {
      name: 'Rucio server: 500 on /ping',
      proxy: () => rucio,
      path: /^\/ping/,
      fault: '500',
      check: 'server',
      message: /Rucio server http:\/\/127\.0\.0\.1:\d+ answered 500 for \/ping/,
    },
    {
      name: 'Rucio server: malformed JSON from /ping',
      proxy: () => rucio,
      path: /^\/ping/,
      fault: 'malformed-json',
      check: 'server',
      message: /answered \/ping with a body that is not JSON/,
    },
    {
      name: 'Rucio server: truncated /rses/ stream',
      proxy: () => rucio,
      path: /^\/rses\/$/,
      fault: 'truncated-stream',
      check: 'rses',
      message: /malformed \/rses\/ stream: .*truncated/,
    },
    {
      name: 'Rucio server: wrong content type for /rses/',
      proxy: () => rucio,
      path: /^\/rses\/$/,
      fault: 'wrong-content-type',
      check: 'rses',
      message:
        /content type "text\/html; charset=utf-8" instead of application\/x-json-stream/,
    },
    {
      name: 'Rucio server: 500 on /heartbeats',
      proxy: () => rucio,
      path: /^\/heartbeats/,
      fault: '500',
      check: 'daemons',
      message: /answered 500 for \/heartbeats/,
    },
    {
      name: 'Rucio auth: 500 on /auth/userpass',
      proxy: () => auth,
      path: /^\/auth\/userpass/,
      fault: '500',
      check: 'auth',
      message:
        /Rucio auth http:\/\/127\.0\.0\.1:\d+ answered 500 for \/auth\/userpass/,
    },
    {
      name: 'Rucio auth: hangs on /ping',
      proxy: () => auth,
      path: /^\/ping/,
      fault: 'hang',
      check: 'auth',
      message:
        /(Rucio server|Rucio auth|FTS3) http:\/\/127\.0\.0\.1:\d+ did not answer before the check timed out/,
    },
    {
      name: 'FTS3: 500 on /',
      proxy: () => fts,
      path: /^\/$/,
      fault: '500',
      check: 'fts',
      message: /FTS3 http:\/\/127\.0\.0\.1:\d+ answered 500 for \//,
    },
    {
      name: 'FTS3: malformed JSON from /whoami',
      proxy: () => fts,
      path: /^\/whoami/,
      fault: 'malformed-json',
      check: 'fts',
      message: /answered \/whoami with a body that is not JSON/,
    },
    {
      name: 'FTS3: wrong content type from /whoami',
      proxy: () => fts,
      path: /^\/whoami/,
      fault: 'wrong-content-type',
      check: 'fts',
      message:
        /FTS3 http:\/\/127\.0\.0\.1:\d+ answered \/whoami with content type "text\/html; charset=utf-8" instead of JSON/,
    },
    {
      name: 'FTS3: hangs on /jobs',
      proxy: () => fts,
      path: /^\/jobs/,
      fault: 'hang',
      check: 'fts',
      message:
        /(Rucio server|Rucio auth|FTS3) http:\/\/127\.0\.0\.1:\d+ did not answer before the check timed out/,
    },
    {
      name: 'Kubernetes: 500 for Argo CD Applications',
      proxy: () => k8s,
      path: /applications/,
      fault: '500',
      check: 'sync',
      message: /Kubernetes cluster demo answered .*500/,
    },
    {
      name: 'Kubernetes: hangs on Argo CD Applications',
      proxy: () => k8s,
      path: /applications/,
      fault: 'hang',
      check: 'sync',
      message: /Kubernetes cluster demo .*(did not answer|timed out)/,
    },
    {
      name: 'Kubernetes: wrong content type for Applications',
      proxy: () => k8s,
      path: /applications/,
      fault: 'wrong-content-type',
      check: 'sync',
      message:
        /Kubernetes cluster demo answered .*applications with content type "text\/html; charset=utf-8" instead of JSON/,
    },
    {
      name: 'Kubernetes: 500 for Secrets',
      proxy: () => k8s,
      path: /\/secrets/,
      fault: '500',
      check: 'secrets',
      message: /Kubernetes cluster demo answered .*500/,
    },
    {
      name: 'Kubernetes: hangs on Pods',
      proxy: () => k8s,
      path: /\/pods/,
      fault: 'hang',
      check: 'workloads',
      message: /Kubernetes cluster demo .*(did not answer|timed out)/,
    },
    {
      name: 'Kubernetes: malformed JSON for Applications',
      proxy: () => k8s,
      path: /applications/,
      fault: 'malformed-json',
      check: 'sync',
      message: /Kubernetes cluster demo answered .* not JSON/,
    },
  ];

  it.each(cases)(
    '$name',
    async c => {
      const proxy = c.proxy();
      proxy.path = c.path;
      proxy.fault = c.fault;
      const { snapshot, seconds } = await collect();
      expect(snapshot.checks[c.check]!.status).toBe('error');
      const changed = Object.entries(statuses(snapshot))
        .filter(([id, status]) => status !== baseline[id])
        .map(([id]) => id);
      expect(snapshot.checks[c.check]!.message).toMatch(c.message);
      // Only the affected check (and checks that read the same upstream) fail.
      const sameUpstream: Record<string, CheckId[]> = {
        server: ['server', 'rses', 'daemons', 'transfers'],
        rses: ['rses'],
        daemons: ['daemons'],
        auth: ['auth', 'server', 'rses', 'daemons', 'transfers'],
        certificates: ['certificates'],
        fts: ['fts'],
        sync: ['sync', 'daemons', 'certificates'],
      };
      for (const id of changed)
        expect(sameUpstream[c.check] ?? [c.check]).toContain(id);
      expect(snapshot.checks.webui!.status).toBe('ok');
      const limit = (c.check === 'rses' ? 6 : 1) * TIMEOUT_S + 1;
      expect(seconds).toBeLessThan(limit + 0.5);
    },
    20_000,
  );

  it('Rucio server: 401 on first use of a token is healed by one renewal', async () => {
    rucio.path = /^\/accounts\/whoami/;
    rucio.fault = 'expire-token';
    const { snapshot } = await collect();
    expect(snapshot.checks.server!.status).toBe('ok');
  });

  it('Rucio server, auth, FTS3, WebUI: connection refused', async () => {
    const env = environment({ webui: `https://localhost:${refused}` });
    env.rucio.url = `http://127.0.0.1:${refused}`;
    env.fts[0].url = `http://127.0.0.1:${refused}`;
    const { snapshot } = await collect(env);
    expect(snapshot.checks.server!.message).toBe(
      `Rucio server http://127.0.0.1:${refused} refused the connection`,
    );
    expect(snapshot.checks.webui!.message).toBe(
      `Rucio WebUI https://localhost:${refused} refused the connection`,
    );
    expect(snapshot.checks.fts!.message).toContain('refused the connection');
    expect(snapshot.checks.auth!.status).toBe('ok');
  });

  it('WebUI: never answers, and answers 500', async () => {
    const { snapshot: a, seconds } = await collect(
      environment({ webui: `https://localhost:${silent.port}` }),
    );
    expect(a.checks.webui).toMatchObject({
      status: 'error',
      message: expect.stringMatching(
        new RegExp(
          `Rucio WebUI https://localhost:${silent.port} .*(did not answer|timed out)`,
        ),
      ),
    });
    expect(seconds).toBeLessThan(TIMEOUT_S + 1.5);
    const { snapshot: b } = await collect(
      environment({ webui: `https://localhost:${tlsPorts.webui500}` }),
    );
    expect(b.checks.webui!.message).toBe(
      `Rucio WebUI https://localhost:${tlsPorts.webui500} answered 500.`,
    );
    const changed = (snapshot: typeof a) =>
      Object.entries(statuses(snapshot))
        .filter(([id, status]) => status !== baseline[id])
        .map(([id]) => id);
    expect(changed(a)).toEqual(['webui']);
    expect(changed(b)).toEqual(['webui']);
  }, 20_000);

  it('Kubernetes: connection refused', async () => {
    const { snapshot } = await collect(environment(), refused);
    expect(snapshot.checks.sync).toMatchObject({
      status: 'error',
      message: expect.stringMatching(
        /Kubernetes cluster demo .*refused the connection/,
      ),
    });
    expect(snapshot.checks.server!.status).toBe('ok');
    expect(snapshot.checks.webui!.status).toBe('ok');
  });

  it('PostgreSQL and PgBouncer: refused and silent', async () => {
    const { snapshot: a, seconds } = await collect(
      environment({ postgresPort: refused }),
    );
    expect(a.checks.database).toMatchObject({
      status: 'error',
      message: expect.stringContaining(
        `PostgreSQL 127.0.0.1:${refused}/rucio refused the connection`,
      ),
    });
    expect(a.checks.database!.message).toContain(
      `PgBouncer 127.0.0.1:${refused}`,
    );
    expect(seconds).toBeLessThan(TIMEOUT_S * 6 + 1);

    const { snapshot: b, seconds: s2 } = await collect(
      environment({ postgresPort: silent.port }),
    );
    expect(b.checks.database!.status).toBe('error');
    expect(b.checks.database!.message).toMatch(
      /PostgreSQL 127\.0\.0\.1:\d+\/rucio (did not answer|.*timed out|could not be reached)/,
    );
    expect(s2).toBeLessThan(TIMEOUT_S + 1.5);
    expect(b.checks.server!.status).toBe('ok');
  }, 20_000);

  it('TLS endpoints: expired, self-signed and wrong host name', async () => {
    const env = environment({
      tls: [
        `localhost:${tlsPorts.expired}`,
        `localhost:${tlsPorts.selfSigned}`,
        `localhost:${tlsPorts.wrongHost}`,
      ],
    });
    const { snapshot } = await collect(env);
    const certs = snapshot.checks.certificates!.details!.certificates;
    const byPort = (p: number) => certs.find(c => c.name === `localhost:${p}`)!;
    expect(byPort(tlsPorts.expired)).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/expired/),
    });
    expect(byPort(tlsPorts.selfSigned)).toMatchObject({
      status: 'error',
      message: expect.stringMatching(
        /untrusted|not trusted|self-signed|does not verify/,
      ),
    });
    expect(byPort(tlsPorts.wrongHost)).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/other\.example\.org, not localhost/),
    });
    // The days alone say ok; the trust problem is apart (the card's chips).
    for (const port of [tlsPorts.selfSigned, tlsPorts.wrongHost]) {
      expect(byPort(port).daysStatus).toBe('ok');
      expect(byPort(port).problem).toBe(
        byPort(port).message.match(/^TLS endpoint \S+: (.*); expires/)![1],
      );
    }
    expect(byPort(tlsPorts.expired).daysStatus).toBe('error');
    expect(snapshot.checks.server!.status).toBe('ok');
  });

  it('TLS endpoints: refused and never answering, next to a healthy one', async () => {
    const env = environment({
      tls: [
        `localhost:${refused}`,
        `localhost:${silent.port}`,
        `localhost:${tlsPorts.expired}`,
      ],
    });
    const { snapshot, seconds } = await collect(env);
    const certs = snapshot.checks.certificates!.details!.certificates;
    const byPort = (p: number) => certs.find(c => c.name === `localhost:${p}`)!;
    expect(byPort(refused)).toMatchObject({
      status: 'error',
      message: `TLS endpoint localhost:${refused} refused the connection`,
    });
    expect(byPort(silent.port)).toMatchObject({
      status: 'error',
      message: expect.stringMatching(
        new RegExp(
          `TLS endpoint localhost:${silent.port} .*(did not answer|timed out)`,
        ),
      ),
    });
    // The others are still reported.
    expect(byPort(tlsPorts.expired).message).toMatch(/expired/);
    expect(seconds).toBeLessThan(TIMEOUT_S + 1.5);
    expect(snapshot.checks.server!.status).toBe('ok');
  }, 20_000);

  it('leaves no unhandled rejection behind', () => {
    expect(unhandled).toEqual([]);
  });
});
