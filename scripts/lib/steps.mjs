// Synchronous steps of the preparing scripts: a command that fails throws,
// naming itself; each step's duration is kept for the summary line.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

export function runOrThrow(command, args, options = {}) {
  const r = spawnSync(command, args, {
    stdio: 'inherit',
    ...options,
    env: { ...process.env, ...options.env },
  });
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${r.status}`);
  }
}

export function stepTimer() {
  const timings = [];
  return {
    step(label, fn) {
      const start = Date.now();
      console.log(`\n--- ${label}`);
      fn();
      timings.push(`${label} ${Math.round((Date.now() - start) / 1000)} s`);
    },
    summary: () => timings.join(', '),
  };
}

/**
 * The working folder of a check: the script's argument, else the variable
 * `envVar`, else `<temporary folder>/<name>`.
 */
export function workDir(name, envVar) {
  return path.resolve(
    process.argv[2] ?? process.env[envVar] ?? path.join(os.tmpdir(), name),
  );
}
