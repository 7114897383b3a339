import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { isEnvironmentOwner } from '@internal/plugin-rucio-backend';
import {
  rucioEnvironmentReadPermission,
  rucioEnvironmentRefreshPermission,
  rucioGitopsSyncPermission,
} from '@internal/plugin-rucio-common';
import { RucioPortalPermissionPolicy } from './RucioPortalPermissionPolicy';

const ownership: Record<string, string[]> = {
  'user:default/ada': ['user:default/ada', 'group:default/data-management'],
  'user:default/sam': ['user:default/sam', 'group:default/site-admins'],
  'user:default/owner': ['user:default/owner'],
};

const policy = RucioPortalPermissionPolicy.create({
  userInfo: {
    getUserInfo: async credentials => {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: ownership[ref] ?? [ref],
      };
    },
  },
});

const asUser = (ref: string) => ({
  credentials: mockCredentials.user(ref),
  info: { userEntityRef: ref, ownershipEntityRefs: ownership[ref] },
});

/** Resolves a conditional decision against an environment the way the rucio plugin does. */
async function decide(
  permission: any,
  user: any,
  owner = 'group:default/data-management',
) {
  const decision = await policy.handle({ permission }, user);
  if (decision.result !== AuthorizeResult.CONDITIONAL) return decision.result;
  const condition = decision.conditions as { rule: string; params: any };
  expect(condition.rule).toBe('IS_ENVIRONMENT_OWNER');
  return isEnvironmentOwner.apply({ name: 'demo', owner }, condition.params)
    ? AuthorizeResult.ALLOW
    : AuthorizeResult.DENY;
}

describe('RucioPortalPermissionPolicy', () => {
  it('lets every signed-in user read', async () => {
    await expect(
      decide(rucioEnvironmentReadPermission, asUser('user:default/sam')),
    ).resolves.toBe(AuthorizeResult.ALLOW);
  });

  it.each([
    ['a member of the owning group', 'user:default/ada', AuthorizeResult.ALLOW],
    [
      'a user who owns it directly',
      'user:default/owner',
      AuthorizeResult.ALLOW,
    ],
    ['another user', 'user:default/sam', AuthorizeResult.DENY],
  ])('refresh and sync for %s', async (_who, ref, expected) => {
    const owner =
      ref === 'user:default/owner' ? 'user:default/owner' : undefined;
    for (const permission of [
      rucioEnvironmentRefreshPermission,
      rucioGitopsSyncPermission,
    ]) {
      await expect(decide(permission, asUser(ref), owner)).resolves.toBe(
        expected,
      );
    }
  });

  it('refuses refresh and sync to service principals and anonymous calls', async () => {
    const service = {
      credentials: mockCredentials.service('plugin:catalog'),
      info: undefined as any,
    };
    await expect(decide(rucioGitopsSyncPermission, service)).resolves.toBe(
      AuthorizeResult.DENY,
    );
    await expect(
      decide(rucioEnvironmentRefreshPermission, undefined),
    ).resolves.toBe(AuthorizeResult.DENY);
  });
});
