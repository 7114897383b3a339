import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createDemoCa } from './certificates.ts';
import { DemoState, type DemoOptions } from './DemoState.ts';
import { ftsHandler } from './fts.ts';
import { withKnobs } from './http.ts';
import { identityHandler } from './identity.ts';
import { kubernetesHandler } from './kubernetes.ts';
import { repositoryHandler } from './repository.ts';
import { rucioHandler } from './rucio.ts';
import { loadRucioDatabase } from './rucioDatabase.ts';

export { loadRucioDatabase };

export {
  DemoState,
  DEFAULT_OPTIONS,
  DAEMONS,
  STALE_DAEMON,
} from './DemoState.ts';
export type { DemoOptions } from './DemoState.ts';
export { createDemoCa } from './certificates.ts';
export { DEMO_REPOSITORY_PATH } from './repository.ts';
export { readFtsRecordings } from './ftsRecordings.ts';
export type { FtsRecording } from './ftsRecordings.ts';
export { DEMO_EMAIL_DOMAIN, DEMO_OIDC_CLIENT } from './identity.ts';

/** The credentials the demo Rucio accepts (a stand-in; never a real secret). */
export const DEMO_CREDENTIALS = {
  account: 'root',
  username: 'ddmlab',
  password: 'demo-password',
};

export interface DemoPorts {
  rucio: number;
  auth: number;
  fts: number;
  kubernetes: number;
  webui: number;
  tlsValid: number;
  tlsExpiring: number;
  postgres: number;
  identity: number;
  repository: number;
}

/** Ports of `./portal start`; tests pass 0 to get free ones. */
export const DEFAULT_PORTS: DemoPorts = {
  rucio: 7101,
  auth: 7102,
  fts: 7103,
  kubernetes: 7104,
  webui: 7105,
  tlsValid: 7443,
  tlsExpiring: 7444,
  postgres: 7432,
  identity: 7110,
  repository: 7106,
};

/** Free ports for every listener, for tests that run beside a portal. */
export const ANY_PORTS: DemoPorts = {
  rucio: 0,
  auth: 0,
  fts: 0,
  kubernetes: 0,
  webui: 0,
  tlsValid: 0,
  tlsExpiring: 0,
  postgres: 0,
  identity: 0,
  repository: 0,
};

export interface StartDemoOptions extends Partial<DemoOptions> {
  ports?: Partial<DemoPorts>;
  /** Where the demo CA is written (the backend reads it as `caFile`). */
  dataDir: string;
  /** Serve PostgreSQL through PGlite (takes a few seconds). */
  postgres?: boolean;
  /** Serve an OpenID Connect provider for the portal's sign-in. */
  identity?: boolean;
  host?: string;
}

export interface RunningDemo {
  state: DemoState;
  ports: DemoPorts;
  caFile: string;
  /** Requests each component answered, for benchmarks. */
  requests(): Record<string, number>;
  stop(): Promise<void>;
}

function listen(server: Server, port: number, host: string) {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () =>
      resolve((server.address() as AddressInfo).port),
    );
  });
}

/** Starts every component of the demo environment on loopback. */
export async function startDemo(
  options: StartDemoOptions,
): Promise<RunningDemo> {
  const host = options.host ?? '127.0.0.1';
  const want = { ...DEFAULT_PORTS, ...options.ports };
  const state = new DemoState(options);
  const ca = createDemoCa();
  mkdirSync(options.dataDir, { recursive: true });
  const caFile = path.join(options.dataDir, 'ca.pem');
  writeFileSync(caFile, ca.caPem);

  // Server and auth are one app (sharing issued tokens) on two ports, as a
  // real deployment runs the same image twice.
  const rucio = rucioHandler(state, DEMO_CREDENTIALS);
  const handlers = {
    rucio: withKnobs('rucio', state, rucio),
    auth: withKnobs('auth', state, rucio),
    fts: withKnobs('fts', state, ftsHandler(state)),
    kubernetes: withKnobs('kubernetes', state, kubernetesHandler(state)),
    webui: withKnobs('webui', state, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(
        '<!doctype html><title>Rucio WebUI (demo)</title><h1>Rucio WebUI (demo)</h1>',
      );
    }),
    repository: withKnobs('repository', state, repositoryHandler(state)),
  };
  const webuiCert = ca.issue('localhost', 80);
  const servers: Server[] = [
    createHttpServer(handlers.rucio),
    createHttpServer(handlers.auth),
    createHttpServer(handlers.fts),
    createHttpServer(handlers.kubernetes),
    createHttpsServer(webuiCert, handlers.webui),
    createHttpsServer(ca.issue('localhost', 80), (_req, res) => res.end('ok')),
    createHttpsServer(ca.issue('localhost', 5), (_req, res) => res.end('ok')),
    createHttpServer(handlers.repository),
  ];
  const keys: Array<keyof DemoPorts> = [
    'rucio',
    'auth',
    'fts',
    'kubernetes',
    'webui',
    'tlsValid',
    'tlsExpiring',
    'repository',
  ];
  const ports = { ...want };
  for (let i = 0; i < servers.length; i++) {
    servers[i].keepAliveTimeout = 30_000;
    ports[keys[i]] = await listen(servers[i], want[keys[i]], host);
  }

  if (options.identity) {
    // The issuer names its port, so it is known only once the server listens;
    // browser and backend both reach it as localhost.
    const identity = createHttpServer();
    servers.push(identity);
    ports.identity = await listen(identity, want.identity, host);
    identity.on(
      'request',
      await identityHandler(`http://localhost:${ports.identity}`),
    );
  }

  let stopPostgres = async () => {};
  if (options.postgres) {
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const db = await PGlite.create();
    await db.exec(`CREATE TABLE IF NOT EXISTS dids (scope text, name text, bytes bigint);
      INSERT INTO dids SELECT 'demo', 'file_' || g, g * 1000 FROM generate_series(1, 2000) g;`);
    await loadRucioDatabase(db, state);
    // The database check and the rules check connect at the same time.
    const pgServer = new PGLiteSocketServer({
      db,
      port: want.postgres,
      host,
      maxConnections: 8,
    });
    await pgServer.start();
    stopPostgres = async () => {
      await pgServer.stop();
      await db.close();
    };
  }

  return {
    state,
    ports,
    caFile,
    requests: () =>
      Object.fromEntries(
        Object.entries(handlers).map(([k, h]) => [k, h.requests()]),
      ),
    async stop() {
      await Promise.all(
        servers.map(
          s =>
            new Promise<void>(resolve => {
              s.closeAllConnections();
              s.close(() => resolve());
            }),
        ),
      );
      await stopPostgres();
    },
  };
}
