import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type { KubernetesReader } from '../clients/KubernetesReader';
import { UpstreamError } from '../clients/UpstreamError';
import type { EnvironmentConfig } from '../config/readEnvironmentConfigs';
import { blockingSyncWindow, type SyncWindow } from './argoSyncWindows';

/** What an owner may ask to sync. */
export interface SyncTarget {
  kind: 'Application' | 'Kustomization' | 'HelmRelease';
  name: string;
}

interface LiveObject {
  metadata: { name: string; labels?: Record<string, string> };
  spec?: {
    project?: string;
    destination?: { name?: string; server?: string; namespace?: string };
    sourceRef?: { kind: string; name: string; namespace?: string };
    chart?: {
      spec?: { sourceRef?: { kind: string; name: string; namespace?: string } };
    };
  };
  operation?: unknown;
  status?: { operationState?: { phase?: string; startedAt?: string } };
}

const COLLECTIONS: Record<SyncTarget['kind'], string> = {
  Application: 'argoproj.io/v1alpha1/namespaces/{ns}/applications',
  Kustomization:
    'kustomize.toolkit.fluxcd.io/v1/namespaces/{ns}/kustomizations',
  HelmRelease: 'helm.toolkit.fluxcd.io/v2/namespaces/{ns}/helmreleases',
};

const FLUX_SOURCES: Record<string, string> = {
  GitRepository: 'source.toolkit.fluxcd.io/v1/namespaces/{ns}/gitrepositories',
  HelmRepository:
    'source.toolkit.fluxcd.io/v1/namespaces/{ns}/helmrepositories',
  OCIRepository: 'source.toolkit.fluxcd.io/v1/namespaces/{ns}/ocirepositories',
  Bucket: 'source.toolkit.fluxcd.io/v1/namespaces/{ns}/buckets',
};

const objectPath = (collection: string, ns: string, name: string) =>
  `/apis/${collection.replace('{ns}', ns)}/${encodeURIComponent(name)}`;

/**
 * Whether labels satisfy an equality-based label selector (`k=v`, `k==v`,
 * `k!=v`, `k`, `!k`); set-based terms are refused rather than guessed.
 */
export function matchesLabelSelector(
  selector: string,
  labels: Record<string, string> = {},
): boolean {
  return selector
    .split(',')
    .map(term => term.trim())
    .filter(Boolean)
    .every(term => {
      if (/\s(in|notin)\s/.test(term)) {
        throw new InputError(
          `gitops.labelSelector term "${term}" is set-based; sync holds objects to equality-based selectors only`,
        );
      }
      const not = term.match(/^(.+?)!=(.*)$/);
      if (not) return labels[not[1]] !== not[2];
      const eq = term.match(/^(.+?)==?(.*)$/);
      if (eq) return labels[eq[1]] === eq[2];
      if (term.startsWith('!')) return !(term.slice(1) in labels);
      return term in labels;
    });
}

/**
 * Asks the GitOps controller to sync one object of an environment now, held
 * to the objects the environment's `gitops` config selects and checked on
 * the live object: Argo CD gets a refresh annotation and a sync operation
 * unless an operation runs or a sync window forbids it; Flux gets
 * `reconcile.fluxcd.io/requestedAt` on the object and first on its source,
 * as `flux reconcile --with-source` does.
 */
