import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';

/**
 * The user info service of a test backend: each user owns itself and the
 * groups `membership` lists for it, as the catalog would say.
 */
export function userInfoFactory(membership: Record<string, string[]>) {
  return createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () => ({
      async getUserInfo(credentials: any) {
        const ref = credentials.principal.userEntityRef as string;
        return {
          userEntityRef: ref,
          ownershipEntityRefs: [ref, ...(membership[ref] ?? [])],
        };
      },
    }),
  });
}
