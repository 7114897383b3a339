import {
  credentialConfig,
  credentialMounts,
  dbEnv,
  IDP_SECRETS_PATH,
  image,
  ingressValues,
  monitoringValues,
} from './chartCommon';
import type { EnvironmentSpec } from './EnvironmentSpec';
import { host, replicas, type Overlay } from './names';

/** What the api and auth instances of rucio-server share. */
function serverCommon(
  spec: EnvironmentSpec,
  overlay: Overlay,
  hostname: string,
) {
  const config: Record<string, unknown> = {
    webui: { urls: `https://${host(spec, overlay, 'rucio-ui')}` },
    ...credentialConfig(spec),
  };
  if (spec.oidc) {
    config.oidc = {
      idpsecrets: IDP_SECRETS_PATH,
      admin_issuer: 'default',
      expected_audience: 'rucio',
    };
  }
  if (spec.monitoring) {
    config.monitor = { enable_metrics: 'True', metrics_port: 8081 };
  }
  const secretMounts = credentialMounts(spec);
  return {
    replicaCount: replicas(overlay),
    useDeprecatedImplicitSecrets: false,
    image: image(spec, 'rucio/rucio-server'),
    hostname,
    monitoring: monitoringValues(spec),
    ...(spec.monitoring ? { httpd_config: { enable_status: 'True' } } : {}),
    additionalEnvs: dbEnv(),
    ...(secretMounts.length ? { secretMounts } : {}),
    config,
  };
}

/** Values of the `rucio-server` release (the REST API). */
export function serverValues(spec: EnvironmentSpec, overlay: Overlay) {
  const hostname = host(spec, overlay, 'rucio');
  return {
    ...serverCommon(spec, overlay, hostname),
    serverType: 'api',
    service: { useExternalDNS: false },
    ingress: ingressValues(
      spec,
      'rucio-server',
      hostname,
      'rucio-server-tls',
      'terminate',
    ),
  };
}

/** Values of the `rucio-auth` release: a second rucio-server serving /auth. */
export function authValues(spec: EnvironmentSpec, overlay: Overlay) {
  const hostname = host(spec, overlay, 'rucio-auth');
  return {
    ...serverCommon(spec, overlay, hostname),
    serverType: 'auth',
    useSSL: true,
    // cert-manager's certificate becomes Apache's host certificate.
    tlsSecretName: 'rucio-auth-tls',
    service: {
      port: 443,
      targetPort: 443,
      name: 'https',
      useExternalDNS: false,
    },
    ingress: ingressValues(
      spec,
      'rucio-server',
      hostname,
      'rucio-auth-tls',
      'passthrough',
    ),
  };
}
