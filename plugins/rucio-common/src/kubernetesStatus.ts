import type { CheckStatus } from './status';

/**
 * One External Secrets Operator `ExternalSecret` of the environment's
 * namespace, as its status and its last events say.
 *
 * @public
 */
export interface ExternalSecretStatus {
  name: string;
  /** The Secret it writes (`spec.target.name`, else its own name). */
  target: string;
  /** `SecretStore/<name>` or `ClusterSecretStore/<name>`. */
  store: string;
  /** The store's `Ready` condition; unset when the store could not be read. */
  storeReady?: boolean;
  storeMessage?: string;
  /** Its `Ready` condition. */
  ready?: boolean;
  /** ESO's reason: `SecretSynced`, `SecretSyncedError`, `SecretDeleted`, `SecretMissing`. */
  reason?: string;
  message?: string;
  /** The newest Warning event's message: ESO puts the provider's error there. */
  lastError?: string;
  refreshInterval?: string;
  /** When it last synced (`status.refreshTime`). */
  refreshedAt?: string;
  status: CheckStatus;
}

/**
 * Where a Secret of the namespace comes from, read from its labels, owners
 * and annotations.
 *
 * @public
 */
export type SecretSource =
  | 'external-secret'
  | 'cert-manager'
  | 'template'
  | 'helm'
  | 'other';

/**
 * One Secret, as metadata: never a value.
 *
 * @public
 */
export interface SecretStatus {
  name: string;
  source: SecretSource;
  /** The keys it holds; empty for a missing one. */
  keys: string[];
  createdAt?: string;
  /** The Deployments whose pods reference it. */
  usedBy: string[];
  /** Referenced by a Deployment but not in the namespace. */
  missing?: boolean;
  status: CheckStatus;
  message: string;
}

/** @public */
export interface SecretsCheckDetails {
  namespace: string;
  externalSecrets: ExternalSecretStatus[];
  secrets: SecretStatus[];
}

/**
 * One Deployment of a Rucio component (server, auth, WebUI, a daemon).
 *
 * @public
 */
export interface WorkloadStatus {
  name: string;
  desired: number;
  ready: number;
  /** Container restarts of its pods, and the last one. */
  restarts: number;
  lastRestartAt?: string;
  /** Why containers wait: `CrashLoopBackOff`, `ImagePullBackOff`, … with their pod. */
  waiting: Array<{ pod: string; reason: string; message?: string }>;
  image?: string;
  /** The image tag, and whether it is the repository's `rucioVersion`. */
  tag?: string;
  versionMatches?: boolean;
  status: CheckStatus;
  message: string;
}

/**
 * A PersistentVolumeClaim: the environment is meant to hold no state in the
 * cluster.
 *
 * @public
 */
export interface VolumeClaimStatus {
  name: string;
  phase?: string;
  storageClass?: string;
  size?: string;
  /** The Deployments whose pods mount it. */
  usedBy: string[];
}

/** @public */
export interface WorkloadsCheckDetails {
  namespace: string;
  /** `rucioVersion` of the repository's `rucio-environment.yaml`, when read. */
  rucioVersion?: string;
  /** Where it was read, or why it was not. */
  versionSource?: string;
  workloads: WorkloadStatus[];
  volumeClaims: VolumeClaimStatus[];
}
