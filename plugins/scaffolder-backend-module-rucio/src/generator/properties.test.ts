import { createMockDirectory } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { validateEnvironmentRepo } from '../validator/validateEnvironmentRepo';
import { chartDaemons } from './chartValues';
import { parseEnvironmentSpec } from './EnvironmentSpec';
import { generateEnvironment } from './generateEnvironment';
import { serialize, writeFiles } from './writeFiles';

const label = fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/);
// Free text that YAML treats specially when unquoted.
const freeText = fc.oneof(
  fc.constantFrom(
    'a: b',
    '# not a comment',
    '- dash',
    '"quoted"',
    "it's",
    '{braces}',
    '[brackets]',
    '&anchor *alias',
    'yes',
    'null',
    '0x1F',
    '|pipe >fold',
    'tab\there',
    'ünïcödé ✓',
  ),
  fc.string({ minLength: 1, maxLength: 20 }),
);

const rse = fc
  .record({
    name: fc.stringMatching(/^[A-Z][A-Z0-9_]{0,15}$/),
    kind: fc.constantFrom('s3', 'gcs', 'azure', 'posix', 'archive'),
    endpoint: fc.option(
      label.map(l => `${l}.example.org`),
      { nil: undefined },
    ),
    text: freeText,
    tape: fc.boolean(),
  })
  .map(({ text, ...r }) =>
    ['s3', 'gcs', 'azure'].includes(r.kind)
      ? { ...r, bucket: text }
      : { ...r, path: `/${text}/` },
  );

const daemonNames = chartDaemons();

const environment = fc.record({
  name: label,
  baseDomain: label.map(l => `${l}.example.org`),
  overlays: fc.subarray(['dev', 'staging', 'prod'], { minLength: 1 }),
  repoUrl: label.map(l => `https://git.example.org/${l}`),
  gitops: fc.constantFrom('argocd', 'flux'),
  secrets: fc.oneof(
    fc.constant({ backend: 'kubernetes' }),
    fc.record({
      backend: fc.constant('external-secrets'),
      vaultStore: fc.constant('vault'),
      vaultPath: freeText,
    }),
    fc.record({
      backend: fc.constant('external-secrets'),
      vaultServer: fc.constant('https://vault.example.org:8200'),
      vaultPath: label,
    }),
  ),
  ingress: fc.constantFrom('nginx', 'traefik'),
  tls: fc.oneof(
    fc.record({
      issuer: fc.constantFrom('letsencrypt', 'letsencrypt-staging'),
      acmeEmail: fc.constant('ops@example.org'),
    }),
    fc.record({ issuer: fc.constant('private-ca'), caSecretName: label }),
  ),
  dns: fc.constantFrom('none', 'cloudflare', 'route53'),
  database: fc.record({
    host: label.map(l => `${l}.db.example.org`),
    pgbouncer: fc.record({
      enabled: fc.boolean(),
      poolMode: fc.constantFrom('session', 'transaction'),
      poolSize: fc.integer({ min: 1, max: 500 }),
    }),
  }),
  oidc: fc.option(
    fc.record({
      issuer: fc.constant('https://idp.example.org'),
      clientId: freeText,
      secretName: label,
    }),
    { nil: undefined },
  ),
  fts: fc.array(
    label.map(l => `https://${l}.example.org:8446`),
    { maxLength: 3 },
  ),
  rses: fc.uniqueArray(rse, { maxLength: 8, selector: r => r.name }),
  daemons: fc.dictionary(
    fc.constantFrom(...daemonNames),
    fc.record({
      replicas: fc.integer({ min: 0, max: 20 }),
      threads: fc.integer({ min: 1, max: 64 }),
    }),
    { minKeys: 1, maxKeys: 8 },
  ),
  monitoring: fc.boolean(),
  owner: freeText.map(t => `group:default/${t}`),
});

describe('generator properties over random valid environments', () => {
  const dir = createMockDirectory();

  it('writes files that parse, round-trip, validate and are deterministic', async () => {
    await fc.assert(
      fc.asyncProperty(environment, async input => {
        const spec = parseEnvironmentSpec(input);
        const files = generateEnvironment(spec);
        const again = generateEnvironment(parseEnvironmentSpec(input));
        expect(again.map(serialize)).toEqual(files.map(serialize));

        for (const file of files) {
          if (typeof file.content === 'string') continue;
          const text = serialize(file);
          const parsed = file.path.endsWith('.json')
            ? [JSON.parse(text)]
            : parseAllDocuments(text).map(d => d.toJS());
          const docs = Array.isArray(file.content)
            ? file.content
            : [file.content];
          // Free text with YAML-special characters comes back unchanged.
          expect(parsed).toEqual(JSON.parse(JSON.stringify(docs)));
        }

        dir.clear();
        await writeFiles(dir.path, files);
        const report = await validateEnvironmentRepo(dir.path);
        // Covers: chart keys, schemas, Kustomize references, secret names,
        // no PersistentVolumeClaim and no Secret with values.
        expect(report.findings.filter(f => f.severity === 'error')).toEqual([]);
      }),
      { numRuns: 25 },
    );
    // A bound on a hang, not a speed target: 25 repositories are written and validated.
  }, 120_000);

  it('rejects invalid input with the field and the rule', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          [{ name: 'Not_A_Label' }, /name: must be a DNS-1123 label/],
          [{ overlays: ['qa'] }, /overlays\.0: Invalid enum value/],
          [
            { rucioVersion: 'latest' },
            /rucioVersion: must be an explicit release/,
          ],
          [
            { database: { host: 'db;drop' } },
            /database\.host: must be a host name/,
          ],
          [
            { daemons: { reaperz: { replicas: 1, threads: 1 } } },
            /daemons\.reaperz: is not a daemon of the rucio-daemons chart/,
          ],
          [
            { secrets: { backend: 'external-secrets' } },
            /secrets\.vaultPath: is required.*secrets\.vaultServer: is required/,
          ],
        ),
        ([override, message]) => {
          expect(() =>
            parseEnvironmentSpec({
              name: 'dev',
              baseDomain: 'example.org',
              repoUrl: 'https://git.example.org/dev',
              tls: { issuer: 'letsencrypt', acmeEmail: 'ops@example.org' },
              database: { host: 'db.example.org' },
              owner: 'group:default/ops',
              ...(override as object),
            }),
          ).toThrow(message as RegExp);
        },
      ),
    );
  });
});
