import { createMockDirectory } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { environment } from '../__testUtils__/environmentArbitrary';
import {
  helmTemplate,
  kustomizeBuild,
  renderTools,
  renderToolsUnavailable,
} from '../__testUtils__/renderTools';
import { validateManifest } from '../validator/manifestSchemas';
import { chartDir } from './chartValues';
import { parseEnvironmentSpec, type EnvironmentSpec } from './EnvironmentSpec';
import { generateEnvironment } from './generateEnvironment';
import { GOLDEN_INPUTS } from './goldenInputs';
import { namespaceOf, RELEASES, valuesFile } from './names';
import { writeFiles } from './writeFiles';

/**
 * What Argo CD or Flux would apply, judged on the rendered objects: each
 * overlay through the real `kubectl kustomize`, each values file through the
 * real `helm template` against the official 40.0.0 charts.
 */

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string | null>;
  };
  spec?: any;
}

interface Rendered {
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

function parseObjects(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map(d => d.toJS())
    .filter((d): d is K8sObject => !!d && typeof d === 'object');
}

async function render(root: string, spec: EnvironmentSpec): Promise<Rendered> {
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

function podSpecs(objects: K8sObject[]): Array<[string, any]> {
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
function secretsRead(pod: any): string[] {
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

function mountsOf(pod: any): any[] {
  return (pod.containers ?? []).flatMap((c: any) => c.volumeMounts ?? []);
}

function envOf(pod: any, name: string): string | undefined {
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
async function expectDeployable(spec: EnvironmentSpec, rendered: Rendered) {
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

function run(input: Record<string, unknown>, dir: string) {
  const spec = parseEnvironmentSpec(input);
  return { spec, files: generateEnvironment(spec), dir };
}

// Each test runs the real helm and kubectl many times; on two busy cores
// that takes far longer than Jest's default 5 s.
jest.setTimeout(180_000);

const unavailable = renderToolsUnavailable();
if (unavailable) {
  // Visible in the test output, not silently green.
  // eslint-disable-next-line no-console
  console.warn(`Render tests not run: ${unavailable}`);
}
const describeRendered = unavailable ? describe.skip : describe;

describeRendered(
  'generated environments, rendered with real Helm and Kustomize',
  () => {
    const dir = createMockDirectory();
    beforeEach(() => dir.clear());

    it.each(Object.keys(GOLDEN_INPUTS))(
      'golden environment %s renders, validates and is deployable',
      async name => {
        expect.hasAssertions();
        const { spec, files } = run(GOLDEN_INPUTS[name], dir.path);
        await writeFiles(dir.path, files);
        await expectDeployable(spec, await render(dir.path, spec));
      },
    );

    it('renders random valid environments deployable', async () => {
      expect.hasAssertions();
      const samples = fc.sample(environment, { numRuns: 4, seed: 17 });
      for (const input of samples) {
        dir.clear();
        const { spec, files } = run(input as Record<string, unknown>, dir.path);
        await writeFiles(dir.path, files);
        await expectDeployable(spec, await render(dir.path, spec));
      }
    });

    it('keeps the ClusterIssuer in platform/ under a name of its environment', async () => {
      const { spec, files } = run(GOLDEN_INPUTS.small, dir.path);
      await writeFiles(dir.path, files);
      const rendered = await render(dir.path, spec);
      expect(
        rendered.platform.map(o => `${o.kind} ${o.metadata.name}`),
      ).toEqual(['ClusterIssuer rucio-dev-letsencrypt']);
      const certificate = rendered.overlays
        .get('dev')!
        .find(o => o.kind === 'Certificate')!;
      expect(certificate.spec.issuerRef).toEqual({
        name: 'rucio-dev-letsencrypt',
        kind: 'ClusterIssuer',
        group: 'cert-manager.io',
      });
    });

    it('submits transfers: every RSE names the FTS3 servers and the daemons renew and mount the proxy', async () => {
      const { spec, files } = run(GOLDEN_INPUTS['flux-vault'], dir.path);
      await writeFiles(dir.path, files);
      const servers =
        'https://fts3-a.example.org:8446,https://fts3-b.example.org:8446';
      for (const r of spec.rses) {
        const definition = JSON.parse(
          readFileSync(
            path.join(dir.path, 'base/rses', `${r.name}.json`),
            'utf8',
          ),
        );
        expect(definition.attributes.fts).toBe(servers);
      }
      const rendered = await render(dir.path, spec);
      const daemons = rendered.releases.get('prod/rucio-daemons')!;
      const renewal = podSpecs(daemons).find(([n]) =>
        n.startsWith('CronJob rucio-daemons-renew-fts-proxy'),
      );
      expect(renewal).toBeDefined();
      expect(envOf(renewal![1], 'RUCIO_FTS_SERVERS')).toBe(servers);
      expect(envOf(renewal![1], 'RUCIO_FTS_VOMS')).toBe(
        'escape:/escape/Role=production',
      );
      expect(secretsRead(renewal![1])).toEqual(
        expect.arrayContaining(['rucio-fts-cert']),
      );
      expect(secretsRead(renewal![1])).not.toContain('rucio-x509up');
      const submitter = podSpecs(daemons).find(([n]) =>
        n.endsWith('conveyor-submitter'),
      )!;
      const mount = mountsOf(submitter[1]).find(
        (m: any) => m.mountPath === '/opt/proxy',
      );
      const volume = submitter[1].volumes.find(
        (v: any) => v.name === mount.name,
      );
      expect(volume.secret.secretName).toBe('rucio-x509up');
      // The charts write rucio.cfg as JSON into a Secret of the release.
      const common = daemons.find(
        o =>
          o.kind === 'Secret' &&
          o.metadata.name === 'rucio-daemons.config.common',
      ) as any;
      const config = JSON.parse(
        Buffer.from(common.data['common.json'], 'base64').toString('utf8'),
      );
      expect(config.conveyor.usercert).toBe('/opt/proxy/x509up');
    });

    it('mounts the S3 and GCS signing credentials where server and daemons read them', async () => {
      const { spec, files } = run(GOLDEN_INPUTS.large, dir.path);
      await writeFiles(dir.path, files);
      const rendered = await render(dir.path, spec);
      for (const release of ['rucio-server', 'rucio-daemons']) {
        const [, pod] = podSpecs(rendered.releases.get(`dev/${release}`)!).find(
          ([n]) => n.startsWith('Deployment'),
        )!;
        const paths = mountsOf(pod).map((m: any) => m.mountPath);
        expect(paths).toEqual(
          expect.arrayContaining([
            '/opt/rucio/etc/rse-accounts.cfg',
            '/opt/rucio/etc/gcs.json',
          ]),
        );
      }
    });
  },
);
