import { chartDaemons } from './chartValues';

const KINDS = ['s3', 'gcs', 'azure', 'posix', 'archive'] as const;

/** `count` RSEs cycling through the five kinds (also used by the benchmark). */
export function rsesOfEveryKind(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const kind = KINDS[i % KINDS.length];
    const name = `SITE${String(i + 1).padStart(2, '0')}_${kind.toUpperCase()}`;
    return ['s3', 'gcs', 'azure'].includes(kind)
      ? { name, kind, bucket: `bucket-${i + 1}` }
      : {
          name,
          kind,
          endpoint: `storage${i + 1}.example.org`,
          path: `/rucio/${i + 1}/`,
          tape: kind === 'archive',
        };
  });
}

/** The three environments whose generated repositories are kept as golden files. */
export const GOLDEN_INPUTS: Record<string, Record<string, unknown>> = {
  // Small: Argo CD, Kubernetes Secrets, nginx, Let's Encrypt.
  small: {
    name: 'dev',
    baseDomain: 'rucio.example.org',
    overlays: ['dev'],
    rucioVersion: '40.1.0',
    repoUrl: 'https://github.com/example/rucio-dev',
    gitops: 'argocd',
    secrets: { backend: 'kubernetes' },
    ingress: 'nginx',
    tls: { issuer: 'letsencrypt', acmeEmail: 'ops@example.org' },
    database: {
      host: 'db.example.org',
      pgbouncer: { enabled: false },
    },
    rses: [{ name: 'DEV_DISK', kind: 'posix', path: '/data/rucio/' }],
    monitoring: false,
    owner: 'group:default/data-management',
  },
  // Flux, External Secrets with Vault, Traefik, a private CA, PgBouncer.
  'flux-vault': {
    name: 'prod',
    baseDomain: 'data.example.org',
    overlays: ['staging', 'prod'],
    rucioVersion: '40.1.0',
    repoUrl: 'https://gitlab.example.org/rucio/prod.git',
    gitops: 'flux',
    secrets: {
      backend: 'external-secrets',
      vaultServer: 'https://vault.example.org:8200',
      vaultPath: 'rucio/prod',
    },
    ingress: 'traefik',
    tls: { issuer: 'private-ca', caSecretName: 'site-ca' },
    dns: 'cloudflare',
    database: {
      host: 'pg.internal.example.org',
      sslmode: 'verify-full',
      pgbouncer: { enabled: true, poolMode: 'transaction', poolSize: 40 },
    },
    oidc: {
      issuer: 'https://idp.example.org/realms/science',
      clientId: 'rucio-prod',
      secretName: 'rucio-oidc',
    },
    fts: ['https://fts3-a.example.org:8446', 'https://fts3-b.example.org:8446'],
    ftsCredentials: { type: 'x509', voms: 'escape:/escape/Role=production' },
    rses: [
      {
        name: 'PROD_S3',
        kind: 's3',
        endpoint: 's3.example.org',
        bucket: 'rucio-prod',
      },
      {
        name: 'PROD_POSIX',
        kind: 'posix',
        endpoint: 'webdav.example.org',
        path: '/cephfs/rucio/',
      },
      {
        name: 'PROD_TAPE',
        kind: 'archive',
        endpoint: 'cta.example.org',
        path: '//eos/ctaprod/rucio/',
      },
    ],
    monitoring: true,
    owner: 'group:default/data-management',
    system: 'rucio-production',
  },
  // 25 RSEs of all five kinds and every daemon of the chart.
  large: {
    name: 'big',
    baseDomain: 'grid.example.org',
    overlays: ['dev', 'staging', 'prod'],
    rucioVersion: '40.1.0',
    repoUrl: 'https://github.com/example/rucio-big',
    gitops: 'argocd',
    secrets: {
      backend: 'external-secrets',
      vaultStore: 'vault',
      vaultPath: 'kv/rucio/big',
    },
    ingress: 'nginx',
    tls: { issuer: 'letsencrypt-staging', acmeEmail: 'grid@example.org' },
    dns: 'route53',
    database: { host: '10.0.0.12', port: 5433, name: 'rucio_big' },
    fts: ['https://fts3.example.org:8446'],
    ftsCredentials: { type: 'x509', voms: 'atlas:/atlas/Role=production' },
    rses: rsesOfEveryKind(25),
    daemons: Object.fromEntries(
      chartDaemons().map(d => [d, { replicas: 1, threads: 2 }]),
    ),
    monitoring: true,
    owner: 'group:default/grid-ops',
  },
};
