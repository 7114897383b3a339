// Run by scripts/bench.mjs under Backstage's Node transform: creates and
// validates an environment with 50 RSEs, prints one JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEnvironmentSpec } from '../../plugins/scaffolder-backend-module-rucio/src/generator/EnvironmentSpec';
import { generateEnvironment } from '../../plugins/scaffolder-backend-module-rucio/src/generator/generateEnvironment';
import {
  GOLDEN_INPUTS,
  rsesOfEveryKind,
} from '../../plugins/scaffolder-backend-module-rucio/src/generator/goldenInputs';
import { writeFiles } from '../../plugins/scaffolder-backend-module-rucio/src/generator/writeFiles';
import { validateEnvironmentRepo } from '../../plugins/scaffolder-backend-module-rucio/src/validator/validateEnvironmentRepo';

// The Flux + Vault golden environment, with 50 RSEs of every kind.
const input = {
  ...GOLDEN_INPUTS['flux-vault'],
  overlays: ['dev', 'staging', 'prod'],
  rses: rsesOfEveryKind(50),
};

async function once() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rucio-bench-'));
  const start = performance.now();
  const files = generateEnvironment(parseEnvironmentSpec(input));
  await writeFiles(dir, files);
  const report = await validateEnvironmentRepo(dir);
  const ms = performance.now() - start;
  rmSync(dir, { recursive: true, force: true });
  if (!report.valid) throw new Error(JSON.stringify(report.findings));
  return { ms, files: files.length };
}

async function main() {
  const cold = await once();
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) warm.push((await once()).ms);
  warm.sort((a, b) => a - b);
  console.log(
    JSON.stringify({ files: cold.files, coldMs: cold.ms, warmMs: warm[2] }),
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
