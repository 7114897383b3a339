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
  const revision = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
  // gitops-engine sync_context.go executeSyncFailPhase: the phase message;
  // appcontroller.go autoSync: the SyncError condition once it will not retry.
  const failed = `one or more objects failed to apply, reason: Deployment.apps "daemons-reaper" is invalid: spec.template.spec.containers[0].resources.requests: Invalid value: "8": must be less than or equal to cpu limit of 4`;
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
        revision,
      },
      health: { status: a.health },
      reconciledAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      // Argo CD types.go OperationState: operation and startedAt are required.
      operationState: {
        operation: {
          sync: { revision },
          initiatedBy: { automated: true },
        },
        startedAt: new Date(state.startedAt - 1_815_000)
          .toISOString()
          .replace(/\.\d+Z$/, 'Z'),
        ...(a.sync === 'OutOfSync'
          ? { phase: 'Failed', message: failed }
          : {
              phase: 'Succeeded',
              message: 'successfully synced (all tasks run)',
            }),
        finishedAt: new Date(state.startedAt - 1_800_000)
          .toISOString()
          .replace(/\.\d+Z$/, 'Z'),
      },
      ...(a.sync === 'OutOfSync'
        ? {
            conditions: [
              {
                type: 'SyncError',
                message: `Failed last sync attempt to [${revision}]: ${failed}`,
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
  // helm-controller v2: Ready copies the Released condition (reconcile/
  // release.go summarize); messages as install.go/upgrade.go format them; the
  // releases are in status.history, newest first (v2 has no lastAppliedRevision).
  const snapshot = (
    chart: string,
    version: number,
    chartVersion: string,
    status: string,
  ) => ({
    name: chart,
    namespace: 'rucio',
    version,
    status,
    chartName: chart,
    chartVersion,
    appVersion: chartVersion,
    digest: `sha256:${String(version).repeat(64).slice(0, 64)}`,
    configDigest: `sha256:${String(version + 1)
      .repeat(64)
      .slice(0, 64)}`,
    firstDeployed: at,
    lastDeployed: at,
  });
  const released = (ok: boolean, reason: string, message: string) =>
    ['Ready', 'Released'].map(type => ({
      type,
      status: ok ? 'True' : 'False',
      reason,
      message,
      lastTransitionTime: at,
    }));
  // As the generator writes them: the chart from the environment's HelmRepository.
  const helmRelease = (
    chart: string,
    conditions: ReturnType<typeof released>,
    history: Array<ReturnType<typeof snapshot>>,
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
    status: {
      conditions,
      history,
      lastAttemptedRevision: '40.0.0',
      lastAttemptedReleaseAction: 'upgrade',
    },
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
        released(
          true,
          'UpgradeSucceeded',
          'Helm upgrade succeeded for release rucio/rucio-server.v3 with chart rucio-server@40.0.0',
        ),
        [
          snapshot('rucio-server', 3, '40.0.0', 'deployed'),
          snapshot('rucio-server', 2, '39.0.0', 'superseded'),
        ],
      ),
      helmRelease(
        'rucio-daemons',
        released(
          false,
          'UpgradeFailed',
          'Helm upgrade failed for release rucio/rucio-daemons with chart rucio-daemons@40.0.0: context deadline exceeded',
        ),
        [
          snapshot('rucio-daemons', 3, '40.0.0', 'failed'),
          snapshot('rucio-daemons', 2, '39.0.0', 'deployed'),
        ],
      ),
    ],
  };
}
