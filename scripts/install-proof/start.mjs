// Proof of installation, part two: the demo environment on free ports, then
// the fresh portal that prepare.mjs made (`yarn start`: frontend on :3300,
// backend on :7300, so it runs beside ./portal start). Playwright's webServer
// runs this; stopping it stops both.
//
//   node scripts/install-proof/start.mjs <dir>
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { processGroup } from '../lib/processGroup.mjs';
import { workDir } from '../lib/steps.mjs';

const dir = workDir('rucio-install-proof', 'INSTALL_PROOF_DIR');
const portal = path.join(dir, 'portal');
const { run, startDemo } = processGroup('install-proof');

const ports = await startDemo(path.join(dir, 'demo'), ['--no-identity']);

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
