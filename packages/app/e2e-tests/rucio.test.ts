import { expect, test, type Page } from '@playwright/test';

/** Signs in as guest and waits until the app is behind the sign-in page. */
async function enterAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  // Navigating before the sign-in has settled lands on the sign-in page again.
  await expect(
    page.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

test.beforeAll(async ({ request }) => {
  // The frontend can be up before the backend listens: a refused connection
  // is "not yet", not a failure (a throwing callback ends the poll at once).
  await expect
    .poll(
      async () =>
        request
          .get('http://localhost:7007/.backstage/health/v1/readiness')
          .then(
            r => r.status(),
            () => 0,
          ),
      { timeout: 300_000, intervals: [1000] },
    )
    .toBe(200);
});

test('guest signs in and sees the Rucio tab of the demo environment', async ({
  page,
}) => {
  await enterAsGuest(page);

  // The catalog reads examples/ shortly after start; reload until it has.
  const rucioTab = page.getByRole('link', { name: 'Rucio', exact: true });
  await expect(async () => {
    await page.goto('/catalog/default/system/rucio-demo');
    await expect(rucioTab).toBeVisible({ timeout: 15_000 });
  }).toPass({ timeout: 150_000 });

  await rucioTab.click();
  await expect(page).toHaveURL(/\/catalog\/default\/system\/rucio-demo\/rucio/);
  // Every card shows data collected from the demo environment.
  await expect(page.getByText('Demo Rucio environment').first()).toBeVisible();
  await expect(page.getByTestId('rucio-check-server')).toContainText(
    'authenticated as root',
  );
  await expect(page.getByTestId('rucio-check-daemons')).toContainText('hermes');
  await expect(page.getByTestId('rse-row').first()).toBeVisible();
  await expect(page.getByText('GitOps sync').first()).toBeVisible();
  await expect(page.getByText('rucio-daemons').first()).toBeVisible();
  await expect(page.getByText('localhost:7444').first()).toBeVisible();
  await expect(page.getByText(/Version 3\.13\.4/).first()).toBeVisible();
  await expect(page.getByText(/PostgreSQL 18/).first()).toBeVisible();

  await page.screenshot({
    path: 'results/screenshots/rucio-tab.png',
    fullPage: true,
  });
});

test('the demo environment also shows its workloads in the Kubernetes tab', async ({
  page,
}) => {
  await enterAsGuest(page);
  await page.goto('/catalog/default/system/rucio-demo/kubernetes');
  await expect(page.getByText('Demo cluster').first()).toBeVisible();
  await expect(page.getByText(/daemons-hermes/).first()).toBeVisible();
  await page.screenshot({
    path: 'results/screenshots/kubernetes-tab.png',
    fullPage: true,
  });
});

test('a non-owner sees no Reconcile button, and a direct sync is refused with 403', async ({
  page,
  request,
}) => {
  await enterAsGuest(page);
  // The guest owns demo (data-management): its Sync buttons are there.
  await page.goto('/catalog/default/system/rucio-demo/rucio');
  await expect(
    page.getByRole('button', { name: 'Sync now' }).first(),
  ).toBeVisible();
  // demo-flux belongs to site-admins; the guest is in data-management.
  await page.goto('/catalog/default/system/rucio-demo-flux/rucio');
  await expect(page.getByText('GitOps sync').first()).toBeVisible();
  await expect(page.getByText('rucio-demo-flux').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reconcile' })).toHaveCount(0);

  const { backstageIdentity } = await (
    await request.get('http://localhost:7007/api/auth/guest/refresh', {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    })
  ).json();
  const refused = await request.post(
    'http://localhost:7007/api/rucio/environments/demo-flux/sync',
    {
      headers: { Authorization: `Bearer ${backstageIdentity.token}` },
      data: { kind: 'Kustomization', name: 'rucio-demo-flux' },
    },
  );
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toContain('rucio.gitops.sync');
});
