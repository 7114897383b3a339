import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { chartDir } from '../generator/chartValues';
import type { EnvironmentSpec } from '../generator/EnvironmentSpec';
import { namespaceOf, RELEASES, valuesFile } from '../generator/names';
import { validateManifest } from '../validator/manifestSchemas';
import { helmTemplate, kustomizeBuild, renderTools } from './renderTools';

/**
 * A generated repository as Argo CD or Flux would apply it: each overlay
 * through the real `kubectl kustomize`, each values file through the real
 * `helm template` against the official charts, and the assertions every
 * environment must pass once rendered.
 */

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string | null>;
  };
  spec?: any;
}

export interface Rendered {
  /** `kubectl kustomize` of platform/ (when there is one). */
  platform: K8sObject[];
  /** Per overlay: the kustomized overlay (and its RSE Job with Flux). */
  overlays: Map<string, K8sObject[]>;
  /** Per overlay and release: `helm template`. */
  releases: Map<string, K8sObject[]>;
  /** Secret templates of secrets/ (created by hand). */
  manualSecrets: Set<string>;
}

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterIssuer',
  'ClusterSecretStore',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'IngressClass',
]);

export function parseObjects(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map(d => d.toJS())
    .filter((d): d is K8sObject => !!d && typeof d === 'object');
}

export async function render(
  root: string,
  spec: EnvironmentSpec,
): Promise<Rendered> {
  const tools = renderTools();
  const rendered: Rendered = {
    platform: existsSync(path.join(root, 'platform'))
      ? parseObjects(await kustomizeBuild(tools, path.join(root, 'platform')))
      : [],
    overlays: new Map(),
    releases: new Map(),
    manualSecrets: new Set(),
  };
  for (const overlay of spec.overlays) {
    const objects = parseObjects(
      await kustomizeBuild(tools, path.join(root, 'overlays', overlay)),
    );
    if (spec.gitops === 'flux') {
      objects.push(
        ...parseObjects(
          await kustomizeBuild(
            tools,
            path.join(root, 'overlays', overlay, 'rses'),
          ),
        ),
      );
    }
    rendered.overlays.set(overlay, objects);
    for (const [release, chart] of RELEASES) {
      rendered.releases.set(
        `${overlay}/${release}`,
        parseObjects(
          await helmTemplate(tools, {
            release,
            chartDir: chartDir(chart),
            valuesFile: path.join(root, valuesFile(overlay, release)),
            namespace: namespaceOf(spec, overlay),
          }),
        ),
      );
    }
  }
  for (const file of readdirSync(path.join(root, 'secrets'))) {
    for (const doc of parseObjects(
      readFileSync(path.join(root, 'secrets', file), 'utf8'),
    )) {
      rendered.manualSecrets.add(doc.metadata.name);
    }
  }
  return rendered;
}

const WORKLOADS = new Set([
  'Deployment',
  'Job',
  'CronJob',
  'StatefulSet',
  'DaemonSet',
]);

export function podSpecs(objects: K8sObject[]): Array<[string, any]> {
  const specs: Array<[string, any]> = [];
  for (const o of objects) {
    const template =
      o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template : undefined;
    const pod = WORKLOADS.has(o.kind)
      ? (template ?? o.spec?.template)?.spec
      : undefined;
    if (pod) specs.push([`${o.kind} ${o.metadata.name}`, pod]);
  }
  return specs;
}

/** Secrets a pod reads: env secretKeyRef, envFrom secretRef, secret volumes. */
export function secretsRead(pod: any): string[] {
  const names: string[] = [];
  for (const c of [...(pod.containers ?? []), ...(pod.initContainers ?? [])]) {
    for (const e of c.env ?? []) {
      if (e.valueFrom?.secretKeyRef) names.push(e.valueFrom.secretKeyRef.name);
    }
    for (const e of c.envFrom ?? []) {
      if (e.secretRef) names.push(e.secretRef.name);
    }
  }
  for (const v of pod.volumes ?? []) {
    if (v.secret) names.push(v.secret.secretName);
  }
  return names;
}

export function mountsOf(pod: any): any[] {
  return (pod.containers ?? []).flatMap((c: any) => c.volumeMounts ?? []);
}

export function envOf(pod: any, name: string): string | undefined {
  for (const c of pod.containers ?? []) {
    const e = (c.env ?? []).find((x: any) => x.name === name);
    if (e) return e.value;
  }
  return undefined;
}

