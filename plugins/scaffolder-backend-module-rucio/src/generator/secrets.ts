import { stringify } from 'yaml';
import type { EnvironmentSpec } from './EnvironmentSpec';
import { LABEL } from './names';

/** One Secret the environment reads, described but never filled in. */
export interface RequiredSecret {
  name: string;
  keys: Array<{ key: string; description: string }>;
}

export const DB_SECRET = 'rucio-db';
export const RSE_ADMIN_SECRET = 'rucio-rse-admin';
export const PGBOUNCER_USERLIST_SECRET = 'pgbouncer-userlist';
export const PGBOUNCER_CA_SECRET = 'pgbouncer-server-ca';
/** Rucio signs S3 URLs with the keys in rse-accounts.cfg, keyed by RSE id. */
export const RSE_ACCOUNTS_SECRET = 'rucio-rse-accounts';
export const RSE_ACCOUNTS_KEY = 'rse-accounts.cfg';
/** Rucio signs GCS URLs with one service account (`[credentials] gcs`). */
export const GCS_SECRET = 'rucio-gcs-credentials';
export const GCS_KEY = 'gcs.json';
/** The host certificate the FTS3 proxy is made from, and the proxy itself. */
export const FTS_CERT_SECRET = 'rucio-fts-cert';
export const FTS_PROXY_SECRET = 'rucio-x509up';
/** The file Rucio reads its OIDC clients from (`[oidc] idpsecrets`). */
export const IDP_SECRETS_KEY = 'idpsecrets.json';

/** The OIDC client of the environment in Rucio's idpsecrets.json format. */
export function idpSecrets(
  spec: EnvironmentSpec,
  authHost: string,
  clientSecret: string,
) {
  if (!spec.oidc) return undefined;
  return {
    default: {
      issuer: spec.oidc.issuer,
      client_id: spec.oidc.clientId,
      client_secret: clientSecret,
      redirect_uris: [
        `https://${authHost}/auth/oidc_token`,
        `https://${authHost}/auth/oidc_code`,
      ],
      SCOPE: 'openid profile',
      AUDIENCE: 'rucio',
    },
  };
}

/** Every Secret the generated manifests reference, in a stable order. */
export function requiredSecrets(spec: EnvironmentSpec): RequiredSecret[] {
  const secrets: RequiredSecret[] = [
    {
      name: DB_SECRET,
      keys: [
        {
          key: 'dbfullstring',
          description: spec.database.pgbouncer.enabled
            ? 'postgresql://<user>:<password>@pgbouncer:6432/<database>'
            : `postgresql://<user>:<password>@${spec.database.host}:${spec.database.port}/${spec.database.name}?sslmode=${spec.database.sslmode}`,
        },
      ],
    },
    {
      name: RSE_ADMIN_SECRET,
      keys: [
        {
          key: 'username',
          description: 'userpass identity of the root account',
        },
        { key: 'password', description: 'its password' },
      ],
    },
  ];
  if (spec.database.pgbouncer.enabled) {
    secrets.push({
      name: PGBOUNCER_USERLIST_SECRET,
      keys: [
        {
          key: 'userlist.txt',
          description: `"${spec.database.user}" "SCRAM-SHA-256$<iterations>:<salt>$<storedkey>:<serverkey>"`,
        },
      ],
    });
  }
  if (
    spec.database.pgbouncer.enabled &&
    spec.database.sslmode.startsWith('verify')
  ) {
    secrets.push({
      name: PGBOUNCER_CA_SECRET,
      keys: [
        {
          key: 'ca.crt',
          description: `CA certificate(s) that signed ${spec.database.host} (PgBouncer server_tls_ca_file)`,
        },
      ],
    });
  }
  if (spec.oidc) {
    secrets.push({
      name: spec.oidc.secretName,
      keys: [
        {
          key: IDP_SECRETS_KEY,
          description: `Rucio's OIDC client file: {"default": {"issuer": "${spec.oidc.issuer}", "client_id": "${spec.oidc.clientId}", "client_secret": "<secret>", ...}}`,
        },
      ],
    });
  }
  if (spec.rses.some(r => r.kind === 's3')) {
    secrets.push({
      name: RSE_ACCOUNTS_SECRET,
      keys: [
        {
          key: RSE_ACCOUNTS_KEY,
          description: `JSON keyed by RSE id (the bootstrap Job's report lists the ids): {"<rse id>": {"access_key": …, "secret_key": …, "signature_version": "s3v4", "region": …}} for ${spec.rses
            .filter(r => r.kind === 's3')
            .map(r => r.name)
            .join(', ')}`,
        },
      ],
    });
  }
  if (spec.rses.some(r => r.kind === 'gcs')) {
    secrets.push({
      name: GCS_SECRET,
      keys: [
        {
          key: GCS_KEY,
          description:
            'Google service-account key file (JSON) that may sign URLs of the GCS buckets',
        },
      ],
    });
  }
  if (spec.fts.length && spec.ftsCredentials.type === 'x509') {
    secrets.push({
      name: FTS_CERT_SECRET,
      keys: [
        {
          key: 'usercert.pem',
          description:
            'host or robot certificate (PEM) the FTS3 proxy is made from',
        },
        {
          key: 'userkey.pem',
          description: 'its private key (PEM, no passphrase)',
        },
      ],
    });
  }
  return secrets;
}

