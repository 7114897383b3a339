// Run by scripts/bench.mjs under Backstage's Node transform: creates and
// validates an environment with 50 RSEs, prints one JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEnvironmentSpec } from '../plugins/scaffolder-backend-module-rucio/src/generator/EnvironmentSpec';
import { generateEnvironment } from '../plugins/scaffolder-backend-module-rucio/src/generator/generateEnvironment';
import { writeFiles } from '../plugins/scaffolder-backend-module-rucio/src/generator/writeFiles';
import { validateEnvironmentRepo } from '../plugins/scaffolder-backend-module-rucio/src/validator/validateEnvironmentRepo';

const KINDS = ['s3', 'gcs', 'azure', 'posix', 'archive'];
const input = {
  name: 'bench',
  baseDomain: 'bench.example.org',
  overlays: ['dev', 'staging', 'prod'],
  repoUrl: 'https://github.com/example/rucio-bench',
  gitops: 'argocd',
  secrets: {
    backend: 'external-secrets',
    vaultServer: 'https://vault.example.org:8200',
    vaultPath: 'rucio/bench',
  },
  tls: { issuer: 'letsencrypt', acmeEmail: 'ops@example.org' },
  database: { host: 'db.example.org' },
  oidc: {
    issuer: 'https://idp.example.org',
    clientId: 'rucio',
    secretName: 'rucio-oidc',
  },
  fts: ['https://fts3.example.org:8446'],
  rses: Array.from({ length: 50 }, (_, i) => {
    const kind = KINDS[i % KINDS.length];
    const name = `SITE${i}_${kind.toUpperCase()}`;
    return ['s3', 'gcs', 'azure'].includes(kind)
      ? { name, kind, bucket: `bucket-${i}` }
      : {
          name,
          kind,
          endpoint: `storage${i}.example.org`,
          path: `/rucio/${i}/`,
        };
  }),
  owner: 'group:default/ops',
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
