import {
  createApiRef,
  type BackstageIdentityApi,
  type OpenIdConnectApi,
  type ProfileInfoApi,
  type SessionApi,
} from '@backstage/frontend-plugin-api';

/**
 * The generic OpenID Connect sign-in of the portal, served by the backend's
 * `@backstage/plugin-auth-backend-module-oidc-provider` under the provider id
 * `oidc` (`auth.providers.oidc`).
 */
export const oidcAuthApiRef = createApiRef<
  OpenIdConnectApi & ProfileInfoApi & BackstageIdentityApi & SessionApi
>().with({ id: 'auth.oidc', pluginId: 'app' });
