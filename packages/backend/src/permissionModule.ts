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
      deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
      async init({ policy, userInfo }) {
        policy.setPolicy(RucioPortalPermissionPolicy.create({ userInfo }));
      },
    });
  },
});
