import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  EnvironmentEntities,
  type EnvironmentClaimConfig,
} from './EnvironmentEntities';
import { EnvironmentRepository } from './EnvironmentRepository';
import { environmentSystem } from '../__testUtils__/environmentSystem';

/** A repository the scaffolder generated (its golden output, 25 RSEs). */
const GOLDEN = path.resolve(
  __dirname,
  '../../../scaffolder-backend-module-rucio/src/generator/__fixtures__/golden/large',
);
const RSES = path.join(GOLDEN, 'base/rses');
const LIMITS = { refreshMinutes: 10, maxFiles: 2000, maxFileBytes: 256 * 1024 };

/**
 * The repository as plain files over HTTP with ETags, as a raw-file host
 * serves it; `overrides` replace a file's content.
 */
function fileServer(overrides: Record<string, string> = {}) {
  const requests: Array<{ path: string; status: number }> = [];
  const server = createServer((req, res) => {
    const rel = decodeURIComponent(
      new URL(req.url!, 'http://x').pathname,
    ).replace(/^\/org\/rucio-prod\//, '');
    let body: string | undefined = overrides[rel];
    if (body === undefined && !rel.includes('..')) {
      try {
        body = readFileSync(path.join(GOLDEN, rel), 'utf8');
      } catch {
        body = undefined;
      }
    }
    if (body === undefined) {
      requests.push({ path: rel, status: 404 });
      res.writeHead(404).end();
      return;
    }
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    const status = req.headers['if-none-match'] === etag ? 304 : 200;
    requests.push({ path: rel, status });
    res.writeHead(status, { ETag: etag });
    res.end(status === 200 ? body : undefined);
  });
  return new Promise<{
    server: Server;
    base: string;
    requests: typeof requests;
  }>(resolve =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        server,
        base: `http://127.0.0.1:${port}/org/rucio-prod/`,
        requests,
      });
    }),
  );
}

const system = (name: string, annotations: Record<string, string>) =>
  environmentSystem(name, 'prod', annotations);

