import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PORTS } from './index.ts';

/** This folder (the tests run as ES modules: no __dirname). */
const HERE = path.dirname(fileURLToPath(import.meta.url));

const CLI = path.resolve(HERE, 'cli.ts');

/** Runs the demo's command line until its ready line or its exit. */
function run(args: string[]) {
  const child = spawn(
    process.execPath,
    [
      CLI,
      '--no-postgres',
      '--no-identity',
      '--data-dir',
      mkdtempSync(path.join(tmpdir(), 'rucio-demo-cli-')),
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', c => (out += c));
  child.stderr.on('data', c => (err += c));
  return new Promise<{ out: string; err: string; code: number | null }>(
    resolve => {
      child.stdout.on('data', () => {
        if (/ready:/.test(out)) {
          child.kill('SIGTERM');
        }
      });
      child.on('exit', code => resolve({ out, err, code }));
    },
  );
}

const listed = (out: string) =>
  Object.fromEntries(
    [...out.matchAll(/(\w+)=(\d+)/g)].map(([, k, v]) => [k, Number(v)]),
  );

describe('the demo command line', () => {
  it('takes other ports, so it runs beside a portal that uses the defaults', async () => {
    const { out } = await run(['--ports', 'any']);
    const ports = listed(out);
    expect(Object.keys(ports)).toEqual(
      expect.arrayContaining(['rucio', 'auth', 'fts', 'kubernetes']),
    );
    for (const [name, port] of Object.entries(ports)) {
      expect({ name, port }).not.toEqual({
        name,
        port: DEFAULT_PORTS[name as keyof typeof DEFAULT_PORTS],
      });
    }
  }, 30_000);

  it('names a bad --ports entry and exits', async () => {
    const { err, code } = await run(['--ports', 'rucio=1,nowhere=2']);
    expect(code).toBe(2);
    expect(err).toContain(
      'rucio-demo: --ports takes "any" or name=port pairs with names rucio, auth',
    );
    expect(err).toContain('got "nowhere=2"');
  }, 30_000);
});
