import {
  AuthorizeResult,
  isPermission,
  type Permission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import { rucioEnvironmentConditions } from '@rucio-portal/plugin-rucio-backend';
import {
  rucioEnvironmentReadPermission,
  rucioEnvironmentRefreshPermission,
  rucioGitopsSyncPermission,
} from '@rucio-portal/plugin-rucio-common';
import type { PolicyCaller, PolicySettings } from './PolicyCaller';

/**
 * Rucio: every signed-in user reads every environment, or with
 * `rucioReaders: owners` only its owners and the admins; refresh and sync are
 * for the environment's owners. Owners are those of the environment's catalog
 * System.
 */
export function rucioDecision(
  permission: Permission,
  caller: PolicyCaller,
  settings: PolicySettings,
): PolicyDecision | undefined {
  if (isPermission(permission, rucioEnvironmentReadPermission)) {
    if (settings.rucioReaders === 'all' || caller.isAdmin) {
      return { result: AuthorizeResult.ALLOW };
    }
    return rucioEnvironmentConditions.createConditionalDecision(
      permission,
      rucioEnvironmentConditions.conditions.isEnvironmentOwner({
        claims: caller.ownership,
      }),
    );
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
