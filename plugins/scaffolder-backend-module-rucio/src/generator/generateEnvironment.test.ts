import {
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { validateEnvironmentRepo } from '../validator/validateEnvironmentRepo';
import { parseEnvironmentSpec } from './EnvironmentSpec';
import { generateEnvironment } from './generateEnvironment';
import { serialize, writeFiles } from './writeFiles';

const input = {
  name: 'prod',
  baseDomain: 'rucio.example.org',
  overlays: ['staging', 'prod'],
  repoUrl: 'https://github.com/example/rucio-prod',
  tls: { issuer: 'letsencrypt', acmeEmail: 'ops@example.org' },
  database: { host: 'db.example.org' },
  oidc: {
    issuer: 'https://idp.example.org',
    clientId: 'rucio',
    secretName: 'rucio-oidc',
  },
  fts: ['https://fts3.example.org:8446'],
  ftsCredentials: { voms: 'dteam:/dteam' },
  rses: [
    {
      name: 'EXAMPLE_S3',
      kind: 's3',
      endpoint: 's3.example.org',
      bucket: 'rucio',
    },
    {
      name: 'EXAMPLE_TAPE',
      kind: 'archive',
      endpoint: 'tape.example.org',
      path: '//tape/rucio/',
    },
  ],
  owner: 'group:default/data-management',
};

describe('generateEnvironment', () => {
  const dir = createMockDirectory();

  it.each(['argocd', 'flux'])(
    'writes a repository that validates (%s)',
    async gitops => {
      dir.clear();
      const spec = parseEnvironmentSpec({
        ...input,
        gitops,
        secrets:
          gitops === 'flux'
            ? {
                backend: 'external-secrets',
                vaultStore: 'vault',
                vaultPath: 'kv/rucio/prod',
              }
            : undefined,
      });
      await writeFiles(dir.path, generateEnvironment(spec));
      const report = await validateEnvironmentRepo(dir.path);
      expect(report.findings).toEqual([]);
      expect(report.files).toEqual(
        expect.arrayContaining([
          'catalog-info.yaml',
          'base/kustomization.yaml',
          'overlays/prod/kustomization.yaml',
          'overlays/prod/values/rucio-server.yaml',
          'overlays/staging/values/rucio-daemons.yaml',
          'base/rses/EXAMPLE_S3.json',
        ]),
      );
    },
  );

  it('is byte-identical for identical input', () => {
    const a = generateEnvironment(parseEnvironmentSpec(input))
      .map(serialize)
      .join('\n');
    const b = generateEnvironment(parseEnvironmentSpec(structuredClone(input)))
      .map(serialize)
      .join('\n');
    expect(a).toBe(b);
  });

  it('sets explicit image tags, replicas and threads, and keeps secrets out of the repository', () => {
    const files = generateEnvironment(
      parseEnvironmentSpec({ ...input, rucioVersion: '39.3.1' }),
    );
    const get = (p: string) => files.find(f => f.path === p)!.content as any;
    expect(get('overlays/prod/values/rucio-server.yaml')).toMatchObject({
      replicaCount: 2,
      image: { tag: 'release-39.3.1' },
      additionalEnvs: [
        {
          name: 'RUCIO_CFG_DATABASE_DEFAULT',
          valueFrom: {
            secretKeyRef: { name: 'rucio-db', key: 'dbfullstring' },
          },
        },
      ],
    });
    expect(get('overlays/staging/values/rucio-auth.yaml')).toMatchObject({
      serverType: 'auth',
      useSSL: true,
      tlsSecretName: 'rucio-auth-tls',
      ingress: {
        annotations: { 'nginx.ingress.kubernetes.io/ssl-passthrough': 'true' },
        hosts: ['rucio-auth-staging.rucio.example.org'],
      },
    });
    expect(get('overlays/prod/values/rucio-daemons.yaml')).toMatchObject({
      reaperCount: 1,
      reaper: { threads: 4 },
      judgeEvaluatorCount: 1,
    });
    // Secret templates describe their keys in comments; no line sets one.
    const all = files
      .map(serialize)
      .join('\n')
      .replace(/^\s*#.*$/gm, '');
    expect(all).not.toMatch(/BEGIN .*PRIVATE KEY|password:|client_secret:/i);
    expect(all).not.toContain('PersistentVolumeClaim');
  });

  it('describes the environment and its parts for the catalog, as the catalog accepts them', async () => {
    const files = generateEnvironment(parseEnvironmentSpec(input));
    const catalog = parseAllDocuments(
      serialize(files.find(f => f.path === 'catalog-info.yaml')!),
    ).map(d => d.toJS());
    expect(catalog.map(e => `${e.kind}:${e.metadata.name}`)).toEqual([
      'System:rucio-prod',
      'Component:rucio-prod-server',
      'Component:rucio-prod-auth',
      'Component:rucio-prod-webui',
      'Component:rucio-prod-daemons',
      'Resource:rucio-prod-database',
      'Resource:prod-example_s3',
      'Resource:prod-example_tape',
    ]);
    expect(catalog[0].metadata.annotations).toMatchObject({
      'rucio.cern.ch/environment': 'prod',
      'backstage.io/kubernetes-id': 'rucio-prod',
      'argocd/app-selector': 'rucio.cern.ch/environment=prod',
    });
    // The catalog's own policies accept every entity (a relative link, for
    // one, fails "links.0.url is not valid" and the entity never appears).
    const policy = EntityPolicies.allOf([
      new DefaultNamespaceEntityPolicy(),
      new NoForeignRootFieldsEntityPolicy(),
      new FieldFormatEntityPolicy(),
      new SchemaValidEntityPolicy(),
    ]);
    for (const entity of catalog) {
      await expect(policy.enforce(entity)).resolves.toBeDefined();
    }
  });

  it('treats empty template parameters as not given', () => {
    const spec = parseEnvironmentSpec({
      ...input,
      rucioVersion: '',
      tls: { issuer: 'private-ca', caSecretName: 'site-ca', acmeEmail: '' },
      secrets: { backend: 'kubernetes', vaultStore: '', vaultPath: '' },
    });
    expect(spec.rucioVersion).toBe('40.1.0');
    expect(spec.tls).toEqual({ issuer: 'private-ca', caSecretName: 'site-ca' });
    const noOidc = parseEnvironmentSpec({
      ...input,
      oidc: { issuer: '', clientId: '', secretName: '' },
    });
    expect(noOidc.oidc).toBeUndefined();
  });

  it('refuses control characters in free text, naming the field', () => {
    expect(() =>
      parseEnvironmentSpec({
        ...input,
        owner: 'group:default/ops\nkind: Secret',
        rses: [{ name: 'A', kind: 'posix', path: '/data/\u0007' }],
      }),
    ).toThrow(
      'Invalid environment: rses.0.path: must not contain control characters; owner: must not contain control characters',
    );
  });

  it('names the field and the rule of invalid input', () => {
    expect(() =>
      parseEnvironmentSpec({
        ...input,
        name: 'Prod_1',
        tls: { issuer: 'private-ca' },
        rses: [{ name: 'bad name', kind: 's3' }],
        ftsCredentials: { type: 'x509' },
      }),
    ).toThrow(
      /name: must be a DNS-1123 label.*tls.caSecretName: is required with the private-ca issuer.*rses.0.name: must be upper-case.*rses.0.bucket: is required for s3 storage.*ftsCredentials.voms: is required with X.509 FTS3 credentials/,
    );
    expect(() =>
      parseEnvironmentSpec({
        ...input,
        oidc: undefined,
        ftsCredentials: { type: 'oidc' },
      }),
    ).toThrow(/ftsCredentials.type: oidc needs the oidc section/);
  });
});

describe('validator against the official chart values', () => {
  const dir = createMockDirectory();

  it('refuses a key the chart does not have, a PVC and a committed Secret', async () => {
    const files = generateEnvironment(parseEnvironmentSpec(input));
    await writeFiles(dir.path, files);
    const valuesFile = path.join(
      dir.path,
      'overlays/prod/values/rucio-server.yaml',
    );
    const values = parse(readFileSync(valuesFile, 'utf8'));
    values.ingress.clasName = 'nginx';
    // Read by the chart's ingress.yaml though values.yaml only has a comment.
    values.ingress.ingressClassName = 'nginx';
    values.replicas = 3;
    dir.addContent({
      'overlays/prod/values/rucio-server.yaml': JSON.stringify(values),
      'base/pvc.yaml':
        'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\n',
      'base/secret.yaml':
        'apiVersion: v1\nkind: Secret\nmetadata: {name: rucio-db}\nstringData: {dbfullstring: x}\n',
    });
    const report = await validateEnvironmentRepo(dir.path);
    expect(report.findings.map(f => `${f.file}: ${f.message}`)).toEqual([
      'base/pvc.yaml: the cluster stays stateless: no PersistentVolumeClaims',
      'base/secret.yaml: Secret rucio-db carries its values in the repository; use an ExternalSecret or create it out of band',
      'overlays/prod/values/rucio-server.yaml: ingress.clasName is not a value of the rucio-server chart',
      'overlays/prod/values/rucio-server.yaml: replicas is not a value of the rucio-server chart',
      'overlays/prod/values/rucio-server.yaml: edited by hand: differs from what rucio-environment.yaml generates',
    ]);
  });
});
