import type {
  CheckStatus,
  VolumeClaimStatus,
  WorkloadStatus,
} from '@rucio-portal/plugin-rucio-common';
import { worstStatus } from '@rucio-portal/plugin-rucio-common';
import type { Check, CheckContext } from './Check';
import {
  NO_NAMESPACE,
  podReferences,
  type Deployment,
  type Pod,
  type VolumeClaim,
} from './kubernetesObjects';

/** Waiting reasons that keep a container from running, as the kubelet names them. */
const BROKEN = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'CreateContainerConfigError',
  'CreateContainerError',
  'InvalidImageName',
]);
const HOUR = 3_600_000;

/** `rucio/rucio-server:release-40.1.0` → `release-40.1.0` (a digest is not a tag). */
export function imageTag(image: string | undefined) {
  const name = image?.split('@')[0];
  const colon = name?.lastIndexOf(':') ?? -1;
  return name && colon > name.lastIndexOf('/')
    ? name.slice(colon + 1)
    : undefined;
}

/**
 * The repository's `rucioVersion`, or why it is not known; a missing
 * repository or file leaves the version unchecked, not the check failed.
 */
async function repositoryVersion(ctx: CheckContext) {
  const repository = ctx.clients.repository;
  if (!repository) return { source: 'no repository reader' };
  try {
    const where = await repository.locate(ctx.env.name);
    if ('missing' in where) return { source: where.missing };
    const read = await repository.readRucioVersion(
      where,
      ctx.env.repository,
      ctx.signal,
    );
    return {
      version: read.rucioVersion,
      source: read.rucioVersion
        ? read.url
        : `${read.url} names no spec.rucioVersion`,
    };
  } catch (error) {
    return { source: (error as Error)?.message ?? String(error) };
  }
}

/** The Deployment a pod belongs to: its ReplicaSet's name without the template hash. */
function deploymentOf(pod: Pod) {
  const rs = pod.metadata.ownerReferences?.find(o => o.kind === 'ReplicaSet');
  return rs?.name.replace(/-[a-z0-9]+$/, '');
}

/**
 * The Rucio Deployments (server, auth, WebUI, daemons) ready against desired,
 * their pods' restarts and the reasons containers wait, the image tag against
 * the repository's `rucioVersion`, and every PersistentVolumeClaim of the
 * namespace (the environment is meant to keep no state in the cluster).
 */
export const workloadsCheck: Check<'workloads'> = {
  id: 'workloads',
  async run(ctx) {
    const { env, clients, signal } = ctx;
    const k8s = clients.kubernetes;
    if (!k8s || !env.kubernetes) return NO_NAMESPACE;
    const ns = env.kubernetes.namespace;
    const selector = { signal, labelSelector: env.kubernetes.labelSelector };
    const [deployments, pods, claims, version] = await Promise.all([
      k8s.list<Deployment>(
        `/apis/apps/v1/namespaces/${ns}/deployments`,
        selector,
      ),
      k8s.list<Pod>(`/api/v1/namespaces/${ns}/pods`, selector),
      k8s.list<VolumeClaim>(`/api/v1/namespaces/${ns}/persistentvolumeclaims`, {
        signal,
      }),
      repositoryVersion(ctx),
    ]);
    const now = Date.now();

    const workloads: WorkloadStatus[] = deployments
      .map(d => {
        const name = d.metadata.name;
        const own = pods.filter(p => deploymentOf(p) === name);
        const statuses = own.flatMap(p =>
          (p.status?.containerStatuses ?? []).map(c => ({ pod: p, c })),
        );
        const restarts = statuses.reduce(
          (n, { c }) => n + (c.restartCount ?? 0),
          0,
        );
        const lastRestartAt = statuses
          .map(({ c }) => c.lastState?.terminated?.finishedAt)
          .filter((t): t is string => !!t)
          .sort()
          .pop();
        const waiting = statuses
          .filter(({ c }) => BROKEN.has(c.state?.waiting?.reason ?? ''))
          .map(({ pod, c }) => ({
            pod: pod.metadata.name,
            reason: c.state!.waiting!.reason!,
            message: c.state!.waiting!.message,
          }));
        const image = d.spec?.template?.spec?.containers?.[0]?.image;
        const tag = imageTag(image);
        const versionMatches =
          version.version && tag
            ? tag.replace(/^release-/, '') === version.version
            : undefined;
        const desired = d.spec?.replicas ?? 1;
        const ready = d.status?.readyReplicas ?? 0;
        const problems: Array<[CheckStatus, string]> = [];
        if (waiting.length) {
          problems.push([
            'error',
            `${waiting[0].pod} is in ${waiting[0].reason}${
              waiting[0].message ? ` (${waiting[0].message})` : ''
            }`,
          ]);
        }
        if (ready < desired) {
          problems.push(['warning', `${ready} of ${desired} replicas ready`]);
        }
        if (lastRestartAt && now - Date.parse(lastRestartAt) < HOUR) {
          problems.push([
            'warning',
            `restarted within the last hour (${restarts} restarts in all)`,
          ]);
        }
        if (versionMatches === false) {
          problems.push([
            'warning',
            `runs ${tag}, but the repository's rucioVersion is ${version.version}`,
          ]);
        }
        return {
          name,
          desired,
          ready,
          restarts,
          lastRestartAt,
          waiting,
          image,
          tag,
          versionMatches,
          status: worstStatus(['ok', ...problems.map(([s]) => s)]),
          message: problems.length
            ? `Deployment ${name}: ${problems.map(([, m]) => m).join('; ')}.`
            : `Deployment ${name}: ${ready} of ${desired} ready.`,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));

    const mountedBy = new Map<string, string[]>();
    for (const d of deployments) {
      for (const claim of podReferences(d).claims) {
        mountedBy.set(claim, [
          ...(mountedBy.get(claim) ?? []),
          d.metadata.name,
        ]);
      }
    }
    const volumeClaims: VolumeClaimStatus[] = claims
      .map(c => ({
        name: c.metadata.name,
        phase: c.status?.phase,
        storageClass: c.spec?.storageClassName,
        size:
          c.status?.capacity?.storage ?? c.spec?.resources?.requests?.storage,
        usedBy: mountedBy.get(c.metadata.name) ?? [],
      }))
      .sort((a, b) => a.name.localeCompare(b.name));

    const status = worstStatus([
      'ok',
      ...workloads.map(w => w.status),
      ...(volumeClaims.length ? (['warning'] as const) : []),
    ]);
    const bad = workloads.filter(w => w.status !== 'ok');
    const claim = volumeClaims[0];
    let message = `${workloads.length} ${
      workloads.length === 1 ? 'Deployment' : 'Deployments'
    } in ${ns}, all ready${
      version.version ? ` and on Rucio ${version.version}` : ''
    }; no PersistentVolumeClaim.`;
    if (bad.length) {
      message = `${bad.length} of ${workloads.length} Deployments need attention: ${bad[0].message}`;
    } else if (claim) {
      message = `PersistentVolumeClaim ${claim.name}${
        claim.usedBy.length ? `, mounted by ${claim.usedBy.join(', ')},` : ''
      } keeps state in the cluster; an environment recreated from its repository would lose it.`;
    }
    return {
      status,
      message,
      details: {
        namespace: ns,
        rucioVersion: version.version,
        versionSource: version.source,
        workloads,
        volumeClaims,
      },
    };
  },
};