describe('EnvironmentRepository', () => {
  let served: Awaited<ReturnType<typeof fileServer>>;
  afterEach(() => new Promise(resolve => served.server.close(resolve)));

  async function repository(
    overrides: Record<string, string> = {},
    entities = (base: string) => [
      system('rucio-prod', { 'backstage.io/source-location': `url:${base}` }),
    ],
    environment: (base: string) => EnvironmentClaimConfig = () => ({
      name: 'prod',
      system: 'rucio-prod',
      repository: {},
    }),
  ) {
    served = await fileServer(overrides);
    const config = new ConfigReader({
      backend: {
        reading: { allow: [{ host: new URL(served.base).host }] },
      },
    });
    return EnvironmentRepository.create({
      entities: EnvironmentEntities.create({
        auth: mockServices.auth(),
        catalog: catalogServiceMock({ entities: entities(served.base) }),
        logger: mockServices.logger.mock(),
        environments: [environment(served.base)],
      }),
      // The URL readers the backend gets: GitHub, GitLab, … and fetch for
      // the hosts in backend.reading.allow.
      urlReader: UrlReaders.default({
        config,
        logger: mockServices.logger.mock(),
      }),
      integrations: ScmIntegrations.fromConfig(config),
    });
  }

  async function locate(repo: EnvironmentRepository) {
    const where = await repo.locate('prod');
    if ('missing' in where) throw new Error(where.missing);
    return where;
  }

  it('reads every RSE file the kustomization packs, as the generator wrote it', async () => {
    const repo = await repository();
    const where = await locate(repo);
    expect(where).toEqual({
      entityRef: 'system:default/rucio-prod',
      location: `${served.base}base/rses/`,
    });
    const read = await repo.readRses(
      'prod',
      where,
      LIMITS,
      AbortSignal.timeout(5000),
    );
    const files = readdirSync(RSES)
      .filter(f => f.endsWith('.json'))
      .sort();
    expect(read.definitions.map(d => `${d.rse}.json`).sort()).toEqual(files);
    expect(
      read.definitions.find(d => d.rse === files[0].replace('.json', '')),
    ).toEqual(JSON.parse(readFileSync(path.join(RSES, files[0]), 'utf8')));
    // apply_rses.py and job.yaml are not RSE definitions.
    expect(served.requests.map(r => r.path)).not.toContain(
      'base/rses/apply_rses.py',
    );
  });

  it('reads again only after refreshMinutes, and then with ETags', async () => {
    const repo = await repository();
    const where = await locate(repo);
    const first = await repo.readRses(
      'prod',
      where,
      LIMITS,
      AbortSignal.timeout(5000),
    );
    const count = served.requests.length;
    expect(
      await repo.readRses('prod', where, LIMITS, AbortSignal.timeout(5000)),
    ).toBe(first);
    expect(served.requests).toHaveLength(count);

    const later = jest
      .spyOn(Date, 'now')
      .mockReturnValue(Date.parse(first.readAt) + 10 * 60_000 + 1);
    try {
      const again = await repo.readRses(
        'prod',
        where,
        LIMITS,
        AbortSignal.timeout(5000),
      );
      expect(again.definitions).toEqual(first.definitions);
      const second = served.requests.slice(count);
      expect(second).toHaveLength(count);
      expect(second.every(r => r.status === 304)).toBe(true);
    } finally {
      later.mockRestore();
    }
  });

  it('refuses more files than maxFiles, and a file larger than maxFileBytes, naming the URL and the key', async () => {
    let repo = await repository();
    let where = await locate(repo);
    await expect(
      repo.readRses(
        'prod',
        where,
        { ...LIMITS, maxFiles: 3 },
        AbortSignal.timeout(5000),
      ),
    ).rejects.toThrow(
      `${served.base}base/rses/kustomization.yaml lists 25 RSE files, more than repository.maxFiles (3).`,
    );
    served.server.close();

    repo = await repository({
      'base/rses/SITE01_S3.json': JSON.stringify({
        rse: 'SITE01_S3',
        pad: 'x'.repeat(5000),
      }),
    });
    where = await locate(repo);
    await expect(
      repo.readRses(
        'prod',
        where,
        { ...LIMITS, maxFileBytes: 4096 },
        AbortSignal.timeout(5000),
      ),
    ).rejects.toThrow(
      `${served.base}base/rses/SITE01_S3.json is larger than repository.maxFileBytes (4096 bytes).`,
    );
  });

  it('names the file that is no RSE definition, and refuses paths outside the folder', async () => {
    let repo = await repository({
      'base/rses/SITE02_GCS.json': JSON.stringify({
        rse: 'SITE02_GCS',
        protocols: [{ scheme: 'https' }],
      }),
    });
    let where = await locate(repo);
    await expect(
      repo.readRses('prod', where, LIMITS, AbortSignal.timeout(5000)),
    ).rejects.toThrow(
      new RegExp(
        `^${served.base}base/rses/SITE02_GCS\\.json is not an RSE definition: protocols\\.0\\.hostname`,
      ),
    );
    served.server.close();

    repo = await repository({
      'base/rses/kustomization.yaml':
        'configMapGenerator:\n  - name: rucio-rses\n    files: [../../secrets/x.json]\n',
    });
    where = await locate(repo);
    await expect(
      repo.readRses('prod', where, LIMITS, AbortSignal.timeout(5000)),
    ).rejects.toThrow('lists ../../secrets/x.json, which is not a file of');
    served.server.close();

    repo = await repository({}, base => [
      system('rucio-prod', {
        'backstage.io/source-location': `url:${base}missing/`,
      }),
    ]);
    where = await locate(repo);
    await expect(
      repo.readRses('prod', where, LIMITS, AbortSignal.timeout(5000)),
    ).rejects.toThrow(
      `${served.base}missing/base/rses/kustomization.yaml was not found.`,
    );
  });

  it('says why there is nothing to compare when the catalog names no repository', async () => {
    let repo = await repository({}, () => []);
    expect(await repo.locate('prod')).toEqual({
      missing: expect.stringContaining(
        'No catalog System speaks for this environment (the one its config names with system, or the one registered from its repository.url)',
      ),
    });
    served.server.close();

    repo = await repository({}, () => [
      system('rucio-prod', {
        'backstage.io/source-location': 'file:/srv/catalog/rucio-prod/',
      }),
    ]);
    expect(await repo.locate('prod')).toEqual({
      missing: expect.stringContaining(
        'system:default/rucio-prod has no backstage.io/source-location of type url (it is file:/srv/catalog/rucio-prod/)',
      ),
    });
    served.server.close();
  });

  it('reads the repository of the System the config names, whatever other Systems claim', async () => {
    const repo = await repository({}, base => [
      system('a-claim', {
        'backstage.io/source-location':
          'url:https://git.example.org/someone-else/',
      }),
      system('rucio-prod', { 'backstage.io/source-location': `url:${base}` }),
    ]);
    expect(await repo.locate('prod')).toEqual({
      entityRef: 'system:default/rucio-prod',
      location: `${served.base}base/rses/`,
    });
  });

  it('without system in config, trusts only the System registered from repository.url', async () => {
    const repo = await repository(
      {},
      base => [
        system('a-claim', {
          'backstage.io/source-location': 'url:https://git.example.org/x/',
          'backstage.io/managed-by-origin-location':
            'url:https://git.example.org/x/catalog-info.yaml',
        }),
        // Inside the repository by its text only: fetched, it is elsewhere.
        system('a-claim-by-dots', {
          'backstage.io/source-location': `url:${base}../x/`,
          'backstage.io/managed-by-origin-location': `url:${base}../x/catalog-info.yaml`,
        }),
        system('rucio-prod', {
          'backstage.io/source-location': `url:${base}`,
          'backstage.io/managed-by-origin-location': `url:${base}catalog-info.yaml`,
        }),
      ],
      base => ({ name: 'prod', repository: { url: base } }),
    );
    expect(await repo.locate('prod')).toEqual({
      entityRef: 'system:default/rucio-prod',
      location: `${served.base}base/rses/`,
    });
    served.server.close();

    const none = await repository(
      {},
      () => [
        system('a-claim', {
          'backstage.io/source-location': 'url:https://git.example.org/x/',
        }),
      ],
      () => ({ name: 'prod', repository: {} }),
    );
    expect(await none.locate('prod')).toEqual({
      missing: expect.stringContaining('No catalog System speaks for'),
    });
  });
});
