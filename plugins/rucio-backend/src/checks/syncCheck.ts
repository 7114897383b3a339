import type { CheckStatus, SyncItem } from '@rucio-portal/plugin-rucio-common';
import { worstStatus } from '@rucio-portal/plugin-rucio-common';
import type { Check, CheckContext } from './Check';

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

interface ArgoApplication {
  metadata: { name: string; namespace: string };
  status?: {
    // Argo CD types.go SyncStatus: `revision` for one source, `revisions`
    // (one per source) for multi-source Applications.
    sync?: { status?: string; revision?: string; revisions?: string[] };
    health?: { status?: string; message?: string };
    operationState?: { finishedAt?: string; message?: string; phase?: string };
    reconciledAt?: string;
    conditions?: Array<{ type: string; message?: string }>;
  };
}

interface FluxObject {
  kind?: string;
  metadata: { name: string; namespace: string };
  spec?: { suspend?: boolean };
  status?: {
    conditions?: Condition[];
    /** Kustomizations; helm-controller v2 has none. */
    lastAppliedRevision?: string;
    lastAttemptedRevision?: string;
    /** HelmReleases (helm-controller v2): the releases, up to the last good one. */
    history?: Array<{ version: number; status: string; chartVersion: string }>;
  };
}

/**
 * The chart version running: a Kustomization's last applied revision, or
 * the newest deployed release of a HelmRelease's history (a failed upgrade
 * leaves the one before it running).
 */
function fluxRevision(o: FluxObject) {
  if (o.status?.lastAppliedRevision) return o.status.lastAppliedRevision;
  const history = [...(o.status?.history ?? [])].sort(
    (a, b) => b.version - a.version,
  );
  return (history.find(h => h.status === 'deployed') ?? history[0])
    ?.chartVersion;
}

function shortRevision(rev: string | undefined) {
  if (!rev) return undefined;
  // Flux: "main@sha1:abc…"; Argo CD: a bare SHA or a chart version.
  const sha = rev.split(':').pop()!;
  return /^[0-9a-f]{12,}$/.test(sha) ? sha.slice(0, 7) : rev;
}

function keep(names: string[] | undefined, name: string) {
  return !names || names.includes(name);
}

async function readArgo(ctx: CheckContext): Promise<SyncItem[]> {
  const gitops = ctx.env.gitops!;
  const apps = await ctx.clients.kubernetes!.list<ArgoApplication>(
    `/apis/argoproj.io/v1alpha1/namespaces/${gitops.namespace}/applications`,
    { signal: ctx.signal, labelSelector: gitops.labelSelector },
  );
  return apps
    .filter(a => keep(gitops.names, a.metadata.name))
    .map(app => {
      const sync = app.status?.sync?.status ?? 'Unknown';
      const health = app.status?.health?.status ?? 'Unknown';
      let status: CheckStatus = 'ok';
      if (health === 'Degraded' || health === 'Missing') status = 'error';
      else if (sync !== 'Synced' || health !== 'Healthy') status = 'warning';
      const condition = app.status?.conditions?.[0]?.message;
      return {
        controller: 'argocd' as const,
        kind: 'Application',
        namespace: app.metadata.namespace,
        name: app.metadata.name,
        syncStatus: sync,
        health,
        revision:
          shortRevision(app.status?.sync?.revision) ??
          (app.status?.sync?.revisions?.length
            ? app.status.sync.revisions.map(r => shortRevision(r)).join(', ')
            : undefined),
        lastSyncedAt: app.status?.operationState?.finishedAt,
        message:
          condition ??
          app.status?.health?.message ??
          app.status?.operationState?.message,
        status,
        url: ctx.env.links.argocd
          ? `${ctx.env.links.argocd}/applications/${app.metadata.namespace}/${app.metadata.name}`
          : undefined,
      };
    });
}

function fluxSyncStatus(o: FluxObject, ready: Condition | undefined) {
  if (o.spec?.suspend) return 'Suspended';
  if (ready?.status === 'True') return 'Ready';
  if (ready?.status === 'False') return 'NotReady';
  return 'Progressing';
}

function fluxItem(kind: string, o: FluxObject): SyncItem {
  const ready = o.status?.conditions?.find(c => c.type === 'Ready');
  let status: CheckStatus = 'ok';
  if (o.spec?.suspend) status = 'warning';
  else if (!ready || ready.status === 'Unknown') status = 'warning';
  else if (ready.status === 'False') status = 'error';
  return {
    controller: 'flux',
    kind,
    namespace: o.metadata.namespace,
    name: o.metadata.name,
    syncStatus: fluxSyncStatus(o, ready),
    health: ready?.reason ?? undefined,
    revision: shortRevision(fluxRevision(o)),
    lastSyncedAt: ready?.lastTransitionTime,
    message: ready?.message,
    status,
  } as SyncItem;
}

async function readFlux(ctx: CheckContext): Promise<SyncItem[]> {
  const gitops = ctx.env.gitops!;
  const k8s = ctx.clients.kubernetes!;
  const options = { signal: ctx.signal, labelSelector: gitops.labelSelector };
  const [kustomizations, releases] = await Promise.all([
    k8s.list<FluxObject>(
      `/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/${gitops.namespace}/kustomizations`,
      options,
    ),
    k8s.list<FluxObject>(
      `/apis/helm.toolkit.fluxcd.io/v2/namespaces/${gitops.namespace}/helmreleases`,
      options,
    ),
  ]);
  return [
    ...kustomizations
      .filter(o => keep(gitops.names, o.metadata.name))
      .map(o => fluxItem('Kustomization', o)),
    ...releases
      .filter(o => keep(gitops.names, o.metadata.name))
      .map(o => fluxItem('HelmRelease', o)),
  ];
}

/** Sync and health of the environment's Argo CD Applications or Flux objects. */
export const syncCheck: Check<'sync'> = {
  id: 'sync',
  async run(ctx) {
    const { gitops } = ctx.env;
    if (!gitops || !ctx.clients.kubernetes) {
      return {
        status: 'unconfigured',
        message: 'No GitOps controller or Kubernetes cluster is configured.',
      };
    }
    const items =
      gitops.controller === 'argocd'
        ? await readArgo(ctx)
        : await readFlux(ctx);
    const controller = gitops.controller === 'argocd' ? 'Argo CD' : 'Flux';
    if (!items.length) {
      return {
        status: 'warning',
        message: `${controller} has no matching objects in namespace ${gitops.namespace} of ${ctx.clients.kubernetes.name}.`,
        details: { controller: gitops.controller, items },
      };
    }
    const status = worstStatus(items.map(i => i.status));
    const bad = items.filter(i => i.status !== 'ok');
    return {
      status,
      message: bad.length
        ? `${bad.length} of ${
            items.length
          } ${controller} objects need attention: ${bad
            .map(
              i =>
                `${i.name} is ${i.syncStatus}${i.health ? `/${i.health}` : ''}`,
            )
            .join(', ')}.`
        : `All ${items.length} ${controller} objects are in sync and healthy.`,
      details: { controller: gitops.controller, items },
    };
  },
};
