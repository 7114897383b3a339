import {
  kubernetesClustersReadPermission,
  kubernetesProxyPermission,
  kubernetesResourcesReadPermission,
} from '@backstage/plugin-kubernetes-common';
import {
  AuthorizeResult,
  isPermission,
  type Permission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type { PolicyCaller } from './PolicyCaller';

/**
 * Kubernetes: everyone reads the resources of their entities; the proxy,
 * which can PATCH or DELETE with the cluster's own token, is for admins.
 * The Rucio backend calls it as its own service principal after its own
 * ownership check, and service principals are not asked of the policy.
 */
export function kubernetesDecision(
  permission: Permission,
  caller: PolicyCaller,
): PolicyDecision | undefined {
  if (
    isPermission(permission, kubernetesClustersReadPermission) ||
    isPermission(permission, kubernetesResourcesReadPermission)
  ) {
    return { result: AuthorizeResult.ALLOW };
  }
  if (isPermission(permission, kubernetesProxyPermission)) {
    return {
      result: caller.isAdmin ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
    };
  }
  return undefined;
}
