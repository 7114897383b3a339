import { expect, test } from '@playwright/test';

// A portal made by @backstage/create-app with the packed plugins, wired as
// their READMEs say (prepare.mjs), against the demo environment (start.mjs).
const backend = 'http://localhost:7300';

test.beforeAll(async ({ request }) => {
  // The frontend can be up before the backend listens.
  await expect
    .poll(
      async () =>
        request.get(`${backend}/.backstage/health/v1/readiness`).then(
          r => r.status(),
          () => 0,
        ),
      { timeout: 300_000, intervals: [1000] },
    )
    .toBe(200);
});

test('the fresh portal shows the Rucio tab, the templates and the health route', async ({
  page,
  request,
}) => {
  await page.goto('/');
  // create-app's sign-in page offers the guest.
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('link', { name: 'Catalog', exact: true }).first(),
  ).toBeVisible();

  // The frontend calls the backend with the user's token; the health route
  // answers the same token.
  const rucioCall = page.waitForRequest(r => r.url().includes('/api/rucio/'));
  const rucioTab = page.getByRole('link', { name: 'Rucio', exact: true });
  await expect(async () => {
    await page.goto('/catalog/default/system/rucio-demo');
    await expect(rucioTab).toBeVisible({ timeout: 15_000 });
  }).toPass({ timeout: 180_000 });
  await rucioTab.click();
  await expect(page.getByTestId('rucio-check-server')).toContainText(
    'authenticated as root',
  );
  await expect(page.getByTestId('rse-row').first()).toBeVisible();
  const differences = page.getByRole('table', { name: 'Differences' });
  await expect(differences).toContainText('Limit MinFreeSpace');

  const authorization = (await rucioCall).headers().authorization;
  expect(authorization).toMatch(/^Bearer /);
  const health = await request.get(`${backend}/api/rucio/health`, {
    headers: { authorization },
  });
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok', environments: 1 });

  await page.goto('/create');
  await expect(
    page.getByText('Rucio environment', { exact: true }),
  ).toBeVisible();
  await expect(page.getByText('Change a Rucio environment')).toBeVisible();
  await expect(page.getByText('Adopt an existing Rucio')).toBeVisible();
});
