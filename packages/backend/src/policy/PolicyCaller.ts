import type { PolicyQueryUser } from '@backstage/plugin-permission-node';

/** Who asks, as the policy's area modules need it. */
export interface PolicyCaller {
  /** The user and the groups they belong to, from the catalog. */
  ownership: string[];
  isAdmin: boolean;
  isOperator: boolean;
}

/** What the portal's policy is told in `permission.rucioPortal`. */
export interface PolicySettings {
  /** Groups that widen what a user may do. */
  adminGroups: string[];
  operatorGroups: string[];
  /** Who reads a Rucio environment: every signed-in user, or its owners and admins. */
  rucioReaders: 'all' | 'owners';
}

export function callerOf(
  user: PolicyQueryUser,
  settings: PolicySettings,
): PolicyCaller {
  const ownership = user.info.ownershipEntityRefs;
  const isAdmin = settings.adminGroups.some(g => ownership.includes(g));
  return {
    ownership,
    isAdmin,
    isOperator:
      isAdmin || settings.operatorGroups.some(g => ownership.includes(g)),
  };
}
