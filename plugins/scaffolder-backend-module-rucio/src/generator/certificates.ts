import type { EnvironmentSpec } from './EnvironmentSpec';
import { clusterIssuerName, host, labels, type Overlay } from './names';

const PRIVATE_CA_ISSUER = 'rucio-private-ca';

function issuerRef(spec: EnvironmentSpec) {
  return spec.tls.issuer === 'private-ca'
    ? { name: PRIVATE_CA_ISSUER, kind: 'Issuer', group: 'cert-manager.io' }
    : {
        name: clusterIssuerName(spec),
        kind: 'ClusterIssuer',
        group: 'cert-manager.io',
      };
}

/** The server, auth (also a client certificate) and WebUI certificates. */
export function certificates(
  spec: EnvironmentSpec,
  overlay: Overlay,
): object[] {
  return [
    ['rucio-server-tls', host(spec, overlay, 'rucio')],
    ['rucio-auth-tls', host(spec, overlay, 'rucio-auth')],
    ['rucio-webui-tls', host(spec, overlay, 'rucio-ui')],
  ].map(([name, dns]) => ({
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name, labels: labels(spec) },
    spec: {
      secretName: name,
      dnsNames: [dns],
      issuerRef: issuerRef(spec),
      usages:
        name === 'rucio-auth-tls'
          ? ['server auth', 'client auth']
          : ['server auth'],
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
    },
  }));
}

/**
 * The private CA's Issuer, namespaced: each overlay's namespace gets its own,
 * reading the CA Secret there.
 */
export function namespacedIssuers(spec: EnvironmentSpec): object[] {
  if (spec.tls.issuer !== 'private-ca') return [];
  return [
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Issuer',
      metadata: { name: PRIVATE_CA_ISSUER },
      spec: { ca: { secretName: spec.tls.caSecretName } },
    },
  ];
}

/** The ACME ClusterIssuer, cluster-scoped: it lives in platform/. */
export function clusterIssuers(spec: EnvironmentSpec): object[] {
  if (spec.tls.issuer === 'private-ca') return [];
  const server =
    spec.tls.issuer === 'letsencrypt'
      ? 'https://acme-v02.api.letsencrypt.org/directory'
      : 'https://acme-staging-v02.api.letsencrypt.org/directory';
  const name = clusterIssuerName(spec);
  return [
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name, labels: labels(spec) },
      spec: {
        acme: {
          server,
          email: spec.tls.acmeEmail,
          privateKeySecretRef: { name: `${name}-account-key` },
          solvers: [
            { http01: { ingress: { ingressClassName: spec.ingress } } },
          ],
        },
      },
    },
  ];
}
