import { expect, test, type Page } from '@playwright/test';
import { enterAsGuest, waitForBackend } from './portal';

// The backend may still be starting after the frontend's first build: the
// hook waits up to 5 minutes for it, past the 3 minutes a test may take.
test.beforeAll(async ({ request }) => {
  test.setTimeout(330_000);
  await waitForBackend(request);
});

/** The figure before `label` in the RSE check's summary, 0 when not named. */
function summaryCount(message: string, label: string): number {
  const found = message.match(new RegExp(`(\\d+) ${label}`));
  return found ? Number(found[1]) : 0;
}

/** The Rucio tab of the demo, once the catalog has read its System. */
async function openDemoTab(page: Page) {
  await page.goto('/rucio');
  const demo = page.getByRole('link', {
    name: 'Demo Rucio environment',
    exact: true,
  });
  await expect(async () => {
    await page.reload();
    await expect(demo).toBeVisible({ timeout: 15_000 });
  }).toPass({ timeout: 150_000 });
  return demo;
}

for (const width of [1280, 1920]) {
  test(`at ${width} px: every environment at a glance, and an RSE table that answers its own summary`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 1000 });
    await enterAsGuest(page);

    // The Rucio page, from the sidebar.
    await page
      .getByRole('link', { name: 'Rucio environments', exact: true })
      .click();
    await expect(page).toHaveURL(/\/rucio$/);
    const demo = await openDemoTab(page);
    const row = page.getByTestId('environment-row').filter({ has: demo });
    // The demo has checks not OK (its hermes daemon is stale), each a chip
    // with its message; its owner is the System's.
    await expect(row.getByTestId('problem-daemons')).toContainText('hermes');
    await expect(
      row.getByRole('cell').last().getByRole('link'),
    ).toHaveAttribute('href', '/catalog/default/group/data-management');
    // The page fits the window: messages wrap, no column is pushed out.
    const overflow = await page
      .getByRole('table', { name: 'Rucio environments' })
      .evaluate(el => el.scrollWidth - el.parentElement!.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // The guest is in data-management (examples/org.yaml): "Owned by me"
    // keeps the demo and leaves the Flux one (site-admins'), in the URL.
    const owned = page.getByTestId('filter-owned');
    await expect(owned).toHaveText('Owned by me (1)');
    await owned.click();
    await expect(page).toHaveURL(/\/rucio\?owned=me$/);
    await expect(page.getByTestId('environment-row')).toHaveCount(1);
    await expect(row).toBeVisible();
    await page.screenshot({
      path: `results/screenshots/rucio-page-${width}.png`,
    });
    await page.getByTestId('filter-owned').click();

    // Its tab; the RSE table's state chips count what the summary says.
    await demo.click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/system\/rucio-demo\/rucio$/,
    );
    // Each check over the last 7 days, an hour a cell: the demo's made-up
    // week (packages/backend/src/modules/demoHistory) has the server down
    // for an hour two nights ago.
    const serverHours = page
      .getByTestId('rucio-check-server')
      .getByTestId('week-hour');
    await expect(async () => {
      await page.reload();
      await expect(serverHours.first()).toBeAttached({ timeout: 15_000 });
      expect(await serverHours.count()).toBeGreaterThanOrEqual(7 * 24 - 1);
    }).toPass({ timeout: 120_000 });
    await expect(
      serverHours.filter({ hasText: /· error ·/ }).first(),
    ).toBeAttached();
    // The transfer links table fits its card: no column out of sight.
    const links = page.getByRole('table', { name: 'Transfer links' });
    await expect(links).toBeVisible();
    expect(
      await links.evaluate(
        el => el.scrollWidth - el.parentElement!.clientWidth,
      ),
    ).toBeLessThanOrEqual(0);
    const message = await page.getByTestId('rucio-rses-message').textContent();
    const belowMin = summaryCount(message!, 'below MinFreeSpace');
    const unavailable = summaryCount(
      message!,
      'not available for read or write',
    );
    expect(belowMin).toBeGreaterThan(0);
    expect(unavailable).toBeGreaterThan(0);
    await expect(
      page.getByTestId('rse-filter-below-min-free-space'),
    ).toHaveText(`below MinFreeSpace (${belowMin})`);
    await expect(page.getByTestId('rse-filter-not-available')).toHaveText(
      `not available for read or write (${unavailable})`,
    );
    await page.getByTestId('rse-filter-not-available').click();
    await expect(page.getByTestId('rse-row')).toHaveCount(unavailable);
    await expect(page).toHaveURL(/rseStatus=not-available/);

    // Sorted by free space, largest first; kept over a reload.
    const free = page.getByRole('button', { name: 'Free', exact: true });
    await free.click();
    await free.click();
    await expect(page).toHaveURL(/rseSort=free&rseOrder=desc/);
    await page.reload();
    await expect(page.getByTestId('rse-row')).toHaveCount(unavailable);
    await expect(
      page.getByRole('button', { name: 'Free', exact: true }),
    ).toHaveClass(/MuiTableSortLabel-active/);

    // The key columns (name to free space) fit the card without scrolling.
    const table = page.getByRole('table', { name: 'RSEs', exact: true });
    const card = page.locator('#rucio-rses');
    const freeRight = await page
      .getByRole('columnheader', { name: 'Free', exact: true })
      .evaluate(el => el.getBoundingClientRect().right);
    const cardRight = await card.evaluate(
      el => el.getBoundingClientRect().right,
    );
    expect(freeRight).toBeLessThanOrEqual(cardRight);
    await table.scrollIntoViewIfNeeded();
    await card.screenshot({
      path: `results/screenshots/rse-table-${width}.png`,
    });

    // An RSE's name leads to its page, where the RSE card comes first: its
    // state (closed for reads or writes), links to the WebUI and the FTS3
    // monitor, and its links with other RSEs, each to its page.
    const first = page.getByTestId('rse-row').first().getByRole('link');
    const name = await first.textContent();
    await first.click();
    await expect(page).toHaveURL(/\/catalog\/default\/resource\/demo-/);
    const rseCard = page.getByText(`RSE ${name}`, { exact: true }).first();
    // The provider adds the RSEs on its schedule, shortly after start.
    await expect(async () => {
      await page.reload();
      await expect(rseCard).toBeVisible({ timeout: 10_000 });
    }).toPass({ timeout: 150_000 });
    const state = page.getByRole('list', { name: 'RSE state' });
    await expect(state).toContainText(/closed for (reads|writes)/);
    await expect(
      page.getByRole('link', { name: /^Rucio WebUI/ }).first(),
    ).toHaveAttribute('href', `https://localhost:7105/rse/${name}`);
    await expect(
      page.getByRole('link', { name: /^FTS3 monitor/ }),
    ).toBeVisible();
    await expect(page.getByTestId('rse-stuck-locks')).toBeVisible();
    // Its space over time, with the days to MinFreeSpace when it has one.
    await expect(page.getByTestId('rse-space-forecast')).toHaveText(
      /^(Below MinFreeSpace|No MinFreeSpace limit)/,
    );
    const relations = page.getByText('Relations', { exact: true }).first();
    const [cardTop, relationsTop] = await Promise.all([
      rseCard.evaluate(el => el.getBoundingClientRect().top),
      relations.evaluate(el => el.getBoundingClientRect().top),
    ]);
    expect(cardTop).toBeLessThan(relationsTop);

    // The RSE due to reach MinFreeSpace within the week (the made-up past
    // drains it to its limit in 4 days): its row, its page, its chart.
    await page.goBack();
    await page.goto(
      '/catalog/default/system/rucio-demo/rucio?rseStatus=below-min-free-space-soon',
    );
    const dueRow = page.getByTestId('rse-row').first();
    await expect(async () => {
      await page.reload();
      await expect(dueRow).toBeVisible({ timeout: 10_000 });
    }).toPass({ timeout: 150_000 });
    await expect(page.getByTestId('rse-row')).toHaveCount(1);
    await expect(dueRow.getByTestId('rse-min-free-space-days')).toHaveText(
      /^[3-5](\.\d)? d$/,
    );
    const dueName = await dueRow.getByRole('link').textContent();
    await dueRow.getByRole('link').click();
    await expect(page.getByTestId('rse-space-forecast')).toHaveText(
      /^Below MinFreeSpace in [3-5](\.\d)? days/,
    );
    const chart = page.getByRole('img', { name: `Space of ${dueName}` });
    await expect(chart.locator('.recharts-line')).not.toHaveCount(0);
    await page.getByRole('button', { name: '90 days, daily' }).click();
    await expect(chart.locator('.recharts-line')).not.toHaveCount(0);
    await page.getByRole('button', { name: '7 days, hourly' }).click();
    await chart.scrollIntoViewIfNeeded();
    await page.screenshot({
      path: `results/screenshots/rse-page-${width}.png`,
      fullPage: true,
    });
  });
}
