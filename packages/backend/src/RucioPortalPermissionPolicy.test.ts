import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogConditions } from '@backstage/plugin-catalog-backend/alpha';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  kubernetesProxyPermission,
  kubernetesResourcesReadPermission,
} from '@backstage/plugin-kubernetes-common';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  actionExecutePermission,
  taskCreatePermission,
  templateParameterReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import { isEnvironmentOwner } from '@rucio-portal/plugin-rucio-backend';
import {
  rucioEnvironmentReadPermission,
  rucioEnvironmentRefreshPermission,
  rucioGitopsSyncPermission,
} from '@rucio-portal/plugin-rucio-common';
import { RucioPortalPermissionPolicy } from './RucioPortalPermissionPolicy';

const ownership: Record<string, string[]> = {
  'user:default/ada': ['user:default/ada', 'group:default/data-management'],
  'user:default/sam': ['user:default/sam', 'group:default/site-admins'],
  'user:default/eve': ['user:default/eve', 'group:default/visitors'],
};

const policy = RucioPortalPermissionPolicy.create({
  settings: RucioPortalPermissionPolicy.settingsFromConfig(
    new ConfigReader({
      permission: {
        rucioPortal: {
          adminGroups: ['group:default/site-admins'],
          operatorGroups: ['group:default/data-management'],
        },
      },
    }),
  ),
});

const asUser = (ref: string) => ({
  credentials: mockCredentials.user(ref),
  info: { userEntityRef: ref, ownershipEntityRefs: ownership[ref] },
});

/** A decision, with conditions applied to a resource owned by `owner`. */
async function decide(
  permission: any,
  ref: string,
  owner = 'group:default/data-management',
) {
  const decision = await policy.handle({ permission }, asUser(ref));
  if (decision.result !== AuthorizeResult.CONDITIONAL) return decision.result;
  const condition = decision.conditions as { rule: string; params: any };
  if (condition.rule === 'IS_ENVIRONMENT_OWNER') {
    return isEnvironmentOwner.apply(
      { name: 'prod', owners: [owner] },
      condition.params,
    )
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY;
  }
  expect(condition.rule).toBe(
    catalogConditions.isEntityOwner({ claims: [] }).rule,
  );
  const entity = {
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
  return condition.params.claims.some((c: string) =>
    entity.relations.some(r => r.targetRef === c),
  )
    ? AuthorizeResult.ALLOW
    : AuthorizeResult.DENY;
}

const { ALLOW, DENY } = AuthorizeResult;

describe('RucioPortalPermissionPolicy', () => {
  it.each([
    // permission, owner (ada's group), other user, admin
    [
      'rucio.environment.read',
      rucioEnvironmentReadPermission,
      ALLOW,
      ALLOW,
      ALLOW,
    ],
    [
      'rucio.environment.refresh',
      rucioEnvironmentRefreshPermission,
      ALLOW,
      DENY,
      DENY,
    ],
    ['rucio.gitops.sync', rucioGitopsSyncPermission, ALLOW, DENY, DENY],
    [
      'kubernetes.resources.read',
      kubernetesResourcesReadPermission,
      ALLOW,
      ALLOW,
      ALLOW,
    ],
    ['kubernetes.proxy', kubernetesProxyPermission, DENY, DENY, ALLOW],
    [
      'scaffolder.template.parameter.read',
      templateParameterReadPermission,
      ALLOW,
      ALLOW,
      ALLOW,
    ],
    ['scaffolder.task.create', taskCreatePermission, ALLOW, DENY, ALLOW],
    ['scaffolder.action.execute', actionExecutePermission, ALLOW, DENY, ALLOW],
    ['catalog.entity.read', catalogEntityReadPermission, ALLOW, ALLOW, ALLOW],
    [
      'catalog.entity.delete',
      catalogEntityDeletePermission,
      ALLOW,
      DENY,
      ALLOW,
    ],
    [
      'catalog.entity.refresh',
      catalogEntityRefreshPermission,
      ALLOW,
      DENY,
      ALLOW,
    ],
    [
      'catalog.location.create',
      catalogLocationCreatePermission,
      ALLOW,
      DENY,
      ALLOW,
    ],
    [
      'catalog.location.delete',
      catalogLocationDeletePermission,
      DENY,
      DENY,
      ALLOW,
    ],
  ])(
    '%s: owner/operator, another user, admin',
    async (_name, permission, owner, other, admin) => {
      expect([
        await decide(permission, 'user:default/ada'),
        await decide(permission, 'user:default/eve'),
        await decide(permission, 'user:default/sam'),
      ]).toEqual([owner, other, admin]);
    },
  );

  it('denies what it does not know, and every call without a user', async () => {
    const unknown = createPermission({
      name: 'someplugin.thing.delete',
      attributes: { action: 'delete' },
    });
    await expect(decide(unknown, 'user:default/sam')).resolves.toBe(DENY);
    await expect(
      policy.handle({ permission: rucioEnvironmentReadPermission }),
    ).resolves.toEqual({ result: DENY });
  });

  it('with rucioReaders: owners, reads only the environments a user owns (admins all)', async () => {
    const ownersOnly = RucioPortalPermissionPolicy.create({
      settings: RucioPortalPermissionPolicy.settingsFromConfig(
        new ConfigReader({
          permission: {
            rucioPortal: {
              adminGroups: ['group:default/site-admins'],
              rucioReaders: 'owners',
            },
          },
        }),
      ),
    });
    const read = async (ref: string) => {
      const decision = await ownersOnly.handle(
        { permission: rucioEnvironmentReadPermission },
        asUser(ref),
      );
      if (decision.result !== AuthorizeResult.CONDITIONAL) {
        return decision.result;
      }
      return isEnvironmentOwner.apply(
        { name: 'prod', owners: ['group:default/data-management'] },
        (decision.conditions as { params: any }).params,
      )
        ? ALLOW
        : DENY;
    };
    expect([
      await read('user:default/ada'),
      await read('user:default/eve'),
      await read('user:default/sam'),
    ]).toEqual([ALLOW, DENY, ALLOW]);
  });

  it('names the key of a reader setting it does not know', () => {
    expect(() =>
      RucioPortalPermissionPolicy.settingsFromConfig(
        new ConfigReader({
          permission: { rucioPortal: { rucioReaders: 'everyone' } },
        }),
      ),
    ).toThrow(
      'permission.rucioPortal.rucioReaders must be "all" or "owners", not "everyone"',
    );
  });

  it('grants nothing extra without configured groups', async () => {
    const bare = RucioPortalPermissionPolicy.create({
      settings: RucioPortalPermissionPolicy.settingsFromConfig(
        new ConfigReader({}),
      ),
    });
    for (const permission of [
      kubernetesProxyPermission,
      taskCreatePermission,
    ]) {
      await expect(
        bare.handle({ permission }, asUser('user:default/sam')),
      ).resolves.toEqual({ result: DENY });
    }
  });
});
