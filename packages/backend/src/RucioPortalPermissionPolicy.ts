import type { UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { rucioEnvironmentConditions } from '@internal/plugin-rucio-backend';
import {
  rucioEnvironmentRefreshPermission,
  rucioGitopsSyncPermission,
} from '@internal/plugin-rucio-common';

/**
 * The portal's policy: everyone signed in may read; refreshing a Rucio
 * environment and syncing its GitOps objects are for its owners only (the
 * user or one of their groups). Service principals may not do either.
 */
export class RucioPortalPermissionPolicy implements PermissionPolicy {
  static create(options: { userInfo: UserInfoService }) {
    return new RucioPortalPermissionPolicy(options.userInfo);
  }

  private constructor(private readonly userInfo: UserInfoService) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const ownerOnly =
      isPermission(request.permission, rucioEnvironmentRefreshPermission) ||
      isPermission(request.permission, rucioGitopsSyncPermission);
    if (!ownerOnly) {
      return { result: AuthorizeResult.ALLOW };
    }
    const principal = user?.credentials.principal as
      | { type?: string }
      | undefined;
    if (!user || principal?.type !== 'user') {
      return { result: AuthorizeResult.DENY };
    }
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      user.credentials,
    );
    return rucioEnvironmentConditions.createConditionalDecision(
      request.permission as typeof rucioEnvironmentRefreshPermission,
      rucioEnvironmentConditions.conditions.isEnvironmentOwner({
        claims: ownershipEntityRefs,
      }),
    );
  }
}
