import { expect, test } from '@playwright/test';

test.beforeAll(async ({ request }) => {
  await expect
    .poll(
      async () =>
        (
          await request.get(
            'http://localhost:7007/.backstage/health/v1/readiness',
          )
        ).status(),
      { timeout: 300_000, intervals: [1000] },
    )
    .toBe(200);
});

test('guest signs in and sees the Rucio tab of the demo environment', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();

  // The catalog reads examples/ shortly after start; reload until it has.
  const rucioTab = page.getByRole('tab', { name: 'Rucio' });
  await expect(async () => {
    await page.goto('/catalog/default/system/rucio-demo');
    await expect(rucioTab).toBeVisible({ timeout: 15_000 });
  }).toPass({ timeout: 150_000 });

  await rucioTab.click();
  await expect(page).toHaveURL(/\/catalog\/default\/system\/rucio-demo\/rucio/);
  await expect(page.getByTestId('rucio-environment-name')).toHaveText('demo');
  await expect(page.getByText('Rucio backend reachable')).toBeVisible();

  await page.screenshot({
    path: 'results/screenshots/rucio-tab.png',
    fullPage: true,
  });
});
