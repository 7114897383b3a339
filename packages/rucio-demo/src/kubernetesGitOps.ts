import type { DemoState } from './DemoState.ts';
import { meta, NS } from './kubernetesMeta.ts';

/** Argo CD and Flux objects of the demo, shaped as the generator writes them. */

/** The AppProject of the demo's Applications, without sync windows. */
export function appProject() {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: 'rucio-demo', namespace: 'argocd' },
    spec: { description: 'Rucio demo environment' },
  };
}

export function applications(state: DemoState) {
  const apps = [
    { name: 'rucio-server', sync: 'Synced', health: 'Healthy' },
    { name: 'rucio-daemons', sync: 'OutOfSync', health: 'Healthy' },
    { name: 'rucio-webui', sync: 'Synced', health: 'Healthy' },
  ];
  return apps.map(a => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      ...meta(a.name, 'gitops', state.startedAt),
      namespace: 'argocd',
    },
    spec: {
      project: 'rucio-demo',
      destination: { namespace: NS, server: 'https://kubernetes.default.svc' },
    },
    status: {
      sync: {
        status: a.sync,
        revision: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
      },
      health: { status: a.health },
      reconciledAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      // Argo CD types.go OperationState: operation and startedAt are required.
      operationState: {
        operation: {
          sync: { revision: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678' },
          initiatedBy: { automated: true },
        },
        startedAt: new Date(state.startedAt - 1_815_000)
          .toISOString()
          .replace(/\.\d+Z$/, 'Z'),
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
        finishedAt: new Date(state.startedAt - 1_800_000)
          .toISOString()
          .replace(/\.\d+Z$/, 'Z'),
      },
      ...(a.sync === 'OutOfSync'
        ? {
            conditions: [
              {
                type: 'SyncError',
                message:
                  'values-daemons.yaml changed: reaper threads 4 → 6 is not applied yet',
              },
            ],
          }
        : {}),
    },
  }));
}

/** Flux objects of the second demo environment (`demo-flux`). */
export function fluxObjects(state: DemoState) {
  const at = new Date(state.startedAt - 900_000)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z');
  const ready = (ok: boolean, message: string) => ({
    conditions: [
      {
        type: 'Ready',
        status: ok ? 'True' : 'False',
        reason: ok ? 'ReconciliationSucceeded' : 'InstallFailed',
        message,
        lastTransitionTime: at,
      },
    ],
  });
  const metadata = (name: string) => ({
    ...meta(name, 'gitops', state.startedAt),
    namespace: 'flux-system',
  });
  // As the generator writes them: the chart from the environment's HelmRepository.
  const helmRelease = (
    chart: string,
    status: ReturnType<typeof ready>,
    lastAppliedRevision: string,
  ) => ({
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: metadata(chart),
    spec: {
      interval: '10m',
      chart: {
        spec: {
          chart,
          version: '40.0.0',
          sourceRef: {
            kind: 'HelmRepository',
            name: 'rucio-demo-charts',
            namespace: 'flux-system',
          },
        },
      },
    },
    status: { ...status, lastAppliedRevision },
  });
  return {
    kustomizations: [
      {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        metadata: metadata('rucio-demo-flux'),
        spec: {
          interval: '5m',
          path: './overlays/dev',
          prune: true,
          sourceRef: { kind: 'GitRepository', name: 'rucio-demo' },
        },
        status: {
          ...ready(
            true,
            'Applied revision: main@sha1:0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6',
          ),
          lastAppliedRevision:
            'main@sha1:0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6',
        },
      },
    ],
    helmreleases: [
      helmRelease(
        'rucio-server',
        ready(
          true,
          'Helm upgrade succeeded for release rucio/rucio-server.v3 with chart rucio-server@40.0.0',
        ),
        '40.0.0',
      ),
      helmRelease(
        'rucio-daemons',
        ready(
          false,
          'Helm install failed for release rucio/rucio-daemons with chart rucio-daemons@40.0.0: context deadline exceeded',
        ),
        '39.0.0',
      ),
    ],
  };
}
