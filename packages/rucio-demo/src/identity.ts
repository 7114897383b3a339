import type { RequestListener } from 'node:http';

/**
 * The OIDC client the portal's development config signs in with. A stand-in
 * like the Rucio credentials: it opens this identity provider only.
 */
export const DEMO_OIDC_CLIENT = {
  clientId: 'rucio-portal-demo',
  clientSecret: 'demo-oidc-secret',
  redirectUri: 'http://localhost:7007/api/auth/oidc/handler/frame',
};

/** Domain of the e-mail address every demo login gets. */
export const DEMO_EMAIL_DOMAIN = 'example.org';

/**
 * A real OpenID Connect provider (the npm package `oidc-provider`) for
 * `./portal start` and the end-to-end test. Its development login pages accept
 * any login and password; the login `ada` becomes `ada@example.org` with a
 * verified e-mail, which the portal's sign-in resolver matches to the catalog
 * user of that e-mail — so a login the catalog does not know is refused by
 * Backstage, not by this provider.
 */
export async function identityHandler(
  issuer: string,
): Promise<RequestListener> {
  // ES modules only: loaded when the demo starts it, not when tests import the demo.
  const { default: Provider } = await import('oidc-provider');
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: DEMO_OIDC_CLIENT.clientId,
        client_secret: DEMO_OIDC_CLIENT.clientSecret,
        redirect_uris: [DEMO_OIDC_CLIENT.redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    async findAccount(_ctx, sub) {
      const login = sub.toLowerCase();
      return {
        accountId: login,
        claims: async () => ({
          sub: login,
          email: `${login}@${DEMO_EMAIL_DOMAIN}`,
          email_verified: true,
          name: login,
        }),
      };
    },
    // Backstage restores a session after a reload with the refresh token, as
    // it does with Keycloak or Dex, which issue one without offline_access.
    issueRefreshToken: async (_ctx, client) =>
      client.grantTypeAllowed('refresh_token'),
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['rucio-demo-identity-cookies'] },
  });
  return provider.callback();
}
