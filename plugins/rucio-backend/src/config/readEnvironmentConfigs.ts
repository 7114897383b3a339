import { parseEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { z } from 'zod';
import { dataPlane, notifications, repository } from './watchSchemas';

const url = z
  .string()
  .url()
  .refine(v => /^https?:\/\//.test(v), 'must be an http(s) URL')
  .transform(v => v.replace(/\/+$/, ''));

const positive = z.number().int().positive();

const schedule = z
  .object({
    intervalSeconds: positive.optional(),
    checkTimeoutSeconds: positive.optional(),
    rseConcurrency: positive.max(64).optional(),
    rseDetailRequestsPerMinute: positive.max(100_000).optional(),
    adoptionRequestsPerMinute: positive.max(100_000).optional(),
    historySize: positive.max(10_000).optional(),
  })
  .strict();

interface Schedule {
  intervalSeconds: number;
  checkTimeoutSeconds: number;
  rseConcurrency: number;
  rseDetailRequestsPerMinute: number;
  adoptionRequestsPerMinute: number;
  historySize: number;
}

const DEFAULT_SCHEDULE: Schedule = {
  intervalSeconds: 60,
  checkTimeoutSeconds: 10,
  rseConcurrency: 8,
  rseDetailRequestsPerMinute: 240,
  adoptionRequestsPerMinute: 1200,
  historySize: 120,
};

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

const rucio = z
  .object({
    url,
    authUrl: url.optional(),
    vo: z.string().min(1).optional(),
    account: z.string().min(1).optional(),
    caFile: z.string().min(1).optional(),
    userpass: z
      .object({ username: z.string().min(1), password: z.string().min(1) })
      .strict()
      .optional(),
    x509: z
      .object({ certFile: z.string().min(1), keyFile: z.string().min(1) })
      .strict()
      .optional(),
    token: z.string().min(1).optional(),
    // OAuth 2.0 client credentials at a generic OIDC provider.
    oidc: z
      .object({
        tokenUrl: url,
        clientId: z.string().min(1),
        clientSecret: z.string().min(1),
        scope: z.string().min(1).optional(),
        audience: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    const methods = ['userpass', 'x509', 'token', 'oidc'].filter(
      k => value[k as 'userpass' | 'x509' | 'token' | 'oidc'] !== undefined,
    );
    if (methods.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `must set exactly one of userpass, x509, token or oidc (found ${
          methods.length ? methods.join(', ') : 'none'
        })`,
      });
    }
    if (value.userpass && !value.account) {
      ctx.addIssue({
        code: 'custom',
        path: ['account'],
        message: 'is required with userpass credentials',
      });
    }
  });

const fts = z
  .object({
    url,
    monitoringUrl: url.optional(),
    caFile: z.string().min(1).optional(),
    certFile: z.string().min(1).optional(),
    keyFile: z.string().min(1).optional(),
    token: z.string().min(1).optional(),
    // Rucio delegates 96-hour proxies and renews them below 72 hours.
    proxyWarningHours: positive.default(48),
    proxyErrorHours: positive.default(12),
  })
  .strict()
  .refine(v => !v.certFile === !v.keyFile, {
    message: 'certFile and keyFile go together',
  })
  .refine(v => v.proxyErrorHours < v.proxyWarningHours, {
    message: 'proxyErrorHours must be below proxyWarningHours',
  });

const pgConnection = z
  .object({
    host: z.string().min(1),
    port: positive.default(5432),
    database: z.string().min(1),
    user: z.string().min(1),
    password: z.string().optional(),
    // Unset: verify-full in production, disable elsewhere (see below).
    ssl: z.enum(['disable', 'require', 'verify-full']).optional(),
    caFile: z.string().min(1).optional(),
  })
  .strict();

// Rucio's own tables, read with aggregate queries only (rules, transfers).
const rucioDatabase = pgConnection
  .extend({
    schema: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'must be a plain schema name'),
    statementTimeoutSeconds: positive.max(300).default(10),
    historyMinutes: positive.default(60),
  })
  .strict();

const environment = z
  .object({
    name: z
      .string()
      .regex(
        /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
        'must be a DNS-1123 label (lower-case letters, digits, dashes)',
      ),
    title: z.string().min(1).optional(),
    owner: z.string().min(1).optional(),
    system: z
      .string()
      .refine(
        v => {
          try {
            const ref = parseEntityRef(v, {
              defaultKind: 'system',
              defaultNamespace: 'default',
            });
            return ref.kind.toLocaleLowerCase('en-US') === 'system';
          } catch {
            return false;
          }
        },
        { message: 'must be a System name or entity ref, e.g. rucio-prod' },
      )
      .optional(),
    demo: z.boolean().default(false),
    // Credentials over plain HTTP are refused in production unless set.
    allowInsecure: z.boolean().default(false),
    rucio,
    webui: z.object({ url }).strict().optional(),
    links: z
      .object({ argocd: url.optional(), grafana: url.optional() })
      .strict()
      .default({}),
    fts: z.array(fts).default([]),
    database: z
      .object({
        postgres: pgConnection.optional(),
        pgbouncer: pgConnection.optional(),
        rucio: rucioDatabase.optional(),
      })
      .strict()
      .optional(),
    dataPlane,
    repository,
    notifications,
    kubernetes: z
      .object({
        cluster: z.string().min(1),
        namespace: z.string().min(1),
        labelSelector: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    gitops: z
      .object({
        controller: z.enum(['argocd', 'flux']),
        namespace: z.string().min(1),
        names: z.array(z.string().min(1)).optional(),
        labelSelector: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    daemons: z
      .object({
        expected: z.array(z.string().min(1)).optional(),
        staleAfterSeconds: positive.optional(),
        sleepTimeSeconds: positive.default(60),
        perDaemon: z
          .record(
            z.string().min(1),
            z.object({ staleAfterSeconds: positive }).strict(),
          )
          .optional(),
      })
      .strict()
      .default({ sleepTimeSeconds: 60 }),
    tls: z
      .object({
        endpoints: z.array(z.string().min(1)).default([]),
        warningDays: positive.default(21),
        errorDays: positive.default(7),
        caFile: z.string().min(1).optional(),
      })
      .strict()
      .default({ endpoints: [], warningDays: 21, errorDays: 7 }),
    schedule: schedule.default({}),
  })
  .strict();

/**
 * The `rucio` config root; the config.d.ts of this plugin and of the frontend
 * plugin (`ui`) declare the same keys (tested).
 */
export const rucioConfigSchema = z
  .object({
    defaults: z.object({ schedule: schedule.optional() }).strict().optional(),
    // Read by the frontend plugin; checked here so a typo stops the start.
    ui: z
      .object({ byteUnits: z.enum(['decimal', 'binary']).optional() })
      .strict()
      .optional(),
    environments: z.array(environment).default([]),
  })
  .strict();

/** One environment, validated, with defaults filled in. */
type PgConnection = z.infer<typeof pgConnection> & {
  ssl: 'disable' | 'require' | 'verify-full';
};

export type EnvironmentConfig = Omit<
  z.infer<typeof environment>,
  'schedule' | 'database'
> & {
  schedule: Schedule;
  database?: {
    postgres?: PgConnection;
    pgbouncer?: PgConnection;
    rucio?: z.infer<typeof rucioDatabase> & PgConnection;
  };
  rucio: z.infer<typeof rucio> & { authUrl: string };
};

/** Keys that would send a password or token over plain HTTP. */
function plainHttpCredentials(
  env: z.infer<typeof environment>,
  index: number,
): string[] {
  const key = `rucio.environments[${index}]`;
  const http = (value?: string) => !!value && value.startsWith('http://');
  const problems: string[] = [];
  if (env.rucio.userpass || env.rucio.token || env.rucio.oidc) {
    for (const field of ['url', 'authUrl'] as const) {
      if (http(env.rucio[field])) {
        problems.push(
          `${key}.rucio.${field}: sends credentials over plain http in production`,
        );
      }
    }
  }
  if (env.rucio.oidc && http(env.rucio.oidc.tokenUrl)) {
    problems.push(
      `${key}.rucio.oidc.tokenUrl: sends the client secret over plain http in production`,
    );
  }
  env.fts.forEach((server, i) => {
    if (server.token && http(server.url)) {
      problems.push(
        `${key}.fts[${i}].url: sends a token over plain http in production`,
      );
    }
  });
  return problems;
}

function keyOf(path: PropertyKey[]): string {
  let key = 'rucio';
  for (const part of path) {
    key += typeof part === 'number' ? `[${part}]` : `.${String(part)}`;
  }
  return key;
}

/**
 * Reads and validates `rucio.environments[]`. Throws one error that names
 * every bad key, so that the backend refuses to start on a broken config.
 */
export function readEnvironmentConfigs(config: Config): EnvironmentConfig[] {
  const raw = config.getOptional('rucio') ?? {};
  const parsed = rucioConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      issue =>
        `${keyOf(issue.path)}: ${
          issue.code === 'unrecognized_keys'
            ? `unknown key(s) ${issue.keys.join(', ')}`
            : issue.message
        }`,
    );
    throw new Error(`Invalid Rucio configuration: ${problems.join('; ')}`);
  }
  const production =
    config.getOptionalString('auth.environment') === 'production';
  if (production) {
    const insecure = parsed.data.environments.flatMap((env, index) =>
      env.allowInsecure ? [] : plainHttpCredentials(env, index),
    );
    if (insecure.length) {
      throw new Error(
        `Invalid Rucio configuration: ${insecure.join(
          '; ',
        )} (set allowInsecure: true on the environment to accept this)`,
      );
    }
  }
  const defaults = withoutUndefined(parsed.data.defaults?.schedule ?? {});
  const seen = new Set<string>();
  return parsed.data.environments.map((env, index) => {
    if (seen.has(env.name)) {
      throw new Error(
        `Invalid Rucio configuration: rucio.environments[${index}].name: "${env.name}" is used twice`,
      );
    }
    seen.add(env.name);
    const ssl = production ? 'verify-full' : 'disable';
    const database = env.database && {
      postgres: env.database.postgres && {
        ...env.database.postgres,
        ssl: env.database.postgres.ssl ?? ssl,
      },
      pgbouncer: env.database.pgbouncer && {
        ...env.database.pgbouncer,
        ssl: env.database.pgbouncer.ssl ?? ssl,
      },
      rucio: env.database.rucio && {
        ...env.database.rucio,
        ssl: env.database.rucio.ssl ?? ssl,
      },
    };
    return {
      ...env,
      database,
      rucio: { ...env.rucio, authUrl: env.rucio.authUrl ?? env.rucio.url },
      schedule: {
        ...DEFAULT_SCHEDULE,
        ...defaults,
        ...withoutUndefined(env.schedule),
      },
    };
  });
}