/** The Vault KV key (under the mount) an ExternalSecret reads a Secret from. */
export function vaultKey(spec: EnvironmentSpec, secret: RequiredSecret) {
  return `${spec.secrets.vaultPath}/${secret.name}`;
}

/**
 * The properties of that Vault key: one per Secret key, except Rucio's OIDC
 * file, of which only the client secret lives in Vault.
 */
export function vaultProperties(secret: RequiredSecret): string[] {
  return secret.keys[0].key === IDP_SECRETS_KEY
    ? ['client_secret']
    : secret.keys.map(k => k.key);
}

function secretStoreRef(spec: EnvironmentSpec) {
  return spec.secrets.vaultServer
    ? { kind: 'SecretStore', name: 'rucio-vault' }
    : { kind: 'ClusterSecretStore', name: spec.secrets.vaultStore! };
}

/**
 * External Secrets Operator objects: a namespaced Vault SecretStore when the
 * Vault server is given (otherwise an existing ClusterSecretStore), and one
 * ExternalSecret per required Secret.
 */
export function externalSecrets(
  spec: EnvironmentSpec,
  authHost: string,
  authMount: string,
): object[] {
  const docs: object[] = [];
  if (spec.secrets.vaultServer) {
    docs.push({
      apiVersion: 'external-secrets.io/v1',
      kind: 'SecretStore',
      metadata: { name: 'rucio-vault' },
      spec: {
        provider: {
          vault: {
            server: spec.secrets.vaultServer,
            path: spec.secrets.vaultMount,
            version: 'v2',
            auth: {
              kubernetes: {
                mountPath: authMount,
                role: spec.secrets.vaultRole ?? `rucio-${spec.name}`,
              },
            },
          },
        },
      },
    });
  }
  for (const secret of requiredSecrets(spec)) {
    const remoteKey = vaultKey(spec, secret);
    const oidc = secret.keys[0].key === IDP_SECRETS_KEY;
    docs.push({
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: secret.name },
      spec: {
        refreshInterval: '1h',
        secretStoreRef: secretStoreRef(spec),
        target: {
          name: secret.name,
          creationPolicy: 'Owner',
          // Only the client secret lives in Vault; the rest of Rucio's
          // idpsecrets.json comes from the environment's settings.
          ...(oidc
            ? {
                template: {
                  data: {
                    [IDP_SECRETS_KEY]: JSON.stringify(
                      idpSecrets(spec, authHost, '{{ .client_secret }}'),
                    ),
                  },
                },
              }
            : {}),
        },
        data: vaultProperties(secret).map(key => ({
          secretKey: key,
          remoteRef: { key: remoteKey, property: key },
        })),
      },
    });
  }
  return docs;
}

/**
 * Secret templates without values for clusters without External Secrets: the
 * operator fills them in out of band (`kubectl create secret generic`).
 */
export function secretTemplates(spec: EnvironmentSpec) {
  return requiredSecrets(spec).map(secret => ({
    path: `secrets/${secret.name}.yaml`,
    content: [
      `# Template only: create this Secret in every namespace of the environment,`,
      `# never commit its values. For example:`,
      `#   kubectl -n <namespace> create secret generic ${
        secret.name
      } ${secret.keys.map(k => `--from-file=${k.key}=<file>`).join(' ')}`,
      // The portal counts a Secret with this label as made from its template.
      `#   kubectl -n <namespace> label secret ${secret.name} ${LABEL}=${spec.name}`,
      ...secret.keys.map(k => `# ${k.key}: ${k.description}`),
      stringify(
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: {
            name: secret.name,
            labels: { [LABEL]: spec.name },
          },
          type: 'Opaque',
        },
        { lineWidth: 0 },
      ),
    ].join('\n'),
  }));
}
