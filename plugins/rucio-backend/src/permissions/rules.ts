import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { RUCIO_ENVIRONMENT_RESOURCE_TYPE } from '@rucio-portal/plugin-rucio-common';
import { z } from 'zod';

/**
 * What the permission rules see of an environment.
 *
 * @public
 */
export interface RucioEnvironmentResource {
  /** The environment's name in `rucio.environments`. */
  name: string;
  /**
   * The owner of the catalog System the environment's config names (or, without
   * one, of the System its repository registered), as a full entity ref such
   * as `group:default/data-management`; none when there is no such System.
   */
  owners: string[];
}

/**
 * Environments are few and not listed through the permission framework.
 *
 * @public
 */
export type RucioEnvironmentQuery = { owners: string[] };

/** @public */
export const rucioEnvironmentResourceRef = createPermissionResourceRef<
  RucioEnvironmentResource,
  RucioEnvironmentQuery
>().with({ pluginId: 'rucio', resourceType: RUCIO_ENVIRONMENT_RESOURCE_TYPE });

function normalize(ref: string) {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    return ref;
  }
}

/**
 * The user, or one of the groups they belong to, owns the environment's
 * catalog System.
 *
 * @public
 */
export const isEnvironmentOwner = createPermissionRule({
  name: 'IS_ENVIRONMENT_OWNER',
  description:
    'Allow users who own the catalog System of the Rucio environment, directly or through one of their groups',
  resourceRef: rucioEnvironmentResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe(
        'Ownership entity refs of the user (the user and their groups)',
      ),
  }),
  apply: (environment, { claims }) => {
    const owners = environment.owners.map(normalize);
    return claims.map(normalize).some(claim => owners.includes(claim));
  },
  toQuery: ({ claims }) => ({ owners: claims }),
});

/**
 * Conditions for permission policies: `createConditionalDecision` with
 * `conditions.isEnvironmentOwner`, given the user's ownership claims.
 *
 * @public
 */
export const rucioEnvironmentConditions = createConditionExports({
  resourceRef: rucioEnvironmentResourceRef,
  rules: { isEnvironmentOwner },
});
