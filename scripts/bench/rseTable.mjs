// Run by scripts/bench.mjs: the portal with a 10,000-RSE demo in real
// Chromium. Prints one JSON line with the measured times.
import { guestToken } from './backend.mjs';
import {
  demoEnvironment,
  median,
  poll,
  root,
  signedInPage,
  startPortal,
} from './portalInChromium.mjs';
import path from 'node:path';

const RSES = Number(process.env.BENCH_TABLE_RSES ?? 10000);
const FILTERS = ['PRAGUE', 'DESY', 'CERN', 'TRIUMF', 'BNL'];
// How long one open Rucio tab is watched for the requests it sends.
const TAB_SECONDS = Number(process.env.BENCH_TAB_SECONDS ?? 300);
// As deployed: the app built for production and served by the backend.
// BENCH_TABLE_DEV=1 measures the development server instead.
const DEV = process.env.BENCH_TABLE_DEV === '1';

// Only the demo environment, with timeouts long enough for 10,000 RSEs × 4
// requests (the RSE check may take 6 × the check timeout).
const { origin, stop } = await startPortal({
  name: 'table',
  dev: DEV,
  env: { RUCIO_DEMO_RSES: String(RSES) },
  rucio: {
    environments: [
      {
        ...demoEnvironment(),
        // The default interval: the open tab should read once per collection.
        schedule: { intervalSeconds: 60, checkTimeoutSeconds: 100 },
      },
    ],
  },
});

let page;
try {
  let token;
  await poll('collection of the demo RSEs', async () => {
    token ??= await guestToken(7007);
    const r = await fetch(
      'http://localhost:7007/api/rucio/environments/demo/rses?limit=1',
      { headers: { authorization: `Bearer ${token}` } },
    );
    return r.ok && (await r.json()).total === RSES;
  });

  const signedIn = await signedInPage(origin);
  const browser = signedIn.browser;
  page = signedIn.page;
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
