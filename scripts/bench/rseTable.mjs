// Run by scripts/bench.mjs: the portal with a 10,000-RSE demo in real
// Chromium. Prints one JSON line with the measured times.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { parse, stringify } from 'yaml';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const RSES = Number(process.env.BENCH_TABLE_RSES ?? 10000);
const FILTERS = ['PRAGUE', 'DESY', 'CERN', 'TRIUMF', 'BNL'];
// How long one open Rucio tab is watched for the requests it sends.
const TAB_SECONDS = Number(process.env.BENCH_TAB_SECONDS ?? 300);

// Only the demo environment, with timeouts long enough for 10,000 RSEs × 4
// requests (the RSE check may take 6 × the check timeout).
const appConfig = parse(
  readFileSync(path.join(root, 'app-config.yaml'), 'utf8'),
);
const demoEnv = appConfig.rucio.environments.find(e => e.name === 'demo');
mkdirSync(path.join(root, 'results'), { recursive: true });
const override = path.join(root, 'results', 'bench-table.yaml');
// As deployed: the app built for production and served by the backend.
// BENCH_TABLE_DEV=1 measures the development server instead.
const DEV = process.env.BENCH_TABLE_DEV === '1';
const ORIGIN = DEV ? 'http://localhost:3000' : 'http://localhost:7007';
writeFileSync(
  override,
  stringify({
    ...(DEV ? {} : { app: { baseUrl: ORIGIN } }),
    rucio: {
      environments: [
        {
          ...demoEnv,
          // The default interval: the open tab should read once per collection.
          schedule: { intervalSeconds: 60, checkTimeoutSeconds: 100 },
        },
      ],
    },
  }),
);
const configArgs = [
  '--config',
  path.join(root, 'app-config.yaml'),
  '--config',
  override,
];
const env = { ...process.env, RUCIO_DEMO_RSES: String(RSES) };
const groups = [];
function start(command, args) {
  const child = spawn(command, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  child.stdout.resume();
  groups.push(child.pid);
  return child;
}
if (DEV) {
  start('node', ['scripts/start.mjs', ...configArgs]);
} else {
  const build = spawnSync(
    'yarn',
    ['workspace', 'app', 'build', ...configArgs],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
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
/** SIGTERM, then SIGKILL what has not shut down within 15 s. */
async function stop() {
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
}

async function poll(what, fn, timeoutMs = 900_000) {
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

const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let page;
try {
  await poll('frontend', async () => (await fetch(ORIGIN)).ok);
  let token;
  await poll('collection of the demo RSEs', async () => {
    token ??= (
      await (
        await fetch(
          'http://localhost:7007/api/auth/guest/refresh?env=development',
          { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
        )
      ).json()
    ).backstageIdentity.token;
    const r = await fetch(
      'http://localhost:7007/api/rucio/environments/demo/rses?limit=1',
      { headers: { authorization: `Bearer ${token}` } },
    );
    return r.ok && (await r.json()).total === RSES;
  });

  const browser = await chromium.launchPersistentContext(
    mkdtempSync(path.join(os.tmpdir(), 'bench-chromium-')),
    {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      baseURL: ORIGIN,
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
  page = await browser.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.getByRole('link', { name: 'Catalog', exact: true }).waitFor();
  const rucioTab = page.getByRole('link', { name: 'Rucio', exact: true });
  await poll('the demo System in the catalog', async () => {
    await page.goto('/catalog/default/system/rucio-demo/rucio');
    await page.getByTestId('rse-row').first().waitFor({ timeout: 20_000 });
    return true;
  });

  // Opening the tab: click → first RSE rows drawn (data fetched and rendered).
  const firstRender = [];
  for (let i = 0; i < 9; i++) {
    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    await page.getByTestId('rse-row').first().waitFor({ state: 'detached' });
    const t = performance.now();
    await rucioTab.click();
    await page.getByTestId('rse-row').first().waitFor();
    firstRender.push(performance.now() - t);
  }

  // Filtering: from the last key of a filter to the filtered rows drawn (the
  // table waits 250 ms for typing to pause, then asks the backend). The
  // reference is that pause plus the same request made from the page.
  const input = page.getByRole('textbox', { name: 'Filter RSEs' });
  const filtered = [];
  const roundTrips = [];
  for (const filter of FILTERS) {
    await input.fill('');
    await page.getByTestId('rse-row').first().waitFor();
    await input.click();
    await page.keyboard.type(filter.slice(0, -1));
    const t = performance.now();
    await page.keyboard.type(filter.slice(-1));
    await page.waitForFunction(text => {
      const rows = [...document.querySelectorAll('[data-testid="rse-row"]')];
      return rows.length > 0 && rows.every(r => r.textContent.includes(text));
    }, filter);
    filtered.push(performance.now() - t);
    roundTrips.push(
      await page.evaluate(
        async ({ q, bearer }) => {
          const start = performance.now();
          const r = await fetch(
            `http://localhost:7007/api/rucio/environments/demo/rses?q=${q}&offset=0&limit=25&sort=name&order=asc`,
            { headers: { authorization: `Bearer ${bearer}` } },
          );
          await r.json();
          return performance.now() - start;
        },
        { q: filter.toLowerCase(), bearer: token },
      ),
    );
  }

  // One open Rucio tab for TAB_SECONDS: the requests it sends to the Rucio
  // backend, and the signals it received (one per stored collection).
  await input.fill('');
  const requests = [];
  const signals = [];
  page.on('request', r => {
    if (new URL(r.url()).pathname.startsWith('/api/rucio/')) {
      requests.push(performance.now());
    }
  });
  page.on('websocket', ws =>
    ws.on('framereceived', frame => {
      if (String(frame.payload).includes('rucio:environment:demo')) {
        signals.push(performance.now());
      }
    }),
  );
  await page.reload();
  await page.getByTestId('rse-row').first().waitFor();
  const watchStart = performance.now();
  await page.waitForTimeout(TAB_SECONDS * 1000);
  const watched = requests.filter(t => t >= watchStart);
  // A request "follows a collection" when a signal came within 5 s before it.
  const unprompted = watched.filter(
    t => !signals.some(s => s <= t && t - s <= 5000),
  ).length;
  await browser.close();
  console.log(
    JSON.stringify({
      rses: RSES,
      build: DEV ? 'development server' : 'production build',
      firstRenderMs: median(firstRender),
      filteredMs: median(filtered),
      filteredMaxMs: Math.max(...filtered),
      roundTripMs: median(roundTrips),
      tabSeconds: TAB_SECONDS,
      tabRequests: watched.length,
      tabSignals: signals.filter(t => t >= watchStart).length,
      tabUnprompted: unprompted,
    }),
  );
} catch (error) {
  // What the page showed when it went wrong.
  await page
    ?.screenshot({
      path: path.join(root, 'results', 'bench-table-failure.png'),
    })
    .catch(() => {});
  throw error;
} finally {
  await stop();
}
process.exit(0);
