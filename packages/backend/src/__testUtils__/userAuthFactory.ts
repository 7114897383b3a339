import {
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';

/**
 * The mock auth service, except that a token on behalf of a user carries the
 * calling plugin as its actor, as the real one does: the rucio plugin's
 * apply-conditions endpoint refuses user tokens without an actor.
 */
export const userAuthFactory = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }) => {
    const mock = mockServices.auth({ pluginId: plugin.getId() });
    return Object.assign(Object.create(mock), {
      async getPluginRequestToken(options: any) {
        const principal = options.onBehalfOf.principal;
        if (principal.type === 'user') {
          return {
            token: mockCredentials.user.token(principal.userEntityRef, {
              actor: { subject: `plugin:${plugin.getId()}` },
            }),
          };
        }
        return mock.getPluginRequestToken(options);
      },
    });
  },
});
