// Helpers of scripts/bench.mjs: a real backend started from the repository's
// config plus one override, its memory, a guest token and an HTTP load.
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const results = path.join(root, 'results');

// A benchmark that fails leaves no backend holding its port for the next run.
const started = new Set();
process.on('exit', () => {
  for (const pid of started) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** `environments`: the YAML of rucio.environments' items, indented. */
export function startBackend(name, port, environments) {
  const config = path.join(results, `bench-${name}.yaml`);
  writeFileSync(
    config,
    `backend:\n  listen: { port: ${port} }\n  baseUrl: http://localhost:${port}\nauth:\n  providers:\n    guest: {}\nrucio:\n  environments:\n${environments}`,
  );
  const child = spawn(
    'yarn',
    [
      'workspace',
      'backend',
      'start',
      '--config',
      '../../app-config.yaml',
      '--config',
      config,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  started.add(child.pid);
  // Line by line, keeping nothing: under load the backend logs every request,
  // and holding or rescanning that output would slow the load generator.
  const listeners = new Set();
  // The whole log, for when a figure looks wrong.
  const log = createWriteStream(path.join(results, `bench-${name}.log`));
  for (const stream of [child.stdout, child.stderr]) {
    stream.pipe(log);
    createInterface({ input: stream }).on('line', line => {
      for (const l of listeners) l(line);
    });
  }
  return {
    child,
    onLine: fn => listeners.add(fn),
    offLine: fn => listeners.delete(fn),
    // Waits until the whole process group has gone, so that the next figure
    // does not share the CPU with a backend still shutting down.
    stop: async () => {
      const alive = () => {
        try {
          process.kill(-child.pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      process.kill(-child.pid, 'SIGTERM');
      const end = Date.now() + 15_000;
      while (alive() && Date.now() < end) {
        await new Promise(r => setTimeout(r, 250));
      }
      if (alive()) process.kill(-child.pid, 'SIGKILL');
    },
  };
}

/** Resident memory of the backend's Node process (the largest in its group). */
export function backendRss(pgid) {
  const out = execFileSync('ps', ['-eo', 'pgid=,rss='], { encoding: 'utf8' });
  return Math.max(
    ...out
      .trim()
      .split('\n')
      .map(l => l.trim().split(/\s+/).map(Number))
      .filter(([g]) => g === pgid)
      .map(([, rss]) => rss * 1024),
  );
}

/** A Backstage token of the guest, for the Rucio routes. */
export async function guestToken(port) {
  const guest = await (
    await fetch(
      `http://localhost:${port}/api/auth/guest/refresh?env=development`,
      {
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
      },
    )
  ).json();
  return guest.backstageIdentity.token;
}

/** Resolves with the first log line matching `pattern`'s match. */
export function waitForLine(backend, pattern, timeoutMs, what) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what} not seen within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    const onLine = line => {
      const m = line.match(pattern);
      if (m) {
        clearTimeout(timer);
        backend.offLine(onLine);
        resolve(m);
      }
    };
    backend.onLine(onLine);
  });
}

/**
 * `clients` connections asking for `path` for `seconds`: throughput,
 * latencies and errors.
 */
export async function httpLoad({ port, path: route, token, clients, seconds }) {
  const pool = new Pool(`http://localhost:${port}`, { connections: clients });
  const latencies = [];
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < end) {
        const t = performance.now();
        try {
          const { statusCode, body } = await pool.request({
            path: route,
            method: 'GET',
            headers: { authorization: `Bearer ${token}` },
          });
          await body.text();
          if (statusCode !== 200) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t);
      }
    }),
  );
  await pool.close();
  latencies.sort((x, y) => x - y);
  const p = q => latencies[Math.floor(latencies.length * q)];
  return {
    rps: latencies.length / seconds,
    p50: p(0.5),
    p99: p(0.99),
    errors,
  };
}
