import { defineConfig } from '@playwright/test';

// End-to-end tests start the real portal (./portal start does the same) and
// drive Debian's Chromium through playwright-core; no browser is downloaded.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 180_000,
  expect: { timeout: 60_000 },
  forbidOnly: true,
  retries: 0,
  workers: 1,
  reporter: [['list'], ['json']],
  outputDir: 'results/e2e-artifacts',
  webServer: [
    {
      command: 'node scripts/start.mjs',
      url: 'http://localhost:3000',
      reuseExistingServer: !process.env.CI,
      // The first build of the frontend takes minutes on two cores.
      timeout: 600_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
  use: {
    baseURL: 'http://localhost:3000',
    browserName: 'chromium',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
