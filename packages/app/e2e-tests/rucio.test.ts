import { expect, test, type Locator, type Page } from '@playwright/test';
import { enterAsGuest, waitForBackend } from './portal';

// The backend may still be starting after the frontend's first build: the
// hook waits up to 5 minutes for it, past the 3 minutes a test may take.
test.beforeAll(async ({ request }) => {
  test.setTimeout(330_000);
  await waitForBackend(request);
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
  // Data plane: the demo's /requests/metrics links, and rules counted in
  // Rucio 1.31.7's own tables in the demo's PostgreSQL.
  await expect(page.getByTestId('transfer-row').first()).toBeVisible();
  await expect(page.getByTestId('rules-STUCK')).toHaveText('STUCK 6');
  await expect(
    page.getByText(/4 STUCK for more than 24 h · schema fb28a95fe288/),
  ).toBeVisible();
  // Drift: the demo repository (read through the backend's URL reader) and
  // the demo Rucio differ in one RSE's MinFreeSpace, raised in Rucio by hand.
  const differences = page.getByRole('table', { name: 'Differences' });
  await expect(differences).toContainText('Limit MinFreeSpace');
  await expect(differences.getByRole('row')).toHaveCount(2);
  await expect(differences).toContainText('50000000000000');
  // Kubernetes: the demo's pod in CrashLoopBackOff, its PersistentVolumeClaim
  // (first reason it is not recreatable) and its ExternalSecret failing on
  // its Vault key, as ESO reports it.
  await expect(page.getByLabel('Recreatability')).toContainText(
    'Not recreatable from the repositoryPersistentVolumeClaim rucio-webui-cache holds state in the cluster (mounted by webui-rucio-webui).',
  );
  const deployments = page.getByRole('table', { name: 'Rucio Deployments' });
  await expect(deployments).toContainText(
    'daemons-hermes-7d9f8c-0: CrashLoopBackOff',
  );
  await expect(deployments).toContainText('Image tag (repository: 40.1.0)');
  await expect(
    page.getByText(/PersistentVolumeClaim rucio-webui-cache \(1Gi, Bound\)/),
  ).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'ExternalSecrets' }),
  ).toContainText(
    'error processing spec.data[0] (key: kv/rucio/demo/rucio-rse-accounts), err: Secret does not exist',
  );
  await expect(
    page.getByRole('table', { name: 'Secrets', exact: true }),
  ).toContainText('rse-accounts.cfg');

  // At 1280 px (the browser's width here) no word of the tab breaks across
  // lines ("Warnin g", "Health y").
  const broken = await page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(
      document.querySelector('main') ?? document.body,
      NodeFilter.SHOW_TEXT,
    );
    while (walker.nextNode()) {
      const node = walker.currentNode;
      for (const m of (node.textContent ?? '').matchAll(/[A-Za-z]{2,20}/g)) {
        const range = document.createRange();
        range.setStart(node, m.index!);
        range.setEnd(node, m.index! + m[0].length);
        const lines = new Set(
          [...range.getClientRects()].map(r => Math.round(r.top)),
        );
        if (lines.size > 1) found.push(m[0]);
      }
    }
    return found;
  });
  expect(page.viewportSize()?.width).toBe(1280);
  expect(broken).toEqual([]);
  await page.screenshot({
    path: 'results/screenshots/rucio-tab.png',
    fullPage: true,
  });

  // The tab offers the change template (the scaffolder's route, bound by default).
  await page.getByRole('button', { name: 'Change this environment' }).click();
  await expect(page).toHaveURL(
    /\/create\/templates\/default\/rucio-environment-change/,
  );
  await expect(
    page.getByText('Change a Rucio environment').first(),
  ).toBeVisible();
  await expect(page.getByText('Environment repository').first()).toBeVisible();
  // Named, so that the pull request lists where Rucio differs from the repo.
  await expect(page.locator('#root_environment')).toHaveValue('demo');
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

/**
 * Filters the notifications page until `notification` shows. A notification
 * arriving while the page loads redraws the table and empties its filter, so
 * the filter is filled again until then.
 */
async function filterNotifications(
  page: Page,
  filter: string,
  notification: Locator,
) {
  await expect(async () => {
    await page.getByPlaceholder('Filter').fill(filter);
    await expect(notification).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
}

test('the owners of the demo environment find its problems on the notifications page', async ({
  page,
}) => {
  // The guest is in data-management, which owns demo; the collection that
  // stored the snapshot told the group.
  await enterAsGuest(page);
  await page.goto('/notifications');
  // The page shows five a page; the filter finds the one looked for.
  const hermes = page.getByText(
    'Demo Rucio environment: Daemon hermes has no live heartbeat',
  );
  await filterNotifications(page, 'hermes', hermes);
  // A Secret the Rucio pods need does not sync: critical.
  await filterNotifications(
    page,
    'rucio-rse-accounts',
    page.getByText(
      /^Demo Rucio environment: Secret rucio-rse-accounts does not sync; 12 Rucio Deployments need it$/,
    ),
  );
  await filterNotifications(
    page,
    'Certificate',
    page.getByText(
      /Demo Rucio environment: Certificate localhost:7444 expires in \d+(\.\d)? days/,
    ),
  );
  // RSEs in one state are one notification, linking to the RSE table
  // narrowed to that state.
  const reads = page.getByText(
    /^Demo Rucio environment: 2 RSEs closed for reads: \S+, \S+$/,
  );
  await filterNotifications(page, 'closed for reads', reads);
  await reads.click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/system\/rucio-demo\/rucio\?rseStatus=closed-for-reads$/,
  );
  await expect(page.getByTestId('rse-filter-closed-for-reads')).toHaveText(
    'closed for reads (2)',
  );
  await expect(page.getByTestId('rse-row')).toHaveCount(2);

  // Others link to the card that shows them.
  await page.goto('/notifications');
  await filterNotifications(page, 'hermes', hermes);
  await hermes.click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/system\/rucio-demo\/rucio#rucio-daemons$/,
  );
  await expect(page.locator('#rucio-daemons')).toBeInViewport();
});

