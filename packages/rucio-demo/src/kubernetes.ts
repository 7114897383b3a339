import { createHash } from 'node:crypto';
import type { DemoState } from './DemoState.ts';
import { DAEMONS, STALE_DAEMON } from './DemoState.ts';
import type { Handler } from './http.ts';
import { applications, appProject, fluxObjects } from './kubernetesGitOps.ts';
import { meta } from './kubernetesMeta.ts';
import {
  DEMO_VOLUME_CLAIM,
  events,
  externalSecrets,
  FAILING_EXTERNAL_SECRET,
  secrets,
  secretStores,
  volumeClaims,
} from './kubernetesSecrets.ts';

/** What the generated values give each pod: the database Secret, S3 signing keys, and the WebUI's claim. */
function podSpec(
  c: { component: string; image: string },
  container: Record<string, unknown> = {},
) {
  const rucio = c.component !== 'rucio-webui';
  return {
    containers: [
      {
        name: c.component,
        image: c.image,
        ...container,
        ...(rucio
          ? {
              env: [
                {
                  name: 'RUCIO_CFG_DATABASE_DEFAULT',
                  valueFrom: {
                    secretKeyRef: { name: 'rucio-db', key: 'dbfullstring' },
                  },
                },
              ],
            }
          : {}),
        volumeMounts: [
          rucio
            ? {
                name: 'rse-accounts',
                mountPath: '/opt/rucio/etc/rse-accounts.cfg',
                subPath: 'rse-accounts.cfg',
              }
            : { name: 'cache', mountPath: '/opt/rucio/webui/cache' },
        ],
      },
    ],
    volumes: [
      rucio
        ? {
            name: 'rse-accounts',
            secret: { secretName: FAILING_EXTERNAL_SECRET },
          }
        : {
            name: 'cache',
            persistentVolumeClaim: { claimName: DEMO_VOLUME_CLAIM },
          },
    ],
  };
}

function workloads(state: DemoState) {
  const components = [
    {
      name: 'server-rucio-server',
      component: 'rucio-server',
      replicas: 2,
      ready: 2,
      image: `rucio/rucio-server:release-${state.options.rucioVersion}`,
    },
    {
      name: 'server-rucio-server-auth',
      component: 'rucio-server',
      replicas: 1,
      ready: 1,
      image: `rucio/rucio-server:release-${state.options.rucioVersion}`,
    },
    {
      name: 'webui-rucio-webui',
      component: 'rucio-webui',
      replicas: 1,
      ready: 1,
      image: `rucio/webui:release-${state.options.rucioVersion}`,
    },
    ...DAEMONS.map(d => ({
      name: `daemons-${d.name}`,
      component: 'rucio-daemons',
      replicas: d.replicas,
      ready: d.name === STALE_DAEMON ? 0 : d.replicas,
      image: `rucio/rucio-daemons:release-${state.options.rucioVersion}`,
    })),
  ];
  const deployments = components.map(c => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(c.name, c.component, state.startedAt),
    spec: {
      replicas: c.replicas,
      selector: { matchLabels: { 'app.kubernetes.io/instance': c.name } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/instance': c.name } },
        spec: podSpec(c),
      },
    },
    status: {
      replicas: c.replicas,
      readyReplicas: c.ready,
      availableReplicas: c.ready,
      updatedReplicas: c.replicas,
      observedGeneration: 1,
    },
  }));
  const pods = components.flatMap(c =>
    Array.from({ length: c.replicas }, (_, i) => {
      const ready = i < c.ready;
      return {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: meta(`${c.name}-7d9f8c-${i}`, c.component, state.startedAt, {
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'ReplicaSet',
              name: `${c.name}-7d9f8c`,
              uid: `uid-${c.name}-rs`,
            },
          ],
        }),
        spec: podSpec(c, {
          resources: { requests: { cpu: '250m', memory: '512Mi' } },
        }),
        status: {
          phase: ready ? 'Running' : 'Pending',
          startTime: new Date(state.startedAt).toISOString(),
          conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
          containerStatuses: [
            {
              name: c.component,
              image: c.image,
              // The kubelet reports the digest it pulled.
              imageID: `docker.io/${c.image.replace(
                /:.*$/,
                '',
              )}@sha256:${createHash('sha256').update(c.image).digest('hex')}`,
              ready,
              restartCount: ready ? 0 : 7,
              ...(ready
                ? {}
                : {
                    lastState: {
                      terminated: {
                        exitCode: 1,
                        reason: 'Error',
                        startedAt: new Date(state.startedAt - 330_000)
                          .toISOString()
                          .replace(/\.\d+Z$/, 'Z'),
                        finishedAt: new Date(state.startedAt - 300_000)
                          .toISOString()
                          .replace(/\.\d+Z$/, 'Z'),
                      },
                    },
                  }),
              state: ready
                ? {
                    running: {
                      startedAt: new Date(state.startedAt).toISOString(),
                    },
                  }
                : {
                    waiting: {
                      reason: 'CrashLoopBackOff',
                      message: 'back-off restarting failed container',
                    },
                  },
            },
          ],
        },
      };
    }),
  );
  return { deployments, pods };
}

