import { z } from 'zod/v3';
import { CHART_VERSION, chartDaemons } from './chartValues';
import { adoptedRseSchema, rseSpecSchema } from './rseSpec';
import { DEFAULT_DAEMONS, defaultDaemons } from './daemonDefaults';
import {
  controlCharacters,
  daemonsByName,
  describeIssues,
  withoutEmpty,
} from './environmentInput';
import { dnsLabel, dnsName, regionSchema, vaultAuthMount } from './regionSpec';

const sqlIdentifier =
  'must be a plain PostgreSQL name (letters, digits, _, $ or -, at most 63)';

const daemon = z.object({
  replicas: z.number().int().min(0).max(20),
  threads: z.number().int().min(1).max(64),
});

/** The current Rucio release used when none is given. */
export const DEFAULT_RUCIO_VERSION = '40.1.0';

const environmentSpecObject = z.object({
  name: dnsLabel.describe('Environment name, e.g. "prod"'),
  baseDomain: dnsName.describe(
    'Hosts become rucio.<baseDomain>, rucio-auth.<baseDomain>, rucio-ui.<baseDomain>',
  ),
  overlays: z
    .array(
      z
        .string()
        .regex(
          /^(dev|staging|prod)(-[a-z0-9]{1,20})?$/,
          'must be dev, staging or prod, or one of them followed by -<region>',
        ),
    )
    .min(1)
    .default(['dev']),
  regions: z
    .array(regionSchema)
    .optional()
    .describe(
      'Other clusters: an overlay <stage>-<region> runs there, with its own hosts, issuer, Argo CD destination and Vault Kubernetes auth mount',
    ),
  rucioVersion: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, 'must be an explicit release such as 40.1.0')
    .default(DEFAULT_RUCIO_VERSION),
  chartVersion: z
    .string()
    .regex(
      /^\d+\.\d+\.\d+$/,
      'must be an explicit chart release such as 40.0.0',
    )
    .default(CHART_VERSION)
    .describe(
      'Version of the official Rucio charts (rucio-server, rucio-daemons, rucio-webui)',
    ),
  repoUrl: z
    .string()
    .url()
    .describe('Git URL of the environment repository, read by Argo CD or Flux'),
  gitops: z.enum(['argocd', 'flux']).default('argocd'),
  secrets: z
    .object({
      backend: z.enum(['kubernetes', 'external-secrets']).default('kubernetes'),
      vaultStore: z
        .string()
        .optional()
        .describe('An existing ClusterSecretStore backed by Vault'),
      vaultServer: z
        .string()
        .url()
        .optional()
        .describe(
          'Vault address; a namespaced SecretStore with Kubernetes auth is generated',
        ),
      vaultMount: z.string().default('secret').describe('KV v2 mount'),
      vaultRole: z
        .string()
        .optional()
        .describe('Vault Kubernetes-auth role (default rucio-<name>)'),
      vaultAuthMount: vaultAuthMount.describe(
        'Vault Kubernetes auth mount of the home cluster (default kubernetes)',
      ),
      vaultPath: z
        .string()
        .optional()
        .describe('Vault KV path holding this environment’s secrets'),
    })
    .default({})
    .superRefine((value, ctx) => {
      if (value.backend !== 'external-secrets') return;
      if (!value.vaultPath) {
        ctx.addIssue({
          code: 'custom',
          path: ['vaultPath'],
          message: 'is required with external-secrets',
        });
      }
      if (!value.vaultStore && !value.vaultServer) {
        ctx.addIssue({
          code: 'custom',
          path: ['vaultServer'],
          message:
            'is required with external-secrets unless vaultStore names an existing ClusterSecretStore',
        });
      }
    }),
  ingress: z.enum(['nginx', 'traefik']).default('nginx'),
  tls: z
    .object({
      issuer: z
        .enum(['letsencrypt', 'letsencrypt-staging', 'private-ca'])
        .default('letsencrypt'),
      acmeEmail: z.string().email().optional(),
      caSecretName: dnsLabel.optional(),
    })
    .default({})
    .superRefine((value, ctx) => {
      if (value.issuer === 'private-ca' && !value.caSecretName) {
        ctx.addIssue({
          code: 'custom',
          path: ['caSecretName'],
          message: 'is required with the private-ca issuer',
        });
      }
      if (value.issuer !== 'private-ca' && !value.acmeEmail) {
        ctx.addIssue({
          code: 'custom',
          path: ['acmeEmail'],
          message: 'is required with Let’s Encrypt',
        });
      }
    }),
  dns: z
    .enum(['none', 'cloudflare', 'route53', 'google', 'azure', 'rfc2136'])
    .default('none'),
  database: z.object({
    host: z
      .string()
      .regex(
        /^[A-Za-z0-9]([A-Za-z0-9.:-]*[A-Za-z0-9])?$/,
        'must be a host name or IP address',
      ),
    port: z.number().int().min(1).max(65535).default(5432),
    // They land in pgbouncer.ini and connection strings unquoted.
    name: z
      .string()
      .regex(/^[A-Za-z0-9_][A-Za-z0-9_$-]{0,62}$/, sqlIdentifier)
      .default('rucio'),
    user: z
      .string()
      .regex(/^[A-Za-z0-9_][A-Za-z0-9_$-]{0,62}$/, sqlIdentifier)
      .default('rucio'),
    sslmode: z
      .enum(['disable', 'require', 'verify-ca', 'verify-full'])
      .default('require'),
    pgbouncer: z
      .object({
        enabled: z.boolean().default(true),
        poolMode: z.enum(['session', 'transaction']).default('transaction'),
        poolSize: z.number().int().min(1).max(500).default(20),
      })
      .default({}),
  }),
  oidc: z
    .object({
      issuer: z.string().url(),
      clientId: z.string().min(1),
      secretName: dnsLabel.describe(
        'Secret holding the client secret under key client_secret',
      ),
    })
    .optional(),
  fts: z.array(z.string().url()).default([]),
  ftsCredentials: z
    .object({
      type: z
        .enum(['x509', 'oidc'])
        .default('x509')
        .describe(
          'x509: a proxy delegated from a host certificate, renewed by the rucio-daemons chart; oidc: tokens from the OIDC provider (WebDAV RSEs only)',
        ),
      voms: z
        .string()
        .regex(
          /^[A-Za-z0-9._-]+:\/[A-Za-z0-9._=/-]+$/,
          'must be a VOMS attribute such as escape:/escape/Role=production',
        )
        .optional()
        .describe('VOMS extension of the delegated proxy (x509)'),
    })
    .default({}),
  rses: z.array(rseSpecSchema).default([]),
  adoptedRses: z
    .array(adoptedRseSchema)
    .default([])
    .describe(
      'RSEs adopted from a running Rucio, declared as it serves them (rucio:environment:adopt)',
    ),
  rsePrune: z
    .boolean()
    .default(false)
    .describe(
      'Let the RSE Job delete RSEs and protocols Rucio has but the repository does not declare',
    ),
  daemons: z
    .record(daemon)
    .default(DEFAULT_DAEMONS)
    .superRefine((value, ctx) => {
      const known = chartDaemons();
      for (const name of Object.keys(value)) {
        if (!known.includes(name)) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: `is not a daemon of the rucio-daemons chart (one of ${known.join(
              ', ',
            )})`,
          });
        }
      }
    }),
  monitoring: z.boolean().default(true),
  owner: z
    .string()
    .min(1)
    .describe('Owning group, e.g. group:default/data-management'),
  system: dnsLabel
    .optional()
    .describe('System entity name (default rucio-<name>)'),
});

