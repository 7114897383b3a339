import { chartValues, type ChartName } from './chartValues';
import type { EnvironmentSpec } from './EnvironmentSpec';
import { dnsAnnotations } from './names';
import {
  DB_SECRET,
  GCS_KEY,
  GCS_SECRET,
  IDP_SECRETS_KEY,
  RSE_ACCOUNTS_KEY,
  RSE_ACCOUNTS_SECRET,
} from './secrets';

/** What the values of several Rucio charts share. */

/** The image block of every chart, with the explicit release tag. */
export function image(spec: EnvironmentSpec, repository: string) {
  return {
    repository,
    tag: `release-${spec.rucioVersion}`,
    pullPolicy: 'IfNotPresent',
  };
}

export function monitoringValues(spec: EnvironmentSpec) {
  // Our own ServiceMonitors live in the environment's namespace.
  return { enabled: spec.monitoring, serviceMonitorEnabled: false };
}

export function dbEnv() {
  // The connection string (with its password) stays in a Secret; Rucio reads
  // RUCIO_CFG_<SECTION>_<OPTION> from the environment.
  return [
    {
      name: 'RUCIO_CFG_DATABASE_DEFAULT',
      valueFrom: { secretKeyRef: { name: DB_SECRET, key: 'dbfullstring' } },
    },
  ];
}

export const IDP_SECRETS_PATH = '/opt/rucio/etc/idpsecrets.json';
/** Where Rucio looks for rse-accounts.cfg (`get_config_dirs`: /opt/rucio/etc/). */
const RSE_ACCOUNTS_PATH = `/opt/rucio/etc/${RSE_ACCOUNTS_KEY}`;
export const GCS_PATH = `/opt/rucio/etc/${GCS_KEY}`;

/** One entry of a chart's `secretMounts`. */
export interface SecretMount {
  volumeName: string;
  secretFullName: string;
  mountPath: string;
  subPath?: string;
}

/**
 * The credentials Rucio's server and daemons read from files: the OIDC
 * clients, the S3 signing keys and the GCS service account.
 */
export function credentialMounts(spec: EnvironmentSpec): SecretMount[] {
  const mounts: SecretMount[] = [];
  if (spec.oidc) {
    mounts.push({
      volumeName: 'idpsecrets',
      secretFullName: spec.oidc.secretName,
      mountPath: IDP_SECRETS_PATH,
      subPath: IDP_SECRETS_KEY,
    });
  }
  if (spec.rses.some(r => r.kind === 's3')) {
    mounts.push({
      volumeName: 'rse-accounts',
      secretFullName: RSE_ACCOUNTS_SECRET,
      mountPath: RSE_ACCOUNTS_PATH,
      subPath: RSE_ACCOUNTS_KEY,
    });
  }
  if (spec.rses.some(r => r.kind === 'gcs')) {
    mounts.push({
      volumeName: 'gcs-credentials',
      secretFullName: GCS_SECRET,
      mountPath: GCS_PATH,
      subPath: GCS_KEY,
    });
  }
  return mounts;
}

/** rucio.cfg sections that name the credential files. */
export function credentialConfig(
  spec: EnvironmentSpec,
): Record<string, unknown> {
  return spec.rses.some(r => r.kind === 'gcs')
    ? { credentials: { gcs: GCS_PATH } }
    : {};
}

/**
 * The chart's Ingress with nginx, its class through the charts' own
 * `ingress.ingressClassName`; with Traefik the charts' Ingresses are off and
 * IngressRoutes take over (see traefikRoutes).
 */
export function ingressValues(
  spec: EnvironmentSpec,
  chart: ChartName,
  hostname: string,
  tlsSecret: string,
  tls: 'terminate' | 'passthrough',
) {
  if (spec.ingress === 'traefik') {
    return { enabled: false };
  }
  const annotations: Record<string, string | null> = {
    ...dnsAnnotations(spec, hostname),
    'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
    // X.509 login needs the client certificate at Apache: no termination.
    ...(tls === 'passthrough'
      ? { 'nginx.ingress.kubernetes.io/ssl-passthrough': 'true' }
      : {}),
  };
  // Helm deep-merges the chart's default annotations into these (rucio-webui
  // defaults to ssl-passthrough); only null removes one. A null for a key the
  // chart lacks would be rendered as is, so only the chart's own are nulled.
  const defaults = (
    chartValues(chart).ingress as { annotations?: Record<string, unknown> }
  )?.annotations;
  for (const key of Object.keys(defaults ?? {})) {
    if (!(key in annotations)) annotations[key] = null;
  }
  return {
    enabled: true,
    ingressClassName: 'nginx',
    annotations,
    path: '/',
    hosts: [hostname],
    tls: [{ secretName: tlsSecret }],
  };
}
