import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of the environment-scoped permissions; the resource ref is
 * the environment's name.
 *
 * @public
 */
export const RUCIO_ENVIRONMENT_RESOURCE_TYPE = 'rucio-environment';

/**
 * Read an environment: its collected status, history and RSE table. A
 * resource permission, so that a policy may allow it per environment.
 *
 * @public
 */
export const rucioEnvironmentReadPermission = createPermission({
  name: 'rucio.environment.read',
  attributes: { action: 'read' },
  resourceType: RUCIO_ENVIRONMENT_RESOURCE_TYPE,
});

/**
 * Ask for a new collection of a Rucio environment's status.
 *
 * @public
 */
export const rucioEnvironmentRefreshPermission = createPermission({
  name: 'rucio.environment.refresh',
  attributes: { action: 'update' },
  resourceType: RUCIO_ENVIRONMENT_RESOURCE_TYPE,
});

/**
 * Trigger a GitOps sync (Argo CD) or reconcile (Flux) of an environment.
 *
 * @public
 */
export const rucioGitopsSyncPermission = createPermission({
  name: 'rucio.gitops.sync',
  attributes: { action: 'update' },
  resourceType: RUCIO_ENVIRONMENT_RESOURCE_TYPE,
});

/**
 * Every permission of the Rucio plugins.
 *
 * @public
 */
export const rucioPermissions = [
  rucioEnvironmentReadPermission,
  rucioEnvironmentRefreshPermission,
  rucioGitopsSyncPermission,
];
