import { SignInPage } from '@backstage/core-components';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { z } from 'zod/v4';
import { oidcAuthApiRef } from './oidcAuthApiRef';

/**
 * The sign-in page offers the providers its extension config names
 * (`app.extensions`, `sign-in-page:app`): the guest for the demo, the
 * organisation's OpenID Connect provider in production. It replaces the app's
 * default page, which offers the guest only.
 */
export const signInPage = SignInPageBlueprint.makeWithOverrides({
  configSchema: {
    providers: z.array(z.enum(['guest', 'oidc'])).default(['guest']),
    oidcTitle: z.string().default('Single sign-on'),
    oidcMessage: z.string().default('Sign in with your organisation account'),
  },
  factory(originalFactory, { config }) {
    const providers = config.providers.map(id =>
      id === 'oidc'
        ? {
            id: 'oidc',
            title: config.oidcTitle,
            message: config.oidcMessage,
            apiRef: oidcAuthApiRef,
          }
        : id,
    );
    return originalFactory({
      loader: async () => props =>
        <SignInPage {...props} providers={providers} />,
    });
  },
});
