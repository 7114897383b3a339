import type { EnvironmentSpec } from './EnvironmentSpec';
import { LABEL, systemName } from './names';
import { rseEntity, rseNames } from './rses';

/** catalog-info.yaml: the System, its Components and Resources. */
export function catalogInfo(spec: EnvironmentSpec): object[] {
  const system = systemName(spec);
  const gitops =
    spec.gitops === 'argocd'
      ? { 'argocd/app-selector': `${LABEL}=${spec.name}` }
      : { 'flux.weave.works/kustomization': `rucio-${spec.name}` };
  const annotations = {
    [LABEL]: spec.name,
    'backstage.io/kubernetes-id': `rucio-${spec.name}`,
    ...gitops,
  };
  const component = (name: string, title: string, type: string) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: `${system}-${name}`, title, annotations },
    spec: { type, lifecycle: 'production', owner: spec.owner, system },
  });
  return [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: system, title: `Rucio ${spec.name}`, annotations },
      spec: { owner: spec.owner },
    },
    component('server', 'Rucio server', 'service'),
    component('auth', 'Rucio auth', 'service'),
    component('webui', 'Rucio WebUI', 'website'),
    component('daemons', 'Rucio daemons', 'service'),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: `${system}-database`,
        title: 'Rucio database',
        annotations: { [LABEL]: spec.name },
      },
      spec: { type: 'database', owner: spec.owner, system },
    },
    ...rseNames(spec).map(r => rseEntity(spec, r)),
  ];
}
