// API reports (report*.api.md) of the published packages, one package per
// run of API Extractor: a shared run prints inferred union types in an order
// that depends on which package it analysed first. `--ci` checks instead of
// writing. Undocumented members are allowed; every export needs a release tag.
// The declarations are emitted afresh first: an incremental tsc prints the
// members of inferred types in another order than a clean one (CI's).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const ci = process.argv.includes('--ci');
const tsc = spawnSync('yarn', ['tsc', '--incremental', 'false'], {
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
const packages = readdirSync('plugins', { withFileTypes: true })
  .filter(entry => entry.isDirectory())
  .map(entry => `plugins/${entry.name}`);
const failed = [];
for (const dir of packages) {
  const r = spawnSync(
    'yarn',
    [
      'backstage-repo-tools',
      'api-reports',
      ...(ci ? ['--ci'] : []),
      '-o',
      'ae-wrong-input-file-type,ae-undocumented',
      '--validate-release-tags',
      dir,
    ],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) failed.push(dir);
}
if (failed.length) {
  console.error(
    `API reports ${ci ? 'out of date' : 'failed'}: ${failed.join(', ')}${
      ci ? ' (run yarn build:api-reports and commit the .api.md files)' : ''
    }`,
  );
  process.exit(1);
}
