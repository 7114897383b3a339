import {
  AuthorizeResult,
  type Permission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  actionExecutePermission,
  taskCancelPermission,
  taskCreatePermission,
  taskReadPermission,
  templateDryRunPermission,
  templateParameterReadPermission,
  templateStepReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import type { PolicyCaller } from './PolicyCaller';

const READ = [templateParameterReadPermission, templateStepReadPermission];
/** Running a template: it publishes with the backend's GitHub/GitLab token. */
const RUN = [
  taskCreatePermission,
  taskReadPermission,
  taskCancelPermission,
  actionExecutePermission,
  templateDryRunPermission,
];

/**
 * Scaffolder: everyone may list and open templates; running one (and its
 * `rucio:*` actions), its dry run and its tasks are for operators.
 */
export function scaffolderDecision(
  permission: Permission,
  caller: PolicyCaller,
): PolicyDecision | undefined {
  if (READ.some(p => p.name === permission.name)) {
    return { result: AuthorizeResult.ALLOW };
  }
  if (RUN.some(p => p.name === permission.name)) {
    return {
      result: caller.isOperator ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
    };
  }
  return undefined;
}
