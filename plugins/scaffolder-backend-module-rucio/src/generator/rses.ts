import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  RUCIO_ENVIRONMENT_ANNOTATION,
  RUCIO_RSE_ANNOTATION,
  RUCIO_RSE_RESOURCE_TYPE,
  rseEntityName,
} from '@rucio-portal/plugin-rucio-common';
import { readFileSync } from 'node:fs';
import type { EnvironmentSpec, RseSpec } from './EnvironmentSpec';

/** Where the RSE definitions and the Job that applies them live. */
export const RSES_DIR = 'base/rses';
export const RSES_CONFIGMAP = 'rucio-rses';
export const APPLY_SCRIPT = 'apply_rses.py';
export const RUCIO_HOSTS_CONFIGMAP = 'rucio-hosts';
const CA_DIR = '/opt/rucio-ca';

const CLOUD = ['s3', 'gcs', 'azure'];
/** The services Rucio can sign URLs for (`rucio.core.credential.get_signed_url`). */
const SIGNED = ['s3', 'gcs'];

export function rseFile(r: Pick<RseSpec, 'name'>) {
  return `${RSES_DIR}/${r.name}.json`;
}

const ENABLED = 1;
/** Rucio ≥ 32 reads null as "disabled"; 0 means "highest priority" from 39. */
const DISABLED = null;

function domains(thirdPartyCopy: boolean) {
  const tpc = thirdPartyCopy ? ENABLED : DISABLED;
  return {
    lan: { read: ENABLED, write: ENABLED, delete: ENABLED },
    wan: {
      read: ENABLED,
      write: ENABLED,
      delete: ENABLED,
      third_party_copy_read: tpc,
      third_party_copy_write: tpc,
    },
  };
}

function protocols(r: RseSpec): object[] {
  switch (r.kind) {
    case 's3':
    case 'gcs':
    case 'azure': {
      const hostname =
        r.endpoint ??
        {
          s3: 's3.amazonaws.com',
          gcs: 'storage.googleapis.com',
          azure: 'blob.core.windows.net',
        }[r.kind];
      // Signed URLs break on rename, hence NoRename.
      return [
        {
          scheme: 'https',
          hostname,
          port: 443,
          prefix: `/${r.bucket}/`,
          impl: 'rucio.rse.protocols.gfal.NoRename',
          domains: domains(true),
        },
      ];
    }
    case 'posix': {
      const local = {
        scheme: 'file',
        hostname: 'localhost',
        port: 0,
        prefix: r.path,
        impl: 'rucio.rse.protocols.posix.Default',
        // FTS cannot copy file:// URLs.
        domains: domains(false),
      };
      return r.endpoint
        ? [
            local,
            {
              scheme: 'davs',
              hostname: r.endpoint,
              port: 443,
              prefix: r.path,
              impl: 'rucio.rse.protocols.gfal.Default',
              domains: domains(true),
            },
          ]
        : [local];
    }
    case 'archive':
    default:
      return [
        {
          scheme: 'root',
          hostname: r.endpoint ?? 'localhost',
          port: 1094,
          prefix: r.path,
          impl: 'rucio.rse.protocols.xrootd.Default',
          domains: domains(true),
        },
      ];
  }
}

/** What an RSE definition needs of its environment. */
export type RseEnvironment = Pick<
  EnvironmentSpec,
  'name' | 'fts' | 'ftsCredentials'
>;

/** The declarative definition the bootstrap Job applies. */
export function rseDefinition(spec: RseEnvironment, r: RseSpec) {
  const cloud = CLOUD.includes(r.kind);
  const tape = r.tape || r.kind === 'archive';
  const rseProtocols = protocols(r) as Array<{ scheme: string }>;
  // Rucio asks for tokens only when every RSE of a transfer says it may and
  // the transfer runs over WebDAV (transfertool/fts3.py, _use_tokens).
  const tokens =
    spec.ftsCredentials.type === 'oidc' &&
    rseProtocols.some(p => p.scheme === 'davs');
  return {
    rse: r.name,
    environment: spec.name,
    rse_type: tape ? 'TAPE' : 'DISK',
    attributes: {
      istape: tape,
      // conveyor-submitter picks the FTS3 servers of a transfer from this.
      ...(spec.fts.length ? { fts: spec.fts.join(',') } : {}),
      ...(tokens ? { oidc_support: true } : {}),
      ...(cloud
        ? {
            is_object_store: true,
            ...(SIGNED.includes(r.kind) ? { sign_url: r.kind } : {}),
            skip_upload_stat: true,
            verify_checksum: false,
            strict_copy: true,
            ...(r.kind === 's3' ? { s3_url_style: 'path' } : {}),
          }
        : {}),
      ...(tape ? { archive_timeout: 86400 } : {}),
    },
    protocols: rseProtocols,
    ...(r.minFreeSpace !== undefined
      ? { limits: { MinFreeSpace: r.minFreeSpace } }
      : {}),
  };
}

/** The definition of an adopted RSE: as Rucio served it when adopted. */
export function adoptedRseDefinition(
  spec: Pick<EnvironmentSpec, 'name'>,
  r: EnvironmentSpec['adoptedRses'][number],
) {
  return {
    rse: r.rse,
    environment: spec.name,
    rse_type: r.rse_type,
    attributes: r.attributes,
    protocols: r.protocols,
    limits: r.limits,
  };
}

