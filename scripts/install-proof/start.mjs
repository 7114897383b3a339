// Proof of installation, part two: the demo environment on free ports, then
// the fresh portal that prepare.mjs made (`yarn start`: frontend on :3300,
// backend on :7300, so it runs beside ./portal start). Playwright's webServer
// runs this; stopping it stops both.
//
//   node scripts/install-proof/start.mjs <dir>
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { processGroup } from '../lib/processGroup.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const dir = path.resolve(
  process.argv[2] ??
    process.env.INSTALL_PROOF_DIR ??
    path.join(os.tmpdir(), 'rucio-install-proof'),
);
const portal = path.join(dir, 'portal');
const { run, lineOf } = processGroup('install-proof');

const demo = run(
  'rucio-demo',
  'node',
  [
    'packages/rucio-demo/src/cli.ts',
    '--ports',
    'any',
    '--no-identity',
    '--data-dir',
    path.join(dir, 'demo'),
  ],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
);
const ready = await lineOf(demo, 'rucio-demo ready');
const ports = Object.fromEntries(
  [...ready.matchAll(/(\w+)=(\d+)/g)].map(([, name, port]) => [name, port]),
);

// Catalog files get no ${…} substitution: the System names the port itself.
writeFileSync(
  path.join(portal, 'rucio-demo.yaml'),
  readFileSync(path.join(portal, 'rucio-demo.yaml.in'), 'utf8').replaceAll(
    '${RUCIO_DEMO_REPOSITORY_PORT}',
    ports.repository,
  ),
);

run('portal', 'yarn', ['start'], {
  cwd: portal,
  env: {
    BROWSER: 'none',
    PROOF_APP_PORT: '3300',
    PROOF_BACKEND_PORT: '7300',
    RUCIO_DEMO_RUCIO_PORT: ports.rucio,
    RUCIO_DEMO_AUTH_PORT: ports.auth,
    RUCIO_DEMO_FTS_PORT: ports.fts,
    RUCIO_DEMO_REPOSITORY_PORT: ports.repository,
    // The demo's stand-in account; it opens nothing else.
    RUCIO_DEMO_PASSWORD: 'demo-password',
  },
});
