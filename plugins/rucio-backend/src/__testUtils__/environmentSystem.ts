import type { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EnvironmentEntities } from '../clients/EnvironmentEntities';

/** A catalog System naming a Rucio environment, owned by data-management. */
export function environmentSystem(
  name: string,
  environment: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'rucio.cern.ch/environment': environment, ...annotations },
    },
    spec: { owner: 'group:default/data-management' },
  };
}

/**
 * EnvironmentEntities over a catalog holding `entities`, for environments
 * whose config names a System: `{ prod: 'rucio-prod' }`.
 */
export function environmentEntities(
  entities: Entity[],
  systems: Record<string, string>,
  logger: LoggerService = mockServices.logger.mock(),
) {
  return EnvironmentEntities.create({
    auth: mockServices.auth(),
    catalog: catalogServiceMock({ entities }),
    logger,
    environments: Object.entries(systems).map(([name, system]) => ({
      name,
      system,
      repository: {},
    })),
  });
}

/** A catalog Group whose members the notifications backend resolves. */
export function catalogGroup(name: string, members: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: members.map(m => ({ type: 'hasMember', targetRef: m })),
  };
}

/** A catalog User, member of one group. */
export function catalogUser(name: string, groupName: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: [groupName] },
    relations: [{ type: 'memberOf', targetRef: `group:default/${groupName}` }],
  };
}
