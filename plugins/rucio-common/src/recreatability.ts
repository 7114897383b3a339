import type { SecretSource } from './kubernetesStatus';
import type { CheckId, EnvironmentSnapshot } from './status';

/**
 * Whether the environment could be recreated from its repository, and the
 * first reason when it could not (or when that cannot be told).
 *
 * @public
 */
export interface Recreatability {
  state: 'yes' | 'no' | 'unknown';
  reason: string;
  /** The check that gave the reason. */
  check?: CheckId;
}

/** Secrets that the repository, ESO or cert-manager recreate (Helm's own release records too). */
const RECREATED: ReadonlySet<SecretSource> = new Set([
  'external-secret',
  'cert-manager',
  'template',
  'helm',
]);

/**
 * Recreatable from the repository when the namespace holds no
 * PersistentVolumeClaim, every Secret comes from a template, an
 * ExternalSecret or cert-manager (and syncs), Rucio matches the repository
 * (its RSEs, and the release its Deployments run) and GitOps is in sync;
 * otherwise the first reason, in that order.
 *
 * @public
 */
export function recreatability(snapshot: EnvironmentSnapshot): Recreatability {
  const { workloads, secrets, drift, sync } = snapshot.checks;
  const unknown: Recreatability[] = [];
  const notRead = (
    check: CheckId,
    what: string,
    result?: { status: string; message: string },
  ) =>
    unknown.push({
      state: 'unknown',
      check,
      reason: `${what} ${
        result ? `could not be told: ${result.message}` : 'is not collected.'
      }`,
    });

  const claims = workloads?.details?.volumeClaims;
  if (claims?.length) {
    const claim = claims[0];
    return {
      state: 'no',
      check: 'workloads',
      reason: `PersistentVolumeClaim ${claim.name} holds state in the cluster${
        claim.usedBy.length ? ` (mounted by ${claim.usedBy.join(', ')})` : ''
      }${claims.length > 1 ? `, and ${claims.length - 1} more` : ''}.`,
    };
  }
  if (!claims) notRead('workloads', 'Whether a volume holds state', workloads);

  const secretDetails = secrets?.details;
  if (secretDetails) {
    // Missing, not syncing or made by hand: each Secret says why.
    const secret =
      secretDetails.secrets.find(s => s.missing) ??
      secretDetails.secrets.find(
        s => s.status !== 'ok' || !RECREATED.has(s.source),
      );
    if (secret) {
      return { state: 'no', check: 'secrets', reason: secret.message };
    }
    const external = secretDetails.externalSecrets.find(
      e => e.status === 'error',
    );
    if (external) {
      return {
        state: 'no',
        check: 'secrets',
        reason: `ExternalSecret ${external.name} does not sync: ${
          external.message ?? 'no condition yet'
        }${external.lastError ? ` (${external.lastError})` : ''}.`,
      };
    }
  } else {
    notRead('secrets', 'Where the Secrets come from', secrets);
  }

  if (drift?.details && drift.details.total > 0) {
    return { state: 'no', check: 'drift', reason: drift.message };
  }
  if (!drift?.details || drift.status === 'unknown') {
    notRead('drift', 'Whether Rucio matches the repository', drift);
  }
  // A Deployment on another Rucio release than the repository names: drift too.
  const version = workloads?.details?.workloads.find(
    w => w.versionMatches === false,
  );
  if (version) {
    return {
      state: 'no',
      check: 'workloads',
      reason: `Deployment ${version.name} runs ${
        version.tag
      }, but the repository's rucioVersion is ${
        workloads!.details!.rucioVersion
      }.`,
    };
  }

  if (sync && sync.status !== 'ok' && sync.status !== 'unconfigured') {
    return {
      state: sync.status === 'unknown' ? 'unknown' : 'no',
      check: 'sync',
      reason: sync.message,
    };
  }
  if (!sync || sync.status === 'unconfigured') {
    notRead('sync', 'Whether GitOps is in sync', sync);
  }

  if (unknown.length) return unknown[0];
  const count = secretDetails!.secrets.length;
  return {
    state: 'yes',
    reason: `Recreatable from the repository: no PersistentVolumeClaim, ${count} ${
      count === 1 ? 'Secret' : 'Secrets'
    } from templates, External Secrets or cert-manager, no drift, GitOps in sync.`,
  };
}
