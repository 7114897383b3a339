// Long-running children of a start script (the demo, a portal): when one
// exits on its own, or this process is asked to stop, all are stopped.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);

export function processGroup(prefix) {
  const children = [];
  let stopping = false;

  function stop(code = 0) {
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
    setTimeout(() => process.exit(code), 1500).unref();
  }
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  // A failing start script leaves nothing running behind it.
  process.on('uncaughtException', error => {
    console.error(error);
    stop(1);
  });

  function run(name, command, args, options = {}) {
    const child = spawn(command, args, {
      stdio: 'inherit',
      ...options,
      env: { ...process.env, ...options.env },
    });
    child.on('exit', code => {
      if (!stopping) {
        console.error(`[${prefix}] ${name} exited with code ${code}; stopping`);
        stop(code || 1);
      }
    });
    children.push(child);
    return child;
  }

  /** Resolves with the first line of the child's stdout that contains `text`. */
  function lineOf(child, text) {
    return new Promise(resolve => {
      let buffer = '';
      child.stdout.on('data', chunk => {
        process.stdout.write(chunk);
        buffer += chunk;
        const line = buffer.split('\n').find(l => l.includes(text));
        if (line) resolve(line);
      });
    });
  }

  /**
   * The demo environment on free ports, its data in `dataDir`, with the
   * command line's other `options`; resolves with its ports once it is ready.
   */
  async function startDemo(dataDir, options = []) {
    const demo = run(
      'rucio-demo',
      'node',
      [
        'packages/rucio-demo/src/cli.ts',
        '--ports',
        'any',
        '--data-dir',
        dataDir,
        ...options,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const ready = await lineOf(demo, 'rucio-demo ready');
    return Object.fromEntries(
      [...ready.matchAll(/(\w+)=(\d+)/g)].map(([, name, port]) => [name, port]),
    );
  }

  return { run, stop, lineOf, startDemo };
}