/** Every RSE of the spec by name: those of kinds, then the adopted ones. */
export function rseNames(spec: Pick<EnvironmentSpec, 'rses' | 'adoptedRses'>) {
  return [
    ...spec.rses.map(r => ({ name: r.name })),
    ...spec.adoptedRses.map(r => ({ name: r.rse })),
  ];
}

/** The catalog Resource of one RSE. */
export function rseEntity(
  spec: Pick<EnvironmentSpec, 'name' | 'owner'>,
  r: Pick<RseSpec, 'name'>,
) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: rseEntityName(spec.name, r.name),
      title: r.name,
      annotations: {
        [RUCIO_ENVIRONMENT_ANNOTATION]: spec.name,
        [RUCIO_RSE_ANNOTATION]: r.name,
      },
    },
    // No spec.system: a System with a thousand RSEs as its parts would list
    // them all on its page and draw them all in its relations graph. The RSE
    // card links to the environment's tab instead (catalog links must be
    // absolute URLs, which the repository cannot know).
    spec: { type: RUCIO_RSE_RESOURCE_TYPE, owner: spec.owner },
  };
}

let applyScript: string | undefined;

/**
 * The script the bootstrap Job runs (`data/apply_rses.py`): it makes Rucio's
 * RSEs match the definitions over the REST API and reports what Rucio has
 * beyond them, so the Job can run after every sync.
 */
export function applyRsesScript(): string {
  applyScript ??= readFileSync(
    resolvePackagePath(
      '@rucio-portal/plugin-scaffolder-backend-module-rucio',
      'data',
      APPLY_SCRIPT,
    ),
    'utf8',
  );
  return applyScript;
}

/** The bootstrap Job and the kustomization that packs the definitions. */
export function rseBootstrap(
  spec: EnvironmentSpec,
  rses: Array<Pick<RseSpec, 'name'>>,
) {
  const privateCa = spec.tls.issuer === 'private-ca';
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: 'rucio-apply-rses',
      ...(spec.gitops === 'argocd'
        ? {
            annotations: {
              'argocd.argoproj.io/hook': 'PostSync',
              'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
            },
          }
        : {}),
    },
    spec: {
      backoffLimit: 6,
      ttlSecondsAfterFinished: 86400,
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'rucio-apply-rses' } },
        spec: {
          restartPolicy: 'OnFailure',
          containers: [
            {
              name: 'apply-rses',
              image: `docker.io/rucio/rucio-clients:release-${spec.rucioVersion}`,
              // The script reads RUCIO_CFG_* itself; the release's client image
              // brings the Python it needs.
              args: [
                'python3',
                `/opt/rucio-rses/${APPLY_SCRIPT}`,
                '/opt/rucio-rses',
              ],
              env: [
                { name: 'RUCIO_CFG_ACCOUNT', value: 'root' },
                { name: 'RSES_PRUNE', value: String(spec.rsePrune) },
                ...(privateCa
                  ? [{ name: 'RUCIO_CA_CERT', value: `${CA_DIR}/ca.crt` }]
                  : []),
                {
                  name: 'RUCIO_CFG_USERNAME',
                  valueFrom: {
                    secretKeyRef: { name: 'rucio-rse-admin', key: 'username' },
                  },
                },
                {
                  name: 'RUCIO_CFG_PASSWORD',
                  valueFrom: {
                    secretKeyRef: { name: 'rucio-rse-admin', key: 'password' },
                  },
                },
              ],
              // RUCIO_CFG_RUCIO_HOST and RUCIO_CFG_AUTH_HOST, per overlay.
              envFrom: [{ configMapRef: { name: RUCIO_HOSTS_CONFIGMAP } }],
              volumeMounts: [
                {
                  name: 'definitions',
                  mountPath: '/opt/rucio-rses',
                  readOnly: true,
                },
                ...(privateCa
                  ? [{ name: 'ca', mountPath: CA_DIR, readOnly: true }]
                  : []),
              ],
            },
          ],
          volumes: [
            { name: 'definitions', configMap: { name: RSES_CONFIGMAP } },
            // cert-manager's CA issuer puts its CA beside each certificate.
            ...(privateCa
              ? [
                  {
                    name: 'ca',
                    secret: {
                      secretName: 'rucio-server-tls',
                      items: [{ key: 'ca.crt', path: 'ca.crt' }],
                    },
                  },
                ]
              : []),
          ],
        },
      },
    },
  };
  const kustomization = rsesKustomization(rses.map(r => r.name));
  return [
    { path: `${RSES_DIR}/${APPLY_SCRIPT}`, content: applyRsesScript() },
    { path: `${RSES_DIR}/job.yaml`, content: job },
    { path: `${RSES_DIR}/kustomization.yaml`, content: kustomization },
  ];
}

/** The kustomization of base/rses for a list of RSE names. */
export function rsesKustomization(names: string[]) {
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: ['job.yaml'],
    // The name hash changes with the definitions, so a changed RSE changes
    // the Job and the controller runs it again.
    configMapGenerator: [
      {
        name: RSES_CONFIGMAP,
        files: [APPLY_SCRIPT, ...[...names].sort().map(n => `${n}.json`)],
      },
    ],
  };
}
