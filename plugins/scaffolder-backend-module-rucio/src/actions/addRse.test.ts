import { createMockDirectory } from '@backstage/backend-test-utils';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { parseEnvironmentSpec } from '../generator/EnvironmentSpec';
import { generateEnvironment } from '../generator/generateEnvironment';
import { writeFiles } from '../generator/writeFiles';
import { validateEnvironmentRepo } from '../validator/validateEnvironmentRepo';
import { createActionContext } from '../__testUtils__/createActionContext';
import { createAddRseAction } from './addRse';
import { createCreateEnvironmentAction } from './createEnvironment';

const environment = {
  name: 'dev',
  baseDomain: 'example.org',
  repoUrl: 'https://git.example.org/rucio-dev',
  tls: { issuer: 'private-ca', caSecretName: 'site-ca' },
  database: { host: 'db', pgbouncer: { enabled: false } },
  owner: 'group:default/data-management',
};

describe('rucio:environment:create and rucio:rse:add', () => {
  const dir = createMockDirectory();

  beforeEach(() => dir.clear());

  it('creates a repository, then adds an RSE once and refuses a different one with the same name', async () => {
    const create = createActionContext({
      input: { path: 'repo', environment },
      workspacePath: dir.path,
    });
    await createCreateEnvironmentAction().handler(create.ctx);
    expect(create.outputs.entityRef).toBe('system:default/rucio-dev');

    const rse = {
      name: 'SITE_POSIX',
      kind: 'posix',
      endpoint: 'webdav.site',
      path: '/data/',
    };
    const first = createActionContext({
      input: { path: 'repo', rse },
      workspacePath: dir.path,
    });
    await createAddRseAction().handler(first.ctx);
    expect(first.outputs).toEqual({
      file: 'base/rses/SITE_POSIX.json',
      changed: true,
    });
    // The bootstrap Job reads it through the generated ConfigMap.
    expect(
      parse(
        readFileSync(
          path.join(dir.path, 'repo/base/rses/kustomization.yaml'),
          'utf8',
        ),
      ).configMapGenerator[0].files,
    ).toContain('SITE_POSIX.json');
    expect(
      JSON.parse(
        readFileSync(
          path.join(dir.path, 'repo/base/rses/SITE_POSIX.json'),
          'utf8',
        ),
      ).protocols.map((p: { scheme: string }) => p.scheme),
    ).toEqual(['file', 'davs']);

    const again = createActionContext({
      input: { path: 'repo', rse },
      workspacePath: dir.path,
    });
    await createAddRseAction().handler(again.ctx);
    expect(again.outputs.changed).toBe(false);
    const catalog = readFileSync(
      path.join(dir.path, 'repo/catalog-info.yaml'),
      'utf8',
    );
    expect(catalog.match(/rucio.cern.ch\/rse: SITE_POSIX/g)).toHaveLength(1);

    const other = createActionContext({
      input: { path: 'repo', rse: { ...rse, path: '/other/' } },
      workspacePath: dir.path,
    });
    await expect(createAddRseAction().handler(other.ctx)).rejects.toThrow(
      'An RSE named SITE_POSIX already exists in rucio-environment.yaml with another definition',
    );
    expect(
      (await validateEnvironmentRepo(path.join(dir.path, 'repo'))).valid,
    ).toBe(true);
  });

  it('adds what an S3 RSE needs beyond its definition: the signing keys, mounted', async () => {
    await createCreateEnvironmentAction().handler(
      createActionContext({
        input: { path: 'repo', environment },
        workspacePath: dir.path,
      }).ctx,
    );
    const read = (file: string) =>
      readFileSync(path.join(dir.path, 'repo', file), 'utf8');
    expect(read('overlays/dev/values/rucio-server.yaml')).not.toContain(
      'rucio-rse-accounts',
    );
    await createAddRseAction().handler(
      createActionContext({
        input: {
          path: 'repo',
          rse: { name: 'SITE_S3', kind: 's3', bucket: 'data' },
        },
        workspacePath: dir.path,
      }).ctx,
    );
    for (const release of ['rucio-server', 'rucio-auth', 'rucio-daemons']) {
      expect(
        parse(read(`overlays/dev/values/${release}.yaml`)).secretMounts,
      ).toContainEqual({
        volumeName: 'rse-accounts',
        secretFullName: 'rucio-rse-accounts',
        mountPath: '/opt/rucio/etc/rse-accounts.cfg',
        subPath: 'rse-accounts.cfg',
      });
    }
    expect(read('secrets/rucio-rse-accounts.yaml')).toContain(
      'name: rucio-rse-accounts',
    );
    expect(read('catalog-info.yaml')).toContain('name: dev-site_s3');
    expect(
      (await validateEnvironmentRepo(path.join(dir.path, 'repo'))).findings,
    ).toEqual([]);
  });

  it('writes the repository in a dry run too (its workspace is temporary) and names invalid fields', async () => {
    const dry = createActionContext({
      input: { path: 'repo', environment },
      workspacePath: dir.path,
      isDryRun: true,
    });
    await createCreateEnvironmentAction().handler(dry.ctx);
    expect((dry.outputs.files as string[]).length).toBeGreaterThan(10);
    expect(
      readFileSync(path.join(dir.path, 'repo/catalog-info.yaml'), 'utf8'),
    ).toContain('kind: System');
    expect(
      (await validateEnvironmentRepo(path.join(dir.path, 'repo'))).valid,
    ).toBe(true);

    const bad = createActionContext({
      input: {
        path: 'repo',
        environment: { ...environment, baseDomain: 'not a domain' },
      },
      workspacePath: dir.path,
    });
    await expect(
      createCreateEnvironmentAction().handler(bad.ctx),
    ).rejects.toThrow(
      'Invalid environment: baseDomain: must be a DNS name such as rucio.example.org',
    );
  });

  it('refuses an RSE outside an environment repository', async () => {
    await writeFiles(
      dir.resolve('x'),
      generateEnvironment(parseEnvironmentSpec(environment)).filter(
        f => f.path !== 'rucio-environment.yaml',
      ),
    );
    const ctx = createActionContext({
      input: { path: 'x', rse: { name: 'A', kind: 'posix', path: '/a' } },
      workspacePath: dir.path,
    });
    await expect(createAddRseAction().handler(ctx.ctx)).rejects.toThrow(
      'x/rucio-environment.yaml is missing',
    );
  });
});
