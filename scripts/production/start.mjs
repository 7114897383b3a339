// The production path, part two: the image's CMD (prepare.mjs) with
// app-config.production.yaml's variables set as a deployment sets them. Its
// database is the machine's PostgreSQL behind PgBouncer, which speaks TLS
// only (a CA and a localhost certificate made here with openssl), so the
// backend connects with verify-full as the config says; its cache store the
// machine's Redis (database 9; no plugin of this portal uses the cache
// service yet, so it opens no connection); its sign-in the demo's OpenID
// Connect provider. Playwright's webServer runs this; stopping it stops all.
//
//   node scripts/production/start.mjs [dir]
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { processGroup } from '../lib/processGroup.mjs';
import { runOrThrow, workDir } from '../lib/steps.mjs';

const dir = workDir('rucio-production', 'PRODUCTION_DIR');
const tls = path.join(dir, 'tls');
const { run, startDemo } = processGroup('production');
const PGBOUNCER_PORT = process.env.PRODUCTION_PGBOUNCER_PORT ?? '6433';

mkdirSync(tls, { recursive: true });
// PgBouncer drops to the postgres user when started as root.
chmodSync(dir, 0o755);
chmodSync(tls, 0o755);
const openssl = args =>
  runOrThrow('openssl', args, { cwd: tls, stdio: 'ignore' });
openssl([
  'req',
  '-x509',
  '-newkey',
  'rsa:2048',
  '-nodes',
  '-days',
  '2',
  '-subj',
  '/CN=Production test CA',
  '-keyout',
  'ca.key',
  '-out',
  'ca.pem',
]);
openssl([
  'req',
  '-newkey',
  'rsa:2048',
  '-nodes',
  '-subj',
  '/CN=localhost',
  '-keyout',
  'server.key',
  '-out',
  'server.csr',
]);
writeFileSync(path.join(tls, 'san.ext'), 'subjectAltName=DNS:localhost\n');
openssl([
  'x509',
  '-req',
  '-in',
  'server.csr',
  '-CA',
  'ca.pem',
  '-CAkey',
  'ca.key',
  '-CAcreateserial',
  '-days',
  '2',
  '-extfile',
  'san.ext',
  '-out',
  'server.pem',
]);
chmodSync(path.join(tls, 'server.key'), 0o644);

// The backend makes one database per plugin; a run starts without them.
spawnSync(
  'psql',
  [
    '-h',
    '127.0.0.1',
    '-U',
    'postgres',
    '-Atc',
    "SELECT 'DROP DATABASE ' || quote_ident(datname) || ' WITH (FORCE);' FROM pg_database WHERE datname LIKE 'backstage\\_plugin\\_%'",
  ],
  { encoding: 'utf8' },
)
  .stdout.split('\n')
  .filter(Boolean)
  .forEach(sql =>
    runOrThrow('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-qc', sql], {
      stdio: 'ignore',
    }),
  );

writeFileSync(path.join(dir, 'userlist.txt'), '"postgres" ""\n');
writeFileSync(
  path.join(dir, 'pgbouncer.ini'),
  [
    '[databases]',
    '* = host=127.0.0.1 port=5432',
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${PGBOUNCER_PORT}`,
    'unix_socket_dir =',
    'auth_type = trust',
    `auth_file = ${path.join(dir, 'userlist.txt')}`,
    'admin_users = postgres',
    // Migrations hold advisory locks across statements.
    'pool_mode = session',
    'max_client_conn = 200',
    'client_tls_sslmode = require',
    `client_tls_key_file = ${path.join(tls, 'server.key')}`,
    `client_tls_cert_file = ${path.join(tls, 'server.pem')}`,
    '',
  ].join('\n'),
);
const asRoot = process.getuid?.() === 0;
run('pgbouncer', process.env.PGBOUNCER_BIN ?? '/usr/sbin/pgbouncer', [
  ...(asRoot ? ['-u', 'postgres'] : []),
  path.join(dir, 'pgbouncer.ini'),
]);

const { identity } = await startDemo(path.join(dir, 'demo'), ['--no-postgres']);

const { cwd, env, cmd } = JSON.parse(
  readFileSync(path.join(dir, 'cmd.json'), 'utf8'),
);
const baseUrl = 'http://localhost:7007';
run('backend', cmd[0], cmd.slice(1), {
  cwd,
  env: {
    ...env,
    APP_BASE_URL: baseUrl,
    BACKEND_BASE_URL: baseUrl,
    BACKEND_SECRET: randomBytes(24).toString('base64url'),
    AUTH_SESSION_SECRET: randomBytes(24).toString('base64url'),
    POSTGRES_HOST: 'localhost',
    POSTGRES_PORT: PGBOUNCER_PORT,
    POSTGRES_USER: 'postgres',
    POSTGRES_PASSWORD: 'unused-trust',
    POSTGRES_CA: readFileSync(path.join(tls, 'ca.pem'), 'utf8'),
    REDIS_URL: 'redis://127.0.0.1:6379/9',
    AUTH_OIDC_METADATA_URL: `http://localhost:${identity}/.well-known/openid-configuration`,
    // The demo provider's stand-in client; it opens nothing else.
    AUTH_OIDC_CLIENT_ID: 'rucio-portal-demo',
    AUTH_OIDC_CLIENT_SECRET: 'demo-oidc-secret',
  },
});
