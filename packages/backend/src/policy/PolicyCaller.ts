import type { PolicyQueryUser } from '@backstage/plugin-permission-node';

/** Who asks, as the policy's area modules need it. */
export interface PolicyCaller {
  /** The user and the groups they belong to, from the catalog. */
  ownership: string[];
  isAdmin: boolean;
  isOperator: boolean;
}

/** The groups that widen what a user may do (`permission.rucioPortal`). */
export interface PolicyGroups {
  adminGroups: string[];
  operatorGroups: string[];
}

export function callerOf(
  user: PolicyQueryUser,
  groups: PolicyGroups,
): PolicyCaller {
  const ownership = user.info.ownershipEntityRefs;
  const isAdmin = groups.adminGroups.some(g => ownership.includes(g));
  return {
    ownership,
    isAdmin,
    isOperator:
      isAdmin || groups.operatorGroups.some(g => ownership.includes(g)),
  };
}
