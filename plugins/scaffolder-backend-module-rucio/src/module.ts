import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createAddRseAction } from './actions/addRse';
import { createAdoptEnvironmentAction } from './actions/adoptEnvironment';
import { createCreateEnvironmentAction } from './actions/createEnvironment';
import { createUpgradeEnvironmentAction } from './actions/upgradeEnvironment';
import { createValidateEnvironmentAction } from './actions/validateEnvironment';

/**
 * Registers the `rucio:*` scaffolder actions.
 *
 * @public
 */
export const scaffolderModuleRucio = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'rucio',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolderActions, discovery, auth }) {
        scaffolderActions.addActions(
          createCreateEnvironmentAction(),
          createValidateEnvironmentAction({ discovery, auth }),
          createAddRseAction(),
          createUpgradeEnvironmentAction(),
          createAdoptEnvironmentAction({ discovery, auth }),
        );
      },
    });
  },
});
