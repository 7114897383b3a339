import type { ChartName } from './chartValues';
import { certificates } from './certificates';
import { daemonsValues } from './daemonsValues';
import type { EnvironmentSpec } from './EnvironmentSpec';
import type { GeneratedFile } from './GeneratedFile';
import { prometheusRule } from './monitoring';
import {
  host,
  labels,
  namespaceOf,
  OVERLAY_LABEL,
  replicas,
  valuesFile,
  vaultAuthMountOf,
  type Overlay,
} from './names';
import { RUCIO_HOSTS_CONFIGMAP } from './rses';
import { externalSecrets } from './secrets';
import { authValues, serverValues } from './serverValues';
import { traefikRoutes } from './traefikRoutes';
import { webuiValues } from './webuiValues';

/** overlays/<overlay>/: the environment's namespace and what differs per stage. */
export function overlayFiles(
  spec: EnvironmentSpec,
  overlay: Overlay,
): GeneratedFile[] {
  const dir = `overlays/${overlay}`;
  const files: GeneratedFile[] = [];
  const resources = [
    '../../base',
    'namespace.yaml',
    'certificates.yaml',
    'hosts.yaml',
  ];
  files.push({
    path: `${dir}/namespace.yaml`,
    content: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespaceOf(spec, overlay), labels: labels(spec) },
    },
  });
  files.push({
    path: `${dir}/certificates.yaml`,
    content: certificates(spec, overlay),
  });
  files.push({
    path: `${dir}/hosts.yaml`,
    content: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: RUCIO_HOSTS_CONFIGMAP },
      data: {
        RUCIO_CFG_RUCIO_HOST: `https://${host(spec, overlay, 'rucio')}`,
        RUCIO_CFG_AUTH_HOST: `https://${host(spec, overlay, 'rucio-auth')}`,
      },
    },
  });
  if (spec.ingress === 'traefik') {
    resources.push('ingressroutes.yaml');
    files.push({
      path: `${dir}/ingressroutes.yaml`,
      content: traefikRoutes(spec, overlay),
    });
  }
  if (spec.secrets.backend === 'external-secrets') {
    resources.push('externalsecrets.yaml');
    files.push({
      path: `${dir}/externalsecrets.yaml`,
      content: externalSecrets(
        spec,
        host(spec, overlay, 'rucio-auth'),
        vaultAuthMountOf(spec, overlay),
      ),
    });
  }
  if (spec.monitoring) {
    resources.push('alerts.yaml');
    files.push({
      path: `${dir}/alerts.yaml`,
      content: prometheusRule(spec, namespaceOf(spec, overlay)),
    });
  }
  const valueFiles: Array<[string, ChartName, object]> = [
    ['rucio-server', 'rucio-server', serverValues(spec, overlay)],
    ['rucio-auth', 'rucio-server', authValues(spec, overlay)],
    ['rucio-webui', 'rucio-webui', webuiValues(spec, overlay)],
    ['rucio-daemons', 'rucio-daemons', daemonsValues(spec)],
  ];
  for (const [release, , values] of valueFiles) {
    files.push({ path: valuesFile(overlay, release), content: values });
  }
  if (spec.gitops === 'flux') {
    resources.push('helmreleases.yaml');
  }
  const kustomization: Record<string, unknown> = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    namespace: namespaceOf(spec, overlay),
    resources,
    labels: [
      {
        pairs: { ...labels(spec), [OVERLAY_LABEL]: overlay },
        includeSelectors: false,
      },
    ],
  };
  if (spec.database.pgbouncer.enabled) {
    kustomization.patches = [
      {
        target: { kind: 'Deployment', name: 'pgbouncer' },
        patch: JSON.stringify([
          { op: 'replace', path: '/spec/replicas', value: replicas(overlay) },
        ]),
      },
    ];
  }
  if (spec.gitops === 'flux') {
    // Files below the overlay only: kustomize refuses to load files outside it.
    kustomization.configMapGenerator = valueFiles.map(([release]) => ({
      name: `${release}-values`,
      files: [`values.yaml=values/${release}.yaml`],
      options: { disableNameSuffixHash: true },
    }));
  }
  files.push({ path: `${dir}/kustomization.yaml`, content: kustomization });
  return files;
}