/** The fields of an environment, e.g. for checking a template's inputs. */
export const ENVIRONMENT_SPEC_FIELDS = Object.keys(environmentSpecObject.shape);

/**
 * Everything the generator needs, validated. Errors name the field and the rule.
 *
 * @public
 */
export const environmentSpecSchema = environmentSpecObject.superRefine(
  (value, ctx) => {
    if (value.fts.length && value.ftsCredentials.type === 'x509') {
      if (!value.ftsCredentials.voms) {
        ctx.addIssue({
          code: 'custom',
          path: ['ftsCredentials', 'voms'],
          message:
            'is required with X.509 FTS3 credentials (the proxy renewal asks for this VOMS extension)',
        });
      }
    }
    if (value.ftsCredentials.type === 'oidc' && !value.oidc) {
      ctx.addIssue({
        code: 'custom',
        path: ['ftsCredentials', 'type'],
        message:
          'oidc needs the oidc section (Rucio asks its provider for FTS3 tokens)',
      });
    }
    const regions = new Set((value.regions ?? []).map(r => r.name));
    if (regions.size !== (value.regions ?? []).length) {
      ctx.addIssue({
        code: 'custom',
        path: ['regions'],
        message: 'names a region twice',
      });
    }
    value.overlays.forEach((overlay, i) => {
      const region = overlay.split('-')[1];
      if (value.overlays.indexOf(overlay) !== i) {
        ctx.addIssue({
          code: 'custom',
          path: ['overlays', i],
          message: `${overlay} is listed twice`,
        });
      }
      if (region && !regions.has(region)) {
        ctx.addIssue({
          code: 'custom',
          path: ['overlays', i],
          message: `names the region ${region}, which regions does not declare`,
        });
      }
      if (region && value.gitops !== 'argocd') {
        ctx.addIssue({
          code: 'custom',
          path: ['overlays', i],
          message:
            'an overlay in another region needs gitops: argocd (with Flux the HelmReleases would need their own kubeConfig, which is not generated)',
        });
      }
    });
    const seen = new Set<string>();
    const names = [
      ...value.rses.map((r, i) => ({ name: r.name, at: ['rses', i, 'name'] })),
      ...value.adoptedRses.map((r, i) => ({
        name: r.rse,
        at: ['adoptedRses', i, 'rse'],
      })),
    ];
    for (const { name, at } of names) {
      if (seen.has(name)) {
        ctx.addIssue({
          code: 'custom',
          path: at,
          message: `RSE ${name} is listed twice`,
        });
      }
      seen.add(name);
    }
  },
);

