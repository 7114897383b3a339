import type { Config } from '@backstage/config';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { catalogDecision } from './policy/catalogDecision';
import { kubernetesDecision } from './policy/kubernetesDecision';
import { callerOf, type PolicyGroups } from './policy/PolicyCaller';
import { rucioDecision } from './policy/rucioDecision';
import { scaffolderDecision } from './policy/scaffolderDecision';

/** One area's decisions; undefined when the permission is not its own. */
const AREAS = [
  rucioDecision,
  kubernetesDecision,
  scaffolderDecision,
  catalogDecision,
];

/**
 * The portal's policy. It denies what it does not know; each area module
 * allows what its table in the backend README says, by ownership from the
 * catalog and the configured admin and operator groups. Calls without a
 * signed-in user are denied (service principals never reach a policy).
 */
export class RucioPortalPermissionPolicy implements PermissionPolicy {
  static create(options: { groups: PolicyGroups }) {
    return new RucioPortalPermissionPolicy(options.groups);
  }

  /** `permission.rucioPortal.adminGroups` and `.operatorGroups`. */
  static groupsFromConfig(config: Config): PolicyGroups {
    const section = config.getOptionalConfig('permission.rucioPortal');
    return {
      adminGroups: section?.getOptionalStringArray('adminGroups') ?? [],
      operatorGroups: section?.getOptionalStringArray('operatorGroups') ?? [],
    };
  }

  private constructor(private readonly groups: PolicyGroups) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) return { result: AuthorizeResult.DENY };
    const caller = callerOf(user, this.groups);
    for (const decide of AREAS) {
      const decision = decide(request.permission, caller);
      if (decision) return decision;
    }
    return { result: AuthorizeResult.DENY };
  }
}
