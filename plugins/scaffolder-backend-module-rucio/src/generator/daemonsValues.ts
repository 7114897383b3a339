import {
  credentialConfig,
  credentialMounts,
  dbEnv,
  IDP_SECRETS_PATH,
  image,
  monitoringValues,
  type SecretMount,
} from './chartCommon';
import { chartValues } from './chartValues';
import type { EnvironmentSpec } from './EnvironmentSpec';
import { FTS_CERT_SECRET, FTS_PROXY_SECRET } from './secrets';

/** Where conveyor finds the delegated proxy (`[conveyor] usercert`). */
export const FTS_PROXY_PATH = '/opt/proxy/x509up';

/**
 * The chart's proxy renewal (rucio/fts-cron, script "default"): it makes a
 * 96-hour proxy from the host certificate, delegates it to every FTS3 server
 * and writes it into the Secret named by RUCIO_FTS_SECRETS (key x509up).
 */
function ftsRenewal(spec: EnvironmentSpec) {
  const voms = spec.ftsCredentials.voms!;
  return {
    enabled: 1,
    script: 'default',
    servers: spec.fts.join(','),
    vos: [{ vo: voms.split(':')[0], voms }],
    // Its own mounts only: the proxy Secret does not exist before its first run.
    secretMounts: [
      {
        volumeName: 'fts-cert',
        secretFullName: FTS_CERT_SECRET,
        mountPath: '/opt/rucio/certs/usercert.pem',
        subPath: 'usercert.pem',
      },
      {
        volumeName: 'fts-key',
        secretFullName: FTS_CERT_SECRET,
        mountPath: '/opt/rucio/keys/userkey.pem',
        subPath: 'userkey.pem',
      },
    ],
    additionalEnvs: [
      { name: 'RUCIO_FTS_SECRETS', value: FTS_PROXY_SECRET },
      { name: 'USERCERT_NAME', value: 'usercert.pem' },
      { name: 'USERKEY_NAME', value: 'userkey.pem' },
    ],
  };
}

/** Values of the `rucio-daemons` release. */
export function daemonsValues(spec: EnvironmentSpec) {
  const chart = chartValues('rucio-daemons');
  const x509 = spec.fts.length > 0 && spec.ftsCredentials.type === 'x509';
  const secretMounts: SecretMount[] = credentialMounts(spec);
  if (x509) {
    secretMounts.push({
      volumeName: 'fts-proxy',
      secretFullName: FTS_PROXY_SECRET,
      mountPath: '/opt/proxy',
    });
  }
  const values: Record<string, unknown> = {
    image: image(spec, 'rucio/rucio-daemons'),
    useDeprecatedImplicitSecrets: false,
    podLabels: { 'backstage.io/kubernetes-id': `rucio-${spec.name}` },
    monitoring: monitoringValues(spec),
    additionalEnvs: dbEnv(),
    ...(secretMounts.length ? { secretMounts } : {}),
  };
  for (const [name, d] of Object.entries(spec.daemons).sort()) {
    values[`${name}Count`] = d.replicas;
    const block = chart[name] as Record<string, unknown> | null | undefined;
    // `threads` only where the chart reads it for that daemon.
    if (block && typeof block === 'object' && 'threads' in block) {
      values[name] = { threads: d.threads };
    }
  }
  if (x509) values.ftsRenewal = ftsRenewal(spec);
  const config: Record<string, unknown> = { ...credentialConfig(spec) };
  if (x509) config.conveyor = { usercert: FTS_PROXY_PATH };
  if (spec.oidc) {
    // Tokens for FTS3 and storage are asked of the admin client.
    config.oidc = { idpsecrets: IDP_SECRETS_PATH, admin_issuer: 'default' };
  }
  if (spec.monitoring) {
    config.monitor = { enable_metrics: 'True', metrics_port: 8080 };
  }
  if (Object.keys(config).length) values.config = config;
  return values;
}