export async function syncGitOpsObject(options: {
  env: EnvironmentConfig;
  kubernetes: KubernetesReader;
  target: SyncTarget;
  initiator: string;
  signal: AbortSignal;
  now?: Date;
}) {
  const { env, kubernetes, target, initiator, signal } = options;
  const gitops = env.gitops!;
  const ns = gitops.namespace;
  const controller = gitops.controller;
  if (controller === 'argocd' && target.kind !== 'Application') {
    throw new InputError(`Argo CD syncs Applications, not ${target.kind}s`);
  }
  if (controller === 'flux' && target.kind === 'Application') {
    throw new InputError(
      `Flux reconciles Kustomizations and HelmReleases, not ${target.kind}s`,
    );
  }
  if (!gitops.names && !gitops.labelSelector) {
    throw new NotAllowedError(
      `Sync is held to the GitOps objects of ${env.name}, and its gitops config selects none: set gitops.names or gitops.labelSelector`,
    );
  }
  if (gitops.names && !gitops.names.includes(target.name)) {
    throw new NotFoundError(
      `${target.kind} ${target.name} is not one of the GitOps objects of ${env.name}`,
    );
  }
  const path = objectPath(COLLECTIONS[target.kind], ns, target.name);
  let live: LiveObject;
  try {
    live = (await kubernetes.request(path, { signal })) as LiveObject;
  } catch (error) {
    if (error instanceof UpstreamError && error.status === 404) {
      throw new NotFoundError(
        `${target.kind} ${target.name} does not exist in namespace ${ns} of ${kubernetes.name}`,
      );
    }
    throw error;
  }
  if (
    gitops.labelSelector &&
    !matchesLabelSelector(gitops.labelSelector, live.metadata.labels)
  ) {
    throw new NotFoundError(
      `${target.kind} ${target.name} does not carry the labels ${gitops.labelSelector} that select the GitOps objects of ${env.name}`,
    );
  }
  const requestedAt = (options.now ?? new Date()).toISOString();
  if (controller === 'argocd') {
    if (live.operation || live.status?.operationState?.phase === 'Running') {
      throw new ConflictError(
        `Argo CD is already running an operation on Application ${target.name}${
          live.status?.operationState?.startedAt
            ? ` (started ${live.status.operationState.startedAt})`
            : ''
        }; sync again once it has finished`,
      );
    }
    const project = live.spec?.project ?? 'default';
    const windows = await readSyncWindows(kubernetes, ns, project, signal);
    const blocked = blockingSyncWindow(
      windows,
      live,
      options.now ?? new Date(),
    );
    if (blocked) {
      throw new ConflictError(
        `AppProject ${project} does not allow a manual sync of ${target.name} now: ${blocked}`,
      );
    }
    await kubernetes.request(path, {
      signal,
      method: 'PATCH',
      body: {
        metadata: { annotations: { 'argocd.argoproj.io/refresh': 'normal' } },
        operation: {
          initiatedBy: { username: initiator },
          sync: { syncStrategy: { hook: {} } },
        },
      },
    });
  } else {
    const reconcile = {
      metadata: {
        annotations: { 'reconcile.fluxcd.io/requestedAt': requestedAt },
      },
    };
    const source = live.spec?.sourceRef ?? live.spec?.chart?.spec?.sourceRef;
    if (source && FLUX_SOURCES[source.kind]) {
      await kubernetes.request(
        objectPath(
          FLUX_SOURCES[source.kind],
          source.namespace ?? ns,
          source.name,
        ),
        { signal, method: 'PATCH', body: reconcile },
      );
    }
    await kubernetes.request(path, {
      signal,
      method: 'PATCH',
      body: reconcile,
    });
  }
  return {
    controller,
    kind: target.kind,
    namespace: ns,
    name: target.name,
    requestedAt,
  };
}

/** The AppProject's sync windows; a project that cannot be read has none we know of. */
async function readSyncWindows(
  kubernetes: KubernetesReader,
  ns: string,
  project: string,
  signal: AbortSignal,
): Promise<SyncWindow[]> {
  try {
    const body = (await kubernetes.request(
      objectPath(
        'argoproj.io/v1alpha1/namespaces/{ns}/appprojects',
        ns,
        project,
      ),
      { signal },
    )) as { spec?: { syncWindows?: SyncWindow[] } };
    return body?.spec?.syncWindows ?? [];
  } catch (error) {
    if (error instanceof UpstreamError && error.status === 404) return [];
    throw error;
  }
}
