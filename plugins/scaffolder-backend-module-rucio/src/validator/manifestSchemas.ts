/** A kubernetes-models class: constructing and validating one manifest. */
interface ModelClass {
  // Each model types its own input; documents read from files are untyped.
  new (data: any): { validate(): void };
}

type Loader = () => Promise<ModelClass>;

// The models are ES modules only, so they are imported (not required), and
// lazily: a repository without Flux objects never loads the Flux schemas.
const MODELS: Record<string, Loader> = {
  'v1/ConfigMap': () =>
    import('kubernetes-models/v1/ConfigMap').then(m => m.ConfigMap),
  'v1/Namespace': () =>
    import('kubernetes-models/v1/Namespace').then(m => m.Namespace),
  'v1/Secret': () => import('kubernetes-models/v1/Secret').then(m => m.Secret),
  'v1/Service': () =>
    import('kubernetes-models/v1/Service').then(m => m.Service),
  'v1/PersistentVolumeClaim': () =>
    import('kubernetes-models/v1/PersistentVolumeClaim').then(
      m => m.PersistentVolumeClaim,
    ),
  'apps/v1/Deployment': () =>
    import('kubernetes-models/apps/v1/Deployment').then(m => m.Deployment),
  'batch/v1/Job': () =>
    import('kubernetes-models/batch/v1/Job').then(m => m.Job),
  // What the charts render besides Deployments (FTS3 proxy renewal).
  'batch/v1/CronJob': () =>
    import('kubernetes-models/batch/v1/CronJob').then(m => m.CronJob),
  'v1/ServiceAccount': () =>
    import('kubernetes-models/v1/ServiceAccount').then(m => m.ServiceAccount),
  'rbac.authorization.k8s.io/v1/RoleBinding': () =>
    import('kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding').then(
      m => m.RoleBinding,
    ),
  'networking.k8s.io/v1/Ingress': () =>
    import('kubernetes-models/networking.k8s.io/v1/Ingress').then(
      m => m.Ingress,
    ),
  'argoproj.io/v1alpha1/AppProject': () =>
    import('@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject').then(
      m => m.AppProject,
    ),
  'argoproj.io/v1alpha1/Application': () =>
    import('@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application').then(
      m => m.Application,
    ),
  'argoproj.io/v1alpha1/ApplicationSet': () =>
    import(
      '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/ApplicationSet'
    ).then(m => m.ApplicationSet),
  'cert-manager.io/v1/Certificate': () =>
    import(
      '@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate'
    ).then(m => m.Certificate),
  'cert-manager.io/v1/ClusterIssuer': () =>
    import(
      '@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer'
    ).then(m => m.ClusterIssuer),
  'cert-manager.io/v1/Issuer': () =>
    import('@kubernetes-models/cert-manager/cert-manager.io/v1/Issuer').then(
      m => m.Issuer,
    ),
  'source.toolkit.fluxcd.io/v1/GitRepository': () =>
    import(
      '@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/GitRepository'
    ).then(m => m.GitRepository),
  'source.toolkit.fluxcd.io/v1/HelmRepository': () =>
    import(
      '@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/HelmRepository'
    ).then(m => m.HelmRepository),
  'helm.toolkit.fluxcd.io/v2/HelmRelease': () =>
    import(
      '@kubernetes-models/flux-cd/helm.toolkit.fluxcd.io/v2/HelmRelease'
    ).then(m => m.HelmRelease),
  'kustomize.toolkit.fluxcd.io/v1/Kustomization': () =>
    import(
      '@kubernetes-models/flux-cd/kustomize.toolkit.fluxcd.io/v1/Kustomization'
    ).then(m => m.Kustomization),
  'external-secrets.io/v1/ExternalSecret': () =>
    import(
      '@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret'
    ).then(m => m.ExternalSecret),
  'external-secrets.io/v1/SecretStore': () =>
    import(
      '@kubernetes-models/external-secrets/external-secrets.io/v1/SecretStore'
    ).then(m => m.SecretStore),
  'external-secrets.io/v1/ClusterSecretStore': () =>
    import(
      '@kubernetes-models/external-secrets/external-secrets.io/v1/ClusterSecretStore'
    ).then(m => m.ClusterSecretStore),
  'monitoring.coreos.com/v1/ServiceMonitor': () =>
    import(
      '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor'
    ).then(m => m.ServiceMonitor),
  'monitoring.coreos.com/v1/PrometheusRule': () =>
    import(
      '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule'
    ).then(m => m.PrometheusRule),
  'traefik.io/v1alpha1/IngressRoute': () =>
    import('@kubernetes-models/traefik/traefik.io/v1alpha1/IngressRoute').then(
      m => m.IngressRoute,
    ),
  'traefik.io/v1alpha1/IngressRouteTCP': () =>
    import(
      '@kubernetes-models/traefik/traefik.io/v1alpha1/IngressRouteTCP'
    ).then(m => m.IngressRouteTCP),
};

/** API groups of files that are not cluster objects (read by tools, not the API server). */
const NOT_CLUSTER_OBJECTS = [
  'kustomize.config.k8s.io/',
  'backstage.io/',
  'scaffolder.backstage.io/',
];

export type SchemaResult =
  | { kind: 'valid' }
  | { kind: 'invalid'; message: string }
  | { kind: 'unknown'; message: string }
  | { kind: 'skipped' };

/**
 * Validates one manifest against the OpenAPI schema of its kind, as published
 * by the upstream project's CRDs (through kubernetes-models).
 */
export async function validateManifest(doc: unknown): Promise<SchemaResult> {
  if (typeof doc !== 'object' || doc === null) return { kind: 'skipped' };
  const { apiVersion, kind } = doc as { apiVersion?: unknown; kind?: unknown };
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    return { kind: 'skipped' };
  }
  if (NOT_CLUSTER_OBJECTS.some(prefix => apiVersion.startsWith(prefix))) {
    return { kind: 'skipped' };
  }
  const load = MODELS[`${apiVersion}/${kind}`];
  if (!load) {
    return {
      kind: 'unknown',
      message: `${apiVersion} ${kind} has no schema here; it was not validated`,
    };
  }
  const Model = await load();
  try {
    new Model(doc as object).validate();
    return { kind: 'valid' };
  } catch (error) {
    return {
      kind: 'invalid',
      message: error instanceof Error ? error.message : String(error),
    };
  }
}