/** Secrets the FTS3 proxy renewal writes (RUCIO_FTS_SECRETS of its pods). */
function renewedSecrets(objects: K8sObject[]): string[] {
  return podSpecs(objects).flatMap(
    ([, pod]) => envOf(pod, 'RUCIO_FTS_SECRETS')?.split(',') ?? [],
  );
}

function providedSecrets(rendered: Rendered, overlay: string): Set<string> {
  const provided = new Set(rendered.manualSecrets);
  const objects = [
    ...rendered.overlays.get(overlay)!,
    ...RELEASES.flatMap(([r]) => rendered.releases.get(`${overlay}/${r}`)!),
  ];
  for (const o of objects) {
    if (o.kind === 'Secret') provided.add(o.metadata.name);
    if (o.kind === 'ExternalSecret') {
      provided.add(o.spec?.target?.name ?? o.metadata.name);
    }
    if (o.kind === 'Certificate') provided.add(o.spec.secretName);
  }
  renewedSecrets(objects).forEach(s => provided.add(s));
  return provided;
}

function ingress(rendered: Rendered, overlay: string, release: string) {
  return rendered.releases
    .get(`${overlay}/${release}`)!
    .find(o => o.kind === 'Ingress');
}

/** The assertions every generated environment must pass once rendered. */
export async function expectDeployable(
  spec: EnvironmentSpec,
  rendered: Rendered,
) {
  const all = [
    ...rendered.platform,
    ...[...rendered.overlays.values()].flat(),
    ...[...rendered.releases.values()].flat(),
  ];
  for (const o of all) {
    const result = await validateManifest(o);
    expect({
      object: `${o.kind} ${o.metadata.name}`,
      result: result.kind,
    }).toEqual({ object: `${o.kind} ${o.metadata.name}`, result: 'valid' });
  }
  // Stateless: no claims, no volumes that need one.
  expect(all.filter(o => o.kind === 'PersistentVolumeClaim')).toEqual([]);
  for (const [name, pod] of podSpecs(all)) {
    expect({
      name,
      claims: (pod.volumes ?? []).filter((v: any) => v.persistentVolumeClaim),
    }).toEqual({ name, claims: [] });
  }
  // Cluster-scoped objects carry no namespace, and only platform/ owns the
  // shared ones (an overlay owns its own Namespace).
  for (const o of all.filter(x => CLUSTER_SCOPED.has(x.kind))) {
    expect({
      object: `${o.kind} ${o.metadata.name}`,
      ns: o.metadata.namespace,
    }).toEqual({ object: `${o.kind} ${o.metadata.name}`, ns: undefined });
  }
  for (const [overlay, objects] of rendered.overlays) {
    expect(
      objects
        .filter(o => CLUSTER_SCOPED.has(o.kind))
        .map(o => `${o.kind} ${o.metadata.name}`),
    ).toEqual([`Namespace ${namespaceOf(spec, overlay as any)}`]);
  }
  for (const overlay of spec.overlays) {
    const provided = providedSecrets(rendered, overlay);
    const objects = [
      ...rendered.overlays.get(overlay)!,
      ...RELEASES.flatMap(([r]) => rendered.releases.get(`${overlay}/${r}`)!),
    ];
    for (const [name, pod] of podSpecs(objects)) {
      const missing = secretsRead(pod).filter(s => !provided.has(s));
      expect({ overlay, pod: name, missing }).toEqual({
        overlay,
        pod: name,
        missing: [],
      });
    }
    if (spec.ingress === 'nginx') {
      const webui = ingress(rendered, overlay, 'rucio-webui')!;
      const auth = ingress(rendered, overlay, 'rucio-auth')!;
      const server = ingress(rendered, overlay, 'rucio-server')!;
      // The WebUI pod serves plain HTTP: nginx must terminate TLS.
      expect(webui.metadata.annotations ?? {}).not.toHaveProperty([
        'nginx.ingress.kubernetes.io/ssl-passthrough',
      ]);
      expect(server.metadata.annotations ?? {}).not.toHaveProperty([
        'nginx.ingress.kubernetes.io/ssl-passthrough',
      ]);
      // X.509 login needs the client certificate at Apache.
      expect(auth.metadata.annotations).toMatchObject({
        'nginx.ingress.kubernetes.io/ssl-passthrough': 'true',
      });
      for (const i of [webui, auth, server]) {
        expect(i.spec.ingressClassName).toBe('nginx');
        expect(i.metadata.annotations ?? {}).not.toHaveProperty([
          'kubernetes.io/ingress.class',
        ]);
      }
    } else {
      for (const release of ['rucio-server', 'rucio-auth', 'rucio-webui']) {
        expect(ingress(rendered, overlay, release)).toBeUndefined();
      }
    }
  }
}
