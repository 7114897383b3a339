import { defineConfig } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';

// The proof of installation (README.md here): the fresh portal that
// prepare.mjs made, started by start.mjs, in Debian's Chromium.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const dir =
  process.env.INSTALL_PROOF_DIR ??
  path.join(os.tmpdir(), 'rucio-install-proof');

export default defineConfig({
  testDir: '.',
  testMatch: 'installProof.test.ts',
  timeout: 300_000,
  expect: { timeout: 60_000 },
  forbidOnly: true,
  retries: 0,
  workers: 1,
  reporter: [['list'], ['json']],
  outputDir: '../../results/install-proof-artifacts',
  webServer: [
    {
      command: `node scripts/install-proof/start.mjs ${dir}`,
      cwd: '../..',
      url: 'http://localhost:3300',
      reuseExistingServer: false,
      // The fresh portal's first frontend build takes minutes on two cores.
      timeout: 600_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
  use: {
    baseURL: 'http://localhost:3300',
    browserName: 'chromium',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    },
  },
});
