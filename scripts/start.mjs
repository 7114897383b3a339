// Starts the portal for development: frontend on :3000, backend on :7007.
// Children run in their own process group so that Ctrl-C stops all of them.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const children = [];

function run(name, command, args, env = {}) {
  const child = spawn(command, args, {
    cwd: root,
    stdio: 'inherit',
    detached: true,
    env: { ...process.env, ...env },
  });
  child.on('exit', code => {
    if (!stopping) {
      console.error(`[portal] ${name} exited with code ${code}; stopping`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  setTimeout(() => process.exit(code), 1500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

run(
  'portal',
  'yarn',
  ['backstage-cli', 'repo', 'start', ...process.argv.slice(2)],
  {
    BROWSER: 'none',
  },
);
