// The portal as deployed (the app built for production and served by the
// backend, beside the demo) and a real Chromium signed in as guest: shared by
// the benchmarks that measure what a user sees.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { parse, stringify } from 'yaml';

export const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);

/** The demo environment as app-config.yaml configures it. */
export function demoEnvironment() {
  const appConfig = parse(
    readFileSync(path.join(root, 'app-config.yaml'), 'utf8'),
  );
  return appConfig.rucio.environments.find(e => e.name === 'demo');
}

export async function poll(what, fn, timeoutMs = 900_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if (await fn()) return;
    } catch {
      // not up yet
    }
    await new Promise(r => setTimeout(r, 2000));
  }
  throw new Error(`${what} not ready in ${timeoutMs / 1000} s`);
}

export const median = xs =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Starts the demo and the portal with `rucio` replacing the config's; with
 * `dev` the development server instead of the production build. Returns the
 * origin and `stop()`.
 */
export async function startPortal({ name, rucio, env = {}, dev = false }) {
  mkdirSync(path.join(root, 'results'), { recursive: true });
  const override = path.join(root, 'results', `bench-${name}.yaml`);
  const origin = dev ? 'http://localhost:3000' : 'http://localhost:7007';
  writeFileSync(
    override,
    stringify({ ...(dev ? {} : { app: { baseUrl: origin } }), rucio }),
  );
  const configArgs = [
    '--config',
    path.join(root, 'app-config.yaml'),
    '--config',
    override,
  ];
  const childEnv = { ...process.env, ...env };
  const groups = [];
  const start = (command, args) => {
    const child = spawn(command, args, {
      cwd: root,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    child.stdout.resume();
    groups.push(child.pid);
    return child;
  };
  /** SIGTERM, then SIGKILL what has not shut down within 15 s. */
  const stop = async () => {
    const alive = pid => {
      try {
        process.kill(-pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (const pid of groups) if (alive(pid)) process.kill(-pid, 'SIGTERM');
    const end = Date.now() + 15_000;
    while (groups.some(alive) && Date.now() < end) {
      await new Promise(r => setTimeout(r, 500));
    }
    for (const pid of groups) if (alive(pid)) process.kill(-pid, 'SIGKILL');
  };
  if (dev) {
    start('node', ['scripts/start.mjs', ...configArgs]);
  } else {
    const build = spawnSync(
      'yarn',
      ['workspace', 'app', 'build', ...configArgs],
      { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    if (build.status !== 0) throw new Error('the app did not build');
    const demo = start('node', ['packages/rucio-demo/src/cli.ts']);
    await new Promise(resolve => {
      let text = '';
      demo.stdout.on('data', c => {
        text += c;
        if (text.includes('rucio-demo ready')) resolve();
      });
    });
    start('yarn', ['workspace', 'backend', 'start', ...configArgs]);
  }
  await poll('frontend', async () => (await fetch(origin)).ok).catch(
    async error => {
      await stop();
      throw error;
    },
  );
  return { origin, stop };
}

/** Chromium with one page, signed in as guest. */
export async function signedInPage(origin) {
  const browser = await chromium.launchPersistentContext(
    mkdtempSync(path.join(os.tmpdir(), 'bench-chromium-')),
    {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      baseURL: origin,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  );
  const page = await browser.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.getByRole('link', { name: 'Catalog', exact: true }).waitFor();
  return { browser, page };
}
