import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');

/** The demo's command line until its ready line; its ports. */
export async function startDemoCli(dataDirPrefix: string) {
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'packages/rucio-demo/src/cli.ts'),
      '--ports',
      'any',
      '--no-postgres',
      '--no-identity',
      '--data-dir',
      mkdtempSync(path.join(tmpdir(), dataDirPrefix)),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const ports = await new Promise<Record<string, number>>(resolve => {
    let out = '';
    child.stdout!.on('data', chunk => {
      out += chunk;
      const line = out.split('\n').find(l => l.includes('rucio-demo ready'));
      if (line) {
        resolve(
          Object.fromEntries(
            [...line.matchAll(/(\w+)=(\d+)/g)].map(([, k, v]) => [k, +v]),
          ),
        );
      }
    });
  });
  return { child, ports };
}
