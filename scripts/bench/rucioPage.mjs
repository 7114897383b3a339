// Run by scripts/bench.mjs: the Rucio page with 50 environments in real
// Chromium. Prints one JSON line with the measured times.
import path from 'node:path';
import { guestToken } from './backend.mjs';
import {
  demoEnvironment,
  median,
  poll,
  root,
  signedInPage,
  startPortal,
} from './portalInChromium.mjs';

const ENVS = Number(process.env.BENCH_PAGE_ENVS ?? 50);
const demo = demoEnvironment();
// Every environment watches the demo (a small one: the page, not the
// collections, is measured), each under its own name and title.
const environments = Array.from({ length: ENVS }, (_, i) => ({
  ...demo,
  name: `env-${String(i + 1).padStart(2, '0')}`,
  title: `Environment ${i + 1}`,
  schedule: { intervalSeconds: 600, checkTimeoutSeconds: 60 },
}));
const { origin, stop } = await startPortal({
  name: 'page',
  env: { RUCIO_DEMO_RSES: '20' },
  rucio: { environments },
});

let page;
try {
  const token = await guestToken(7007);
  const list = async () =>
    (
      await (
        await fetch('http://localhost:7007/api/rucio/environments', {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()
    ).items;
  await poll(`the first collection of ${ENVS} environments`, async () => {
    const items = await list();
    return items.length === ENVS && items.every(e => e.collectedAt);
  });
  const statuses = (await list()).map(e => e.status);

  const signedIn = await signedInPage(origin);
  page = signedIn.page;
  const rows = page.getByTestId('environment-row');
  const allRowsDrawn = () =>
    page.waitForFunction(
      n =>
        document.querySelectorAll('[data-testid="environment-row"]').length ===
        n,
      ENVS,
    );
  const sidebar = page.getByRole('link', {
    name: 'Rucio environments',
    exact: true,
  });

  // First render: the sidebar's Rucio item clicked → every row drawn. The
  // reference is the list request the page sends, made from the page.
  const firstRender = [];
  const roundTrips = [];
  for (let i = 0; i < 9; i++) {
    await page.getByRole('link', { name: 'Catalog', exact: true }).click();
    await rows.first().waitFor({ state: 'detached' });
    const t = performance.now();
    await sidebar.click();
    await allRowsDrawn();
    firstRender.push(performance.now() - t);
    roundTrips.push(
      await page.evaluate(async bearer => {
        const start = performance.now();
        const r = await fetch('/api/rucio/environments', {
          headers: { authorization: `Bearer ${bearer}` },
        });
        await r.json();
        return performance.now() - start;
      }, token),
    );
  }

  // Filter: a status chip clicked → the rows of that status drawn; cleared
  // again by a second click. The filter runs in the page, with no request;
  // the reference is the same click-and-wait on the page's heading, which
  // changes nothing: what Playwright's click and a frame cost by themselves.
  const status = statuses[0];
  const matching = statuses.filter(s => s === status).length;
  const chip = page.getByTestId(`filter-${status}`);
  const heading = page
    .getByRole('heading', {
      name: 'Rucio environments',
      level: 1,
    })
    .last();
  const filtered = [];
  const clicks = [];
  for (let i = 0; i < 9; i++) {
    let t = performance.now();
    await chip.click();
    await page.waitForFunction(
      n =>
        document.querySelectorAll('[data-testid="environment-row"]').length ===
          n && /status=/.test(location.search),
      matching,
    );
    filtered.push(performance.now() - t);
    await chip.click();
    await page.waitForFunction(() => !/status=/.test(location.search));
    t = performance.now();
    await heading.click();
    await allRowsDrawn();
    clicks.push(performance.now() - t);
  }
  await signedIn.browser.close();
  console.log(
    JSON.stringify({
      environments: ENVS,
      status,
      matching,
      firstRenderMs: median(firstRender),
      roundTripMs: median(roundTrips),
      filteredMs: median(filtered),
      clickMs: median(clicks),
    }),
  );
} catch (error) {
  await page
    ?.screenshot({ path: path.join(root, 'results', 'bench-page-failure.png') })
    .catch(() => {});
  throw error;
} finally {
  await stop();
}
process.exit(0);
