// The whole test suite: static checks, every package's unit tests, the
// end-to-end test and the proof of installation into a fresh portal. Ends
// with one line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'results');
mkdirSync(results, { recursive: true });

const only = process.argv.slice(2);
const rows = [];
let passed = 0;
let failed = 0;

function sh(command, args, env = {}) {
  const start = Date.now();
  const r = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CI: 'true', ...env },
  });
  return {
    ok: r.status === 0,
    seconds: Math.round((Date.now() - start) / 1000),
  };
}

function step(name, fn) {
  if (only.length && !only.includes(name)) return;
  console.log(`\n=== ${name} ===`);
  const { ok, seconds, pass, fail } = fn();
  const p = pass ?? (ok ? 1 : 0);
  const f = fail ?? (ok ? 0 : 1);
  passed += p;
  failed += f;
  rows.push({
    step: name,
    result: ok && f === 0 ? 'ok' : 'FAILED',
    passed: p,
    failed: f,
    seconds,
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

// Emits the declarations (dist-types) the packages step reads, as a build would.
step('tsc', () => sh('yarn', ['tsc']));
step('lint', () =>
  sh('yarn', ['backstage-cli', 'repo', 'lint', '--max-warnings', '0']),
);
step('prettier', () => sh('yarn', ['prettier', '--check', '.']));
step('versions', () => sh('node', ['scripts/check-versions.mjs']));
step('packages', () => sh('node', ['scripts/check-packages.mjs']));
// A public API that changed without its report (yarn build:api-reports) fails.
step('api-reports', () => sh('yarn', ['build:api-reports', '--ci']));
// A change to a published package without a changeset (yarn changeset) fails.
step('changesets', () => sh('node', ['scripts/check-changesets.mjs']));

// The scaffolder module imports the @kubernetes-models schemas, which are ES
// modules only, so its tests need Jest's ESM support; the other packages'
// tests load the demo (type=module) as CommonJS, which that support forbids.
const ESM_PROJECTS = [
  '@rucio-portal/plugin-scaffolder-backend-module-rucio',
  // Its Kubernetes contract test validates with those schemas too.
  '@internal/rucio-demo',
  // Its policy test runs the scaffolder module inside a real backend.
  'backend',
];

function jest(name, args, env) {
  const out = path.join(results, `jest-${name}.json`);
  rmSync(out, { force: true });
  const r = sh(
    'yarn',
    [
      'backstage-cli',
      'repo',
      'test',
      '--ci',
      '--json',
      `--outputFile=${out}`,
      ...args,
    ],
    env,
  );
  const report = readJson(out);
  if (!report) return { ...r, ok: false, pass: 0, fail: 1 };
  const fail = report.numFailedTests + report.numRuntimeErrorTestSuites;
  return { ...r, ok: r.ok && fail === 0, pass: report.numPassedTests, fail };
}

step('unit', () => {
  const cjs = jest('cjs', ['--ignoreProjects', ...ESM_PROJECTS]);
  const esm = jest('esm', ['--selectProjects', ...ESM_PROJECTS], {
    NODE_OPTIONS: [process.env.NODE_OPTIONS, '--experimental-vm-modules']
      .filter(Boolean)
      .join(' '),
  });
  return {
    ok: cjs.ok && esm.ok,
    seconds: cjs.seconds + esm.seconds,
    pass: cjs.pass + esm.pass,
    fail: cjs.fail + esm.fail,
  };
});

/** Playwright in Debian's Chromium; counts its tests from the JSON report. */
function playwright(name, args) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    console.error(
      `Chromium is missing at ${chromium}. Install Debian's package (sudo apt-get install chromium) or set CHROMIUM_PATH.`,
    );
    return { ok: false, seconds: 0 };
  }
  const out = path.join(results, `${name}.json`);
  rmSync(out, { force: true });
  const r = sh('yarn', ['playwright', 'test', ...args], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
    CHROMIUM_PATH: chromium,
  });
  const report = readJson(out);
  if (!report) return { ...r, ok: false, pass: 0, fail: 1 };
  const fail = report.stats.unexpected + report.stats.flaky;
  return {
    ...r,
    ok: r.ok && fail === 0,
    pass: report.stats.expected,
    fail: Math.max(fail, r.ok ? 0 : 1),
  };
}

step('e2e', () => playwright('e2e', []));

/** A prepare script, then the Playwright checks of what it prepared. */
function preparedChecks(dir) {
  const prepared = sh('node', [`scripts/${dir}/prepare.mjs`]);
  if (!prepared.ok) return prepared;
  const r = playwright(dir, ['-c', `scripts/${dir}/playwright.config.ts`]);
  return { ...r, seconds: prepared.seconds + r.seconds };
}

// The plugins packed, installed into a fresh create-app portal as their
// READMEs say, and checked there in Chromium (scripts/install-proof).
step('install', () => preparedChecks('install-proof'));
// The image's contents as the backend's Dockerfile builds them, started with
// app-config.production.yaml against PostgreSQL over TLS (scripts/production).
step('production', () => preparedChecks('production'));

console.log('\nstep        result   passed  failed  seconds');
for (const row of rows) {
  console.log(
    `${row.step.padEnd(12)}${row.result.padEnd(9)}${String(row.passed).padStart(
      6,
    )}${String(row.failed).padStart(8)}${String(row.seconds).padStart(9)}`,
  );
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && rows.length > 0 ? 0 : 1);
