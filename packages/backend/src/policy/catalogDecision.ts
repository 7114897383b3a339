import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogEntityValidatePermission,
  catalogLocationAnalyzePermission,
  catalogLocationCreatePermission,
  catalogLocationReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isPermission,
  type Permission,
  type PolicyDecision,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { PolicyCaller } from './PolicyCaller';

const READ = [
  catalogEntityReadPermission,
  catalogLocationReadPermission,
  catalogEntityValidatePermission,
  catalogLocationAnalyzePermission,
];

/**
 * Catalog: everyone reads; deleting or refreshing an entity is for its
 * owners (the user or one of their groups) and admins; registering a
 * location (the template's last step) is for operators; the rest for admins.
 */
export function catalogDecision(
  permission: Permission,
  caller: PolicyCaller,
): PolicyDecision | undefined {
  if (READ.some(p => p.name === permission.name)) {
    return { result: AuthorizeResult.ALLOW };
  }
  if (
    isPermission(permission, catalogEntityDeletePermission) ||
    isPermission(permission, catalogEntityRefreshPermission)
  ) {
    if (caller.isAdmin) return { result: AuthorizeResult.ALLOW };
    return createCatalogConditionalDecision(
      permission as ResourcePermission<'catalog-entity'>,
      catalogConditions.isEntityOwner({ claims: caller.ownership }),
    );
  }
  if (isPermission(permission, catalogLocationCreatePermission)) {
    return {
      result: caller.isOperator ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
    };
  }
  if (permission.name.startsWith('catalog.')) {
    return {
      result: caller.isAdmin ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
    };
  }
  return undefined;
}
