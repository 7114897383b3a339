import { ENVIRONMENT_FILE } from '../generator/environmentFile';
import type { EnvironmentSpec } from '../generator/EnvironmentSpec';
import { serverOf, vaultAuthMountOf } from '../generator/names';
import type { ValidationFinding } from './ValidationFinding';

/**
 * Two clusters logging in to Vault through one Kubernetes auth mount: a
 * mount verifies service-account tokens against one cluster's API server,
 * so the SecretStores of the other cluster could not log in and none of its
 * ExternalSecrets would sync.
 */
export function checkVaultMounts(spec: EnvironmentSpec): ValidationFinding[] {
  if (
    spec.secrets.backend !== 'external-secrets' ||
    !spec.secrets.vaultServer
  ) {
    return [];
  }
  const servers = new Map<string, Set<string>>();
  for (const overlay of spec.overlays) {
    const mount = vaultAuthMountOf(spec, overlay);
    servers.set(
      mount,
      new Set([...(servers.get(mount) ?? []), serverOf(spec, overlay)]),
    );
  }
  return [...servers]
    .filter(([, clusters]) => clusters.size > 1)
    .map(([mount, clusters]) => ({
      severity: 'error' as const,
      file: ENVIRONMENT_FILE,
      message: `the clusters ${[...clusters].join(
        ' and ',
      )} share the Vault Kubernetes auth mount ${mount}: a mount verifies service-account tokens against one cluster's API server, so the other cluster's ExternalSecrets could not sync; give each region its own vaultAuthMount`,
    }));
}
