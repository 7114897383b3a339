// Starts the portal for development: the demo Rucio environment first (its CA
// file and ports must exist before the backend reads its config), then the
// frontend on :3000 and the backend on :7007. Children share this process
// group, so whoever stops the group (Ctrl-C, Playwright's teardown) stops all.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const children = [];
let stopping = false;

function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 1500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

function run(name, command, args, options = {}) {
  const child = spawn(command, args, {
    cwd: root,
    stdio: options.stdio ?? 'inherit',
    env: { ...process.env, ...options.env },
  });
  child.on('exit', code => {
    if (!stopping) {
      console.error(`[portal] ${name} exited with code ${code}; stopping`);
      stop(code || 1);
    }
  });
  children.push(child);
  return child;
}

const demo = run('rucio-demo', 'node', ['packages/rucio-demo/src/cli.ts'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise(resolve => {
  let buffer = '';
  demo.stdout.on('data', chunk => {
    process.stdout.write(chunk);
    buffer += chunk;
    if (buffer.includes('rucio-demo ready')) resolve();
  });
});

run(
  'portal',
  'yarn',
  ['backstage-cli', 'repo', 'start', ...process.argv.slice(2)],
  {
    env: {
      BROWSER: 'none',
      AUTH_SESSION_SECRET:
        process.env.AUTH_SESSION_SECRET ??
        randomBytes(24).toString('base64url'),
    },
  },
);