test('the demo environment is adopted through the template, every RSE declared as Rucio serves it', async ({
  page,
}) => {
  await enterAsGuest(page);
  await page.goto('/create/templates/default/rucio-environment-adopt');
  await expect(page.getByText('Environment the portal watches')).toBeVisible();

  // The template's dry run (what the template editor runs), as the guest.
  const session = await page.request.get(
    'http://localhost:7007/api/auth/guest/refresh',
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  const { backstageIdentity } = await session.json();
  const headers = { Authorization: `Bearer ${backstageIdentity.token}` };
  const template = await (
    await page.request.get(
      'http://localhost:7007/api/catalog/entities/by-name/template/default/rucio-environment-adopt',
      { headers },
    )
  ).json();
  const run = await page.request.post(
    'http://localhost:7007/api/scaffolder/v2/dry-run',
    {
      headers,
      data: {
        template,
        values: {
          from: 'demo',
          name: 'demo',
          baseDomain: 'rucio.example.org',
          owner: 'group:default/data-management',
          system: 'rucio-demo',
          repoUrl: 'github.com?owner=example&repo=rucio-demo',
          dbHost: 'db.example.org',
          acmeEmail: 'ops@example.org',
        },
        directoryContents: [],
      },
      timeout: 120_000,
    },
  );
  expect(run.status()).toBe(200);
  const body = await run.json();
  const files: string[] = body.directoryContents.map(
    (f: { path: string }) => f.path,
  );
  expect(files.filter(f => /^base\/rses\/[^/]+\.json$/.test(f))).toHaveLength(
    60,
  );
  expect(files).toEqual(
    expect.arrayContaining(['rucio-environment.yaml', 'catalog-info.yaml']),
  );
  const log = body.log
    .map((l: { body: { message: string } }) => l.body.message)
    .join('\n');
  expect(log).toContain('Rucio environment demo serves 60 RSEs');
  expect(log).toContain('60 of 60 RSEs');
  // Validated against the running environment: no RSE differs.
  expect(log).not.toMatch(/warning: base\/rses\//);
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

/**
 * Signs in through the demo's OpenID Connect provider (a real oidc-provider,
 * packages/rucio-demo) in the popup Backstage opens, as `login`.
 */
async function signInWithOidc(page: Page, login: string) {
  await page.goto('/');
  const popupOpened = page.waitForEvent('popup');
  await page
    .getByRole('listitem')
    .filter({ hasText: 'Demo identity provider' })
    .getByRole('button', { name: 'Sign in' })
    .click();
  const popup = await popupOpened;
  await popup.getByPlaceholder('Enter any login').fill(login);
  await popup.getByPlaceholder('and password').fill('any-password');
  await popup.getByRole('button', { name: 'Sign-in' }).click();
  await popup.getByRole('button', { name: 'Continue' }).click();
}

test('a catalog user signs in through the OIDC provider and may sync only what their group owns', async ({
  page,
}) => {
  // sam is in site-admins (examples/org.yaml): owner of demo-flux, not demo.
  await signInWithOidc(page, 'sam');
  await expect(
    page.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();

  // The session survives a reload (the provider's refresh token).
  await page.goto('/catalog/default/system/rucio-demo-flux/rucio');
  await expect(page.getByText('rucio-demo-flux').first()).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Reconcile' }).first(),
  ).toBeVisible();
  await page.goto('/catalog/default/system/rucio-demo/rucio');
  await expect(page.getByText('GitOps sync').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sync now' })).toHaveCount(0);

  // The backend decides by the same identity: sam's token syncs nothing of demo.
  const session = await page.request.get(
    'http://localhost:7007/api/auth/oidc/refresh?optional&env=development',
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  const { backstageIdentity } = await session.json();
  expect(backstageIdentity.identity).toMatchObject({
    userEntityRef: 'user:default/sam',
    ownershipEntityRefs: expect.arrayContaining(['group:default/site-admins']),
  });
  const refused = await page.request.post(
    'http://localhost:7007/api/rucio/environments/demo/sync',
    {
      headers: { Authorization: `Bearer ${backstageIdentity.token}` },
      data: { kind: 'Application', name: 'rucio-daemons' },
    },
  );
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toContain('rucio.gitops.sync');
});

test('a login that is no catalog user is refused by the sign-in resolver', async ({
  page,
}) => {
  await signInWithOidc(page, 'mallory');
  await expect(page.getByText(/Failed to sign-in/i).first()).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Catalog', exact: true }),
  ).toHaveCount(0);
});