function certificates(state: DemoState) {
  const day = 86_400_000;
  const certs = [
    { name: 'rucio-server-tls', dns: 'rucio.demo.example.org', days: 80 },
    { name: 'rucio-auth-tls', dns: 'rucio-auth.demo.example.org', days: 78 },
    { name: 'rucio-webui-tls', dns: 'rucio-ui.demo.example.org', days: 5 },
  ];
  return certs.map(c => ({
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: meta(c.name, 'certificates', state.startedAt),
    spec: {
      secretName: c.name,
      dnsNames: [c.dns],
      issuerRef: {
        name: 'letsencrypt',
        kind: 'ClusterIssuer',
        group: 'cert-manager.io',
      },
    },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'Ready',
          message: 'Certificate is up to date and has not expired',
        },
      ],
      notBefore: new Date(state.startedAt + (c.days - 90) * day)
        .toISOString()
        .replace(/\.\d+Z$/, 'Z'),
      notAfter: new Date(state.startedAt + c.days * day)
        .toISOString()
        .replace(/\.\d+Z$/, 'Z'),
      renewalTime: new Date(state.startedAt + (c.days - 30) * day)
        .toISOString()
        .replace(/\.\d+Z$/, 'Z'),
    },
  }));
}

function matchesSelector(
  obj: { metadata: { labels?: Record<string, string> } },
  selector: string | null,
) {
  if (!selector) return true;
  return selector.split(',').every(term => {
    const [key, value] = term.split('=');
    return value === undefined
      ? key in (obj.metadata.labels ?? {})
      : obj.metadata.labels?.[key] === value;
  });
}

/** `a.b=c` terms of a field selector (what the checks send: equality only). */
function matchesFields(obj: object, selector: string | null) {
  if (!selector) return true;
  return selector.split(',').every(term => {
    const [field, value] = term.split('=');
    const actual = field
      .split('.')
      .reduce<unknown>(
        (o, key) => (o as Record<string, unknown> | undefined)?.[key],
        obj,
      );
    return String(actual) === value;
  });
}

/**
 * The Kubernetes API subset that the Kubernetes plugin and our checks read.
 * Unknown collections answer empty lists, as a real cluster without those
 * objects would.
 */
export function kubernetesHandler(state: DemoState): Handler {
  return (req, res, url) => {
    const path = url.pathname.replace(/\/$/, '');
    const selector = url.searchParams.get('labelSelector');
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(text),
      });
      res.end(text);
    };
    if (req.headers.authorization !== 'Bearer demo-service-account-token') {
      send(401, {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
      return;
    }
    if (req.method === 'PATCH') {
      // Sync/reconcile requests are accepted and echoed; the demo does not re-deploy.
      send(200, { kind: 'Status', status: 'Success' });
      return;
    }
    const { deployments, pods } = workloads(state);
    const flux = fluxObjects(state);
    const collections: Record<
      string,
      {
        kind: string;
        items: Array<{
          metadata: { namespace: string; labels?: Record<string, string> };
        }>;
      }
    > = {
      'apps/v1/deployments': { kind: 'DeploymentList', items: deployments },
      'v1/pods': { kind: 'PodList', items: pods },
      'cert-manager.io/v1/certificates': {
        kind: 'CertificateList',
        items: certificates(state),
      },
      'argoproj.io/v1alpha1/applications': {
        kind: 'ApplicationList',
        items: applications(state),
      },
      'kustomize.toolkit.fluxcd.io/v1/kustomizations': {
        kind: 'KustomizationList',
        items: flux.kustomizations,
      },
      'helm.toolkit.fluxcd.io/v2/helmreleases': {
        kind: 'HelmReleaseList',
        items: flux.helmreleases,
      },
      'external-secrets.io/v1/externalsecrets': {
        kind: 'ExternalSecretList',
        items: externalSecrets(state),
      },
      'external-secrets.io/v1/secretstores': {
        kind: 'SecretStoreList',
        items: secretStores(state),
      },
      'v1/secrets': { kind: 'SecretList', items: secrets(state) },
      'v1/events': { kind: 'EventList', items: events(state) },
      'v1/persistentvolumeclaims': {
        kind: 'PersistentVolumeClaimList',
        items: volumeClaims(state),
      },
      'argoproj.io/v1alpha1/appprojects': {
        kind: 'AppProjectList',
        items: [appProject()],
      },
    };
    // One object: GET …/namespaces/<ns>/<resource>/<name>.
    const one = path.match(
      /^\/(?:api\/(v1)|apis\/([^/]+\/[^/]+))\/namespaces\/([^/]+)\/([^/]+)\/([^/]+)$/,
    );
    if (one) {
      const found = collections[`${one[1] ?? one[2]}/${one[4]}`]?.items.find(
        o =>
          o.metadata.namespace === one[3] &&
          (o.metadata as { name?: string }).name === decodeURIComponent(one[5]),
      );
      if (found) {
        send(200, found);
        return;
      }
    }
    const m = path.match(
      /^\/(?:api\/(v1)|apis\/([^/]+\/[^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)$/,
    );
    if (m) {
      const groupVersion = m[1] ?? m[2];
      const key = `${groupVersion}/${m[4]}`;
      const collection = collections[key];
      const items = (collection?.items ?? []).filter(
        o =>
          (!m[3] || o.metadata.namespace === m[3]) &&
          matchesSelector(o, selector) &&
          matchesFields(o, url.searchParams.get('fieldSelector')),
      );
      send(200, {
        kind: collection?.kind ?? `${m[4]}List`,
        apiVersion: groupVersion,
        metadata: { resourceVersion: '1' },
        items,
      });
      return;
    }
    if (path === '/version') {
      send(200, {
        major: '1',
        minor: '33',
        gitVersion: 'v1.33.0-demo',
        platform: 'linux/amd64',
      });
      return;
    }
    send(404, {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      message: `the server could not find the requested resource (${path})`,
      reason: 'NotFound',
      code: 404,
    });
  };
}
