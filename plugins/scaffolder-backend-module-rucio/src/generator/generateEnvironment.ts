import { argocd } from './argocd';
import { catalogInfo } from './catalogInfo';
import { clusterIssuers, namespacedIssuers } from './certificates';
import { environmentFile } from './environmentFile';
import type { EnvironmentSpec } from './EnvironmentSpec';
import { flux } from './flux';
import type { GeneratedFile } from './GeneratedFile';
import { gitopsRepositorySecret } from './gitopsRepositorySecret';
import { grafanaDashboard, serviceMonitors } from './monitoring';
import { labels } from './names';
import { overlayFiles } from './overlays';
import { pgbouncer } from './pgbouncer';
import { readme } from './readme';
import {
  adoptedRseDefinition,
  rseBootstrap,
  rseDefinition,
  rseFile,
  rseNames,
} from './rses';
import { secretTemplates } from './secrets';

export type { GeneratedFile } from './GeneratedFile';

const KUSTOMIZATION = {
  apiVersion: 'kustomize.config.k8s.io/v1beta1',
  kind: 'Kustomization',
};

/**
 * Every file of the environment repository, in a stable order: the same spec
 * always gives the same files.
 *
 * @public
 */
export function generateEnvironment(spec: EnvironmentSpec): GeneratedFile[] {
  const platform = clusterIssuers(spec);
  const withPlatform = platform.length > 0;
  const files: GeneratedFile[] = [
    { path: 'README.md', content: readme(spec, withPlatform) },
    { path: 'catalog-info.yaml', content: catalogInfo(spec) },
    environmentFile(spec),
  ];
  if (withPlatform) {
    // Cluster-scoped: one app per cluster owns them, never an overlay.
    files.push({ path: 'platform/issuers.yaml', content: platform });
    files.push({
      path: 'platform/kustomization.yaml',
      content: { ...KUSTOMIZATION, resources: ['issuers.yaml'] },
    });
  }
  const baseResources: string[] = [];
  const issuers = namespacedIssuers(spec);
  if (issuers.length) {
    baseResources.push('issuers.yaml');
    files.push({ path: 'base/issuers.yaml', content: issuers });
  }
  if (spec.database.pgbouncer.enabled) {
    baseResources.push('pgbouncer.yaml');
    files.push({ path: 'base/pgbouncer.yaml', content: pgbouncer(spec) });
  }
  if (spec.monitoring) {
    baseResources.push('monitoring.yaml');
    files.push({
      path: 'base/monitoring.yaml',
      content: [...serviceMonitors(), grafanaDashboard(spec)],
    });
  }
  if (spec.gitops === 'argocd') {
    baseResources.push('rses');
  }
  files.push({
    path: 'base/kustomization.yaml',
    content: {
      ...KUSTOMIZATION,
      resources: baseResources,
      labels: [{ pairs: labels(spec), includeSelectors: false }],
    },
  });
  files.push(...rseBootstrap(spec, rseNames(spec)));
  for (const r of spec.rses) {
    files.push({ path: rseFile(r), content: rseDefinition(spec, r) });
  }
  for (const r of spec.adoptedRses) {
    files.push({
      path: rseFile({ name: r.rse }),
      content: adoptedRseDefinition(spec, r),
    });
  }
  if (spec.secrets.backend === 'kubernetes') {
    files.push(...secretTemplates(spec));
  }
  files.push(gitopsRepositorySecret(spec));
  for (const overlay of spec.overlays) {
    files.push(...overlayFiles(spec, overlay));
  }
  files.push(
    ...(spec.gitops === 'argocd'
      ? argocd(spec, withPlatform)
      : flux(spec, withPlatform)),
  );
  return files;
}
