// Starts the portal for development: the demo Rucio environment first (its CA
// file and ports must exist before the backend reads its config), then the
// frontend on :3000 and the backend on :7007. Children share this process
// group, so whoever stops the group (Ctrl-C, Playwright's teardown) stops all.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { processGroup } from './lib/processGroup.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { run, lineOf } = processGroup('portal');

const demo = run('rucio-demo', 'node', ['packages/rucio-demo/src/cli.ts'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
await lineOf(demo, 'rucio-demo ready');

run(
  'portal',
  'yarn',
  ['backstage-cli', 'repo', 'start', ...process.argv.slice(2)],
  {
    cwd: root,
    env: {
      BROWSER: 'none',
      AUTH_SESSION_SECRET:
        process.env.AUTH_SESSION_SECRET ??
        randomBytes(24).toString('base64url'),
    },
  },
);
