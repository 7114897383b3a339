import type { EnvironmentSpec } from './EnvironmentSpec';
import type { GeneratedFile } from './GeneratedFile';
import {
  CHART_REPO,
  LABEL,
  namespaceOf,
  OVERLAY_LABEL,
  platformAppName,
  regionOf,
  RELEASES,
  serverOf,
  valuesFile,
} from './names';

/** gitops/argocd/: the AppProject and the Applications of each overlay. */
export function argocd(
  spec: EnvironmentSpec,
  withPlatform: boolean,
): GeneratedFile[] {
  const project = `rucio-${spec.name}`;
  const syncPolicy = {
    automated: { prune: true, selfHeal: true },
    syncOptions: ['CreateNamespace=true'],
  };
  const application = (
    name: string,
    appLabels: Record<string, string>,
    appSpec: object,
  ) => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name,
      namespace: 'argocd',
      labels: { [LABEL]: spec.name, ...appLabels },
      finalizers: ['resources-finalizer.argocd.argoproj.io'],
    },
    spec: { project, ...appSpec },
  });
  const files: GeneratedFile[] = [
    {
      path: 'gitops/argocd/appproject.yaml',
      content: {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AppProject',
        metadata: { name: project, namespace: 'argocd' },
        spec: {
          description: `Rucio environment ${spec.name}`,
          sourceRepos: [spec.repoUrl, CHART_REPO],
          destinations: spec.overlays.map(o => ({
            server: serverOf(spec, o),
            namespace: namespaceOf(spec, o),
          })),
          // Only the platform Application applies cluster-scoped objects.
          clusterResourceWhitelist: withPlatform
            ? [{ group: 'cert-manager.io', kind: 'ClusterIssuer' }]
            : [],
        },
      },
    },
  ];
  if (withPlatform) {
    // Each cluster applies platform/ once: the home cluster when an overlay
    // runs there, and every region with an overlay.
    const clusters = new Map<string, string>();
    for (const overlay of spec.overlays) {
      const region = regionOf(spec, overlay)?.name ?? '';
      if (!clusters.has(region)) clusters.set(region, overlay);
    }
    for (const [region, overlay] of clusters) {
      files.push({
        path: region
          ? `gitops/argocd/platform-${region}.yaml`
          : 'gitops/argocd/platform.yaml',
        content: application(
          platformAppName(spec, region || undefined),
          {},
          {
            source: {
              repoURL: spec.repoUrl,
              targetRevision: 'main',
              path: 'platform',
            },
            // Cluster-scoped objects ignore the namespace; the project needs one.
            destination: {
              server: serverOf(spec, overlay),
              namespace: namespaceOf(spec, overlay),
            },
            syncPolicy: { automated: { prune: true, selfHeal: true } },
          },
        ),
      });
    }
  }
  for (const overlay of spec.overlays) {
    const destination = {
      server: serverOf(spec, overlay),
      namespace: namespaceOf(spec, overlay),
    };
    const apps: object[] = [
      application(
        `rucio-base-${spec.name}-${overlay}`,
        { [OVERLAY_LABEL]: overlay },
        {
          source: {
            repoURL: spec.repoUrl,
            targetRevision: 'main',
            path: `overlays/${overlay}`,
          },
          destination,
          syncPolicy,
        },
      ),
    ];
    for (const [release, chart] of RELEASES) {
      apps.push(
        application(
          `${release}-${spec.name}-${overlay}`,
          { [OVERLAY_LABEL]: overlay },
          {
            sources: [
              {
                repoURL: CHART_REPO,
                chart,
                targetRevision: spec.chartVersion,
                helm: {
                  releaseName: release,
                  valueFiles: [`$values/${valuesFile(overlay, release)}`],
                },
              },
              { repoURL: spec.repoUrl, targetRevision: 'main', ref: 'values' },
            ],
            destination,
            syncPolicy,
          },
        ),
      );
    }
    files.push({
      path: `gitops/argocd/applications-${overlay}.yaml`,
      content: apps,
    });
  }
  return files;
}
