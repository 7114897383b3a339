import { expect, test } from '@playwright/test';
import { Client } from 'pg';

// The image's contents (prepare.mjs) started as its CMD with
// app-config.production.yaml (start.mjs).
const pgbouncerPort = Number(process.env.PRODUCTION_PGBOUNCER_PORT ?? 6433);

test('the health routes answer and the app offers only the OIDC sign-in', async ({
  page,
  request,
}) => {
  for (const probe of ['readiness', 'liveness']) {
    const r = await request.get(`/.backstage/health/v1/${probe}`);
    expect(r.status(), probe).toBe(200);
  }
  await page.goto('/');
  await expect(page.getByText('Single sign-on').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in' })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Enter' })).toHaveCount(0);
});

test('a catalog user signs in through the OIDC provider', async ({ page }) => {
  await page.goto('/');
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const login = await popup;
  // oidc-provider's development login: any password, <login>@example.org.
  await login.getByPlaceholder('Enter any login').fill('ada');
  await login.getByPlaceholder('and password').fill('any-password');
  await login.getByRole('button', { name: 'Sign-in' }).click();
  await login.getByRole('button', { name: 'Continue' }).click();
  await expect(
    page.getByRole('link', { name: 'Catalog', exact: true }).first(),
  ).toBeVisible();
});

test('every database connection of the backend is TLS, through PgBouncer', async () => {
  const admin = new Client({
    host: '127.0.0.1',
    port: pgbouncerPort,
    user: 'postgres',
    database: 'pgbouncer',
    ssl: { rejectUnauthorized: false },
  });
  await admin.connect();
  try {
    const { rows } = await admin.query('SHOW CLIENTS');
    const backend = rows.filter(r =>
      String(r.database).startsWith('backstage_plugin_'),
    );
    expect(backend.length).toBeGreaterThan(0);
    for (const client of backend) expect(client.tls).toMatch(/^TLSv1\.[23]/);
  } finally {
    await admin.end();
  }
});
