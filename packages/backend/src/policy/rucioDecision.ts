import {
  AuthorizeResult,
  isPermission,
  type Permission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import { rucioEnvironmentConditions } from '@internal/plugin-rucio-backend';
import {
  rucioEnvironmentReadPermission,
  rucioEnvironmentRefreshPermission,
  rucioGitopsSyncPermission,
} from '@internal/plugin-rucio-common';
import type { PolicyCaller } from './PolicyCaller';

/**
 * Rucio: every signed-in user reads every environment (one basic
 * permission for all of them); refresh and sync are for the environment's
 * owners.
 */
export function rucioDecision(
  permission: Permission,
  caller: PolicyCaller,
): PolicyDecision | undefined {
  if (isPermission(permission, rucioEnvironmentReadPermission)) {
    return { result: AuthorizeResult.ALLOW };
  }
  if (
    isPermission(permission, rucioEnvironmentRefreshPermission) ||
    isPermission(permission, rucioGitopsSyncPermission)
  ) {
    return rucioEnvironmentConditions.createConditionalDecision(
      permission,
      rucioEnvironmentConditions.conditions.isEnvironmentOwner({
        claims: caller.ownership,
      }),
    );
  }
  return undefined;
}
