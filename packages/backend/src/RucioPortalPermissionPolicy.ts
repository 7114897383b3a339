import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
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
import { callerOf, type PolicySettings } from './policy/PolicyCaller';
import { rucioDecision } from './policy/rucioDecision';
import { scaffolderDecision } from './policy/scaffolderDecision';

function readers(value: string | undefined): PolicySettings['rucioReaders'] {
  if (value === undefined || value === 'all' || value === 'owners') {
    return value ?? 'all';
  }
  throw new InputError(
    `permission.rucioPortal.rucioReaders must be "all" or "owners", not "${value}"`,
  );
}

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
  static create(options: { settings: PolicySettings }) {
    return new RucioPortalPermissionPolicy(options.settings);
  }

  /** `permission.rucioPortal`: the admin and operator groups, the Rucio readers. */
  static settingsFromConfig(config: Config): PolicySettings {
    const section = config.getOptionalConfig('permission.rucioPortal');
    return {
      adminGroups: section?.getOptionalStringArray('adminGroups') ?? [],
      operatorGroups: section?.getOptionalStringArray('operatorGroups') ?? [],
      rucioReaders: readers(section?.getOptionalString('rucioReaders')),
    };
  }

  private constructor(private readonly settings: PolicySettings) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) return { result: AuthorizeResult.DENY };
    const caller = callerOf(user, this.settings);
    for (const decide of AREAS) {
      const decision = decide(request.permission, caller, this.settings);
      if (decision) return decision;
    }
    return { result: AuthorizeResult.DENY };
  }
}
