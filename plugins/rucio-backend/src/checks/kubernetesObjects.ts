import type { KubernetesReader } from '../clients/KubernetesReader';
import { UpstreamError } from '../clients/UpstreamError';

/** The fields of Kubernetes objects the workloads and secrets checks read. */

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

interface ObjectMeta {
  name: string;
  namespace?: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: Array<{ kind: string; name: string; controller?: boolean }>;
}

interface SecretRef {
  name?: string;
  optional?: boolean;
}

interface Container {
  name: string;
  image?: string;
  env?: Array<{ valueFrom?: { secretKeyRef?: SecretRef } }>;
  envFrom?: Array<{ secretRef?: SecretRef }>;
}

interface Volume {
  secret?: { secretName?: string; optional?: boolean };
  projected?: { sources?: Array<{ secret?: SecretRef }> };
  persistentVolumeClaim?: { claimName: string };
}

export interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  volumes?: Volume[];
}

export interface Deployment {
  metadata: ObjectMeta;
  spec?: { replicas?: number; template?: { spec?: PodSpec } };
  status?: { readyReplicas?: number };
}

export interface ContainerStatus {
  name: string;
  image?: string;
  restartCount?: number;
  state?: { waiting?: { reason?: string; message?: string } };
  lastState?: { terminated?: { finishedAt?: string } };
}

export interface Pod {
  metadata: ObjectMeta;
  status?: { containerStatuses?: ContainerStatus[] };
}

export interface Secret {
  metadata: ObjectMeta;
  type?: string;
  data?: Record<string, string>;
}

export interface VolumeClaim {
  metadata: ObjectMeta;
  spec?: {
    storageClassName?: string;
    resources?: { requests?: { storage?: string } };
  };
  status?: { phase?: string; capacity?: { storage?: string } };
}

export interface ExternalSecret {
  metadata: ObjectMeta;
  spec?: {
    refreshInterval?: string;
    secretStoreRef?: { kind?: string; name: string };
    target?: { name?: string };
  };
  status?: { conditions?: Condition[]; refreshTime?: string };
}

export interface SecretStore {
  metadata: ObjectMeta;
  status?: { conditions?: Condition[] };
}

export interface KubernetesEvent {
  involvedObject: { kind?: string; name?: string };
  message?: string;
  type?: string;
  lastTimestamp?: string;
  eventTime?: string;
  metadata: ObjectMeta;
}

/** What the Kubernetes checks say without a namespace to read. */
export const NO_NAMESPACE = {
  status: 'unconfigured',
  message:
    'No Kubernetes namespace is configured for this environment (kubernetes.cluster, kubernetes.namespace).',
} as const;

/** The Secrets and claims the pods of a Deployment need (optional ones left out). */
export function podReferences(deployment: Deployment) {
  const spec = deployment.spec?.template?.spec ?? {};
  const secrets = new Set<string>();
  const claims = new Set<string>();
  const add = (ref?: SecretRef) => {
    if (ref?.name && !ref.optional) secrets.add(ref.name);
  };
  for (const c of [
    ...(spec.containers ?? []),
    ...(spec.initContainers ?? []),
  ]) {
    for (const e of c.env ?? []) add(e.valueFrom?.secretKeyRef);
    for (const e of c.envFrom ?? []) add(e.secretRef);
  }
  for (const v of spec.volumes ?? []) {
    if (v.secret?.secretName && !v.secret.optional) {
      secrets.add(v.secret.secretName);
    }
    for (const source of v.projected?.sources ?? []) add(source.secret);
    if (v.persistentVolumeClaim) claims.add(v.persistentVolumeClaim.claimName);
  }
  return { secrets, claims };
}

/**
 * The items of a list whose kind the cluster may not serve: `undefined` when
 * its CRD is not installed (the API server answers 404 for the resource).
 */
export async function listIfServed<T>(
  reader: KubernetesReader,
  path: string,
  options: { signal: AbortSignal; labelSelector?: string },
): Promise<T[] | undefined> {
  try {
    return await reader.list<T>(path, options);
  } catch (error) {
    if (error instanceof UpstreamError && error.status === 404) {
      return undefined;
    }
    throw error;
  }
}

/** The `Ready` condition of an object's status. */
export function readyCondition(object: {
  status?: { conditions?: Condition[] };
}) {
  return object.status?.conditions?.find(c => c.type === 'Ready');
}
