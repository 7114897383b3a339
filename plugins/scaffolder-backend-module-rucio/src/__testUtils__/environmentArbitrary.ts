import fc from 'fast-check';
import { chartDaemons } from '../generator/chartValues';
import { hasControlCharacters } from '../generator/environmentInput';

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
    'ünïcödé ✓',
  ),
  // Printable text: control characters are refused (EnvironmentSpec).
  fc
    .string({ minLength: 1, maxLength: 20 })
    .filter(t => !hasControlCharacters(t)),
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

/** Random valid environments with YAML-special free text. */
export const environment = fc.record({
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
  ftsCredentials: fc.constant({ type: 'x509', voms: 'dteam:/dteam' }),
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
