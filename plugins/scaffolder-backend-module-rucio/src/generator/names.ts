import type { EnvironmentSpec } from './EnvironmentSpec';

/** Names shared by the generator's modules: hosts, namespaces, releases. */

export type Overlay = EnvironmentSpec['overlays'][number];

export const LABEL = 'rucio.cern.ch/environment';
export const OVERLAY_LABEL = 'rucio.cern.ch/overlay';
export const CHART_REPO = 'https://rucio.github.io/helm-charts';

/** Helm releases and their charts; the auth server is a second rucio-server. */
export const RELEASES = [
  ['rucio-server', 'rucio-server'],
  ['rucio-auth', 'rucio-server'],
  ['rucio-webui', 'rucio-webui'],
  ['rucio-daemons', 'rucio-daemons'],
] as const;

/** Argo CD's name for the cluster it runs in. */
export const IN_CLUSTER = 'https://kubernetes.default.svc';

/** dev, staging or prod: what an overlay is, whatever its region. */
export function stageOf(overlay: Overlay) {
  return overlay.split('-')[0];
}

/** The region an overlay `<stage>-<region>` runs in; none for the home cluster. */
export function regionOf(spec: EnvironmentSpec, overlay: Overlay) {
  const name = overlay.split('-')[1];
  return name ? spec.regions?.find(r => r.name === name) : undefined;
}

/** The Kubernetes API server an overlay is deployed to. */
export function serverOf(spec: EnvironmentSpec, overlay: Overlay) {
  return regionOf(spec, overlay)?.server ?? IN_CLUSTER;
}

/**
 * The Vault Kubernetes auth mount the SecretStore of an overlay logs in
 * through: the region's own (default `kubernetes-<region>`), or the home
 * cluster's (default `kubernetes`).
 */
export function vaultAuthMountOf(spec: EnvironmentSpec, overlay: Overlay) {
  const region = regionOf(spec, overlay);
  if (region) return region.vaultAuthMount ?? `kubernetes-${region.name}`;
  return spec.secrets.vaultAuthMount ?? 'kubernetes';
}

export function host(spec: EnvironmentSpec, overlay: Overlay, service: string) {
  const domain = regionOf(spec, overlay)?.baseDomain ?? spec.baseDomain;
  const stage = stageOf(overlay);
  return stage === 'prod'
    ? `${service}.${domain}`
    : `${service}-${stage}.${domain}`;
}

export function namespaceOf(spec: EnvironmentSpec, overlay: Overlay) {
  return `rucio-${spec.name}-${overlay}`;
}

export const replicas = (overlay: Overlay) =>
  stageOf(overlay) === 'prod' ? 2 : 1;

/**
 * Helm's usual full name: the release name when it contains the chart name,
 * otherwise <release>-<chart>.
 */
export function serviceName(release: string, chart: string) {
  return release.includes(chart) ? release : `${release}-${chart}`;
}

export function systemName(spec: EnvironmentSpec) {
  return spec.system ?? `rucio-${spec.name}`;
}

/** Where the Helm values of one release of one overlay live. */
export function valuesFile(overlay: string, release: string) {
  return `overlays/${overlay}/values/${release}.yaml`;
}

/**
 * Cluster-scoped and shared objects carry the environment in their name, so
 * that two environments on one cluster never own the same object.
 */
export function clusterIssuerName(spec: EnvironmentSpec) {
  return `rucio-${spec.name}-${spec.tls.issuer}`;
}

export function helmRepositoryName(spec: EnvironmentSpec) {
  return `rucio-${spec.name}-charts`;
}

/**
 * The GitOps object that applies `platform/` (Argo CD Application or Flux
 * Kustomization); one more per region, as each cluster needs its own.
 */
export function platformAppName(spec: EnvironmentSpec, region?: string) {
  return region
    ? `rucio-${spec.name}-platform-${region}`
    : `rucio-${spec.name}-platform`;
}

export function labels(spec: EnvironmentSpec) {
  return {
    [LABEL]: spec.name,
    'app.kubernetes.io/part-of': 'rucio',
    // The Kubernetes plugin finds the environment's objects by this label.
    'backstage.io/kubernetes-id': `rucio-${spec.name}`,
  };
}

/** ExternalDNS ≥ 0.22 reads the GA prefix; the charts' useExternalDNS writes the old one. */
export function dnsAnnotations(
  spec: EnvironmentSpec,
  hostname: string,
): Record<string, string> {
  return spec.dns === 'none'
    ? {}
    : { 'external-dns.kubernetes.io/hostname': hostname };
}
