import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ANY_PORTS,
  DEMO_REPOSITORY_PATH,
  startDemo,
  type RunningDemo,
} from './index.ts';

/** This folder (the tests run as ES modules: no __dirname). */
const HERE = path.dirname(fileURLToPath(import.meta.url));

/** What the scaffolder generates (its golden repository, every kind of RSE). */
const GOLDEN = path.resolve(
  HERE,
  '../../../plugins/scaffolder-backend-module-rucio/src/generator/__fixtures__/golden/large',
);
const goldenRses = readdirSync(path.join(GOLDEN, 'base/rses'))
  .filter(f => f.endsWith('.json'))
  .map(f =>
    JSON.parse(readFileSync(path.join(GOLDEN, 'base/rses', f), 'utf8')),
  );
const keys = (o: object) => Object.keys(o).sort();

describe('the demo environment repository', () => {
  let demo: RunningDemo;
  let base: string;
  beforeAll(async () => {
    demo = await startDemo({
      dataDir: mkdtempSync(path.join(tmpdir(), 'rucio-demo-')),
      ports: ANY_PORTS,
    });
    base = `http://127.0.0.1:${demo.ports.repository}${DEMO_REPOSITORY_PATH}base/rses/`;
  });
  afterAll(() => demo.stop());

  it('packs one definition per RSE the demo Rucio serves, as the generated kustomization does', async () => {
    const text = await (await fetch(`${base}kustomization.yaml`)).text();
    const generated = readFileSync(
      path.join(GOLDEN, 'base/rses/kustomization.yaml'),
      'utf8',
    );
    // The same document up to the list of files.
    expect(text.split('      - apply_rses.py')[0]).toBe(
      generated.split('      - apply_rses.py')[0],
    );
    const files = text
      .split('\n')
      .filter(l => l.endsWith('.json'))
      .map(l => l.trim().slice(2));
    expect(files).toEqual(demo.state.rses.map(r => `${r.rse}.json`));
  });

  it('writes each definition in the generator’s shape', async () => {
    const generatedKeys = new Set(goldenRses.map(d => keys(d).join()));
    const protocolKeys = new Set(
      goldenRses.flatMap(d => d.protocols.map((p: object) => keys(p).join())),
    );
    const limitsSeen: object[] = [];
    for (const rse of demo.state.rses.slice(0, 5)) {
      const { limits, ...definition } = await (
        await fetch(`${base}${rse.rse}.json`)
      ).json();
      expect(generatedKeys).toContain(keys(definition).join());
      if (limits) limitsSeen.push(limits);
      for (const protocol of definition.protocols) {
        expect(protocolKeys).toContain(keys(protocol).join());
      }
    }
    // No golden RSE sets limits; the generator writes { MinFreeSpace } (rses.ts).
    expect(limitsSeen.length).toBeGreaterThan(0);
    expect(limitsSeen.map(keys)).toEqual(
      limitsSeen.map(() => ['MinFreeSpace']),
    );
  });

  it('answers 304 to a known ETag and 404 to anything else', async () => {
    const first = await fetch(`${base}${demo.state.rses[0].rse}.json`);
    const etag = first.headers.get('etag')!;
    const again = await fetch(`${base}${demo.state.rses[0].rse}.json`, {
      headers: { 'If-None-Match': etag },
    });
    expect(again.status).toBe(304);
    expect((await fetch(`${base}NO_SUCH_RSE.json`)).status).toBe(404);
    expect((await fetch(`${base}../../secrets.yaml`)).status).toBe(404);
  });
});
