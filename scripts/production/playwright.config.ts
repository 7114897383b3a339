import { defineConfig } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';

// The production path (README.md here): the image's contents that
// prepare.mjs made, started by start.mjs, in Debian's Chromium.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const dir =
  process.env.PRODUCTION_DIR ?? path.join(os.tmpdir(), 'rucio-production');

export default defineConfig({
  testDir: '.',
  testMatch: 'production.test.ts',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  forbidOnly: true,
  retries: 0,
  workers: 1,
  reporter: [['list'], ['json']],
  outputDir: '../../results/production-artifacts',
  webServer: [
    {
      command: `node scripts/production/start.mjs ${dir}`,
      cwd: '../..',
      url: 'http://localhost:7007/.backstage/health/v1/readiness',
      reuseExistingServer: false,
      timeout: 300_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
  use: {
    baseURL: 'http://localhost:7007',
    browserName: 'chromium',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    },
  },
});
