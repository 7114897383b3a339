import type { EnvironmentSpec } from './EnvironmentSpec';
import type { GeneratedFile } from './GeneratedFile';
import { gitopsRepositorySecretName } from './gitopsRepositorySecret';
import {
  helmRepositoryName,
  LABEL,
  CHART_REPO,
  namespaceOf,
  platformAppName,
  RELEASES,
} from './names';

const FLUX_NAMESPACE = 'flux-system';

/**
 * gitops/flux/: the sources, a Kustomization per overlay (and one for its
 * RSE Job), the platform Kustomization; HelmReleases live in the overlays.
 */
export function flux(
  spec: EnvironmentSpec,
  withPlatform: boolean,
): GeneratedFile[] {
  const gitRepository = `rucio-${spec.name}`;
  const kustomization = (name: string, body: Record<string, unknown>) => ({
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: {
      name,
      namespace: FLUX_NAMESPACE,
      labels: { [LABEL]: spec.name },
    },
    spec: {
      ...body,
      sourceRef: { kind: 'GitRepository', name: gitRepository },
    },
  });
  const files: GeneratedFile[] = [
    {
      path: 'gitops/flux/sources.yaml',
      content: [
        {
          apiVersion: 'source.toolkit.fluxcd.io/v1',
          kind: 'GitRepository',
          metadata: { name: gitRepository, namespace: FLUX_NAMESPACE },
          spec: {
            interval: '1m',
            url: spec.repoUrl,
            ref: { branch: 'main' },
            // Generated repositories are private by default.
            secretRef: { name: gitopsRepositorySecretName(spec) },
          },
        },
        {
          apiVersion: 'source.toolkit.fluxcd.io/v1',
          kind: 'HelmRepository',
          metadata: {
            name: helmRepositoryName(spec),
            namespace: FLUX_NAMESPACE,
          },
          spec: { interval: '1h', url: CHART_REPO },
        },
      ],
    },
  ];
  if (withPlatform) {
    files.push({
      path: 'gitops/flux/kustomization-platform.yaml',
      content: kustomization(platformAppName(spec), {
        interval: '10m',
        path: './platform',
        prune: true,
      }),
    });
  }
  for (const overlay of spec.overlays) {
    const name = `rucio-${spec.name}-${overlay}`;
    files.push({
      path: `gitops/flux/kustomization-${overlay}.yaml`,
      content: kustomization(name, {
        interval: '5m',
        path: `./overlays/${overlay}`,
        prune: true,
        wait: true,
        timeout: '15m',
        ...(withPlatform
          ? { dependsOn: [{ name: platformAppName(spec) }] }
          : {}),
        targetNamespace: namespaceOf(spec, overlay),
      }),
    });
    // The RSE Job runs once the releases are ready; force re-creates it
    // when the definitions (and so the Job) change.
    files.push({
      path: `gitops/flux/kustomization-${overlay}-rses.yaml`,
      content: kustomization(`${name}-rses`, {
        interval: '10m',
        path: `./overlays/${overlay}/rses`,
        prune: true,
        force: true,
        dependsOn: [{ name }],
        targetNamespace: namespaceOf(spec, overlay),
      }),
    });
    files.push({
      path: `overlays/${overlay}/rses/kustomization.yaml`,
      content: {
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        namespace: namespaceOf(spec, overlay),
        resources: ['../../../base/rses'],
      },
    });
    files.push({
      path: `overlays/${overlay}/helmreleases.yaml`,
      content: RELEASES.map(([release, chart]) => ({
        apiVersion: 'helm.toolkit.fluxcd.io/v2',
        kind: 'HelmRelease',
        metadata: { name: release, labels: { [LABEL]: spec.name } },
        spec: {
          interval: '10m',
          chart: {
            spec: {
              chart,
              version: spec.chartVersion,
              sourceRef: {
                kind: 'HelmRepository',
                name: helmRepositoryName(spec),
                namespace: FLUX_NAMESPACE,
              },
            },
          },
          valuesFrom: [
            {
              kind: 'ConfigMap',
              name: `${release}-values`,
              valuesKey: 'values.yaml',
            },
          ],
        },
      })),
    });
  }
  return files;
}