/**
 * A validated environment: what `rucio-environment.yaml` declares.
 *
 * @public
 */
export type EnvironmentSpec = z.infer<typeof environmentSpecSchema>;

/** One RSE of the spec. */
export type RseSpec = EnvironmentSpec['rses'][number];

/**
 * Parses raw input; the error names every bad field and its rule.
 *
 * @public
 */
export function parseEnvironmentSpec(input: unknown): EnvironmentSpec {
  const bad = controlCharacters(input);
  if (bad.length) {
    throw new Error(
      `Invalid environment: ${bad
        .map(field => `${field}: must not contain control characters`)
        .join('; ')}`,
    );
  }
  // Adopted RSEs are kept as Rucio served them: a null priority or an empty
  // extended attribute means something there, unlike an empty form field.
  const { adoptedRses, ...rest } = (input ?? {}) as Record<string, unknown>;
  const given = daemonsByName(withoutEmpty(rest)) as {
    daemons?: unknown;
    fts?: unknown;
  };
  const parsed = environmentSpecSchema.safeParse({
    ...given,
    ...(given.daemons === undefined
      ? {
          daemons: defaultDaemons(
            Array.isArray(given.fts) && given.fts.length > 0,
          ),
        }
      : {}),
    ...(adoptedRses === undefined ? {} : { adoptedRses }),
  });
  if (!parsed.success) {
    throw new Error(
      describeIssues('environment', parsed.error.issues, '(input)'),
    );
  }
  return parsed.data;
}
