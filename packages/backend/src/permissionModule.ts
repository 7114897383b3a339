import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { RucioPortalPermissionPolicy } from './RucioPortalPermissionPolicy';

/** Installs {@link RucioPortalPermissionPolicy} as the portal's policy. */
export const permissionModuleRucioPortalPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'rucio-portal-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          RucioPortalPermissionPolicy.create({
            settings: RucioPortalPermissionPolicy.settingsFromConfig(config),
          }),
        );
      },
    });
  },
});
