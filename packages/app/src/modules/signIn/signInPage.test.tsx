import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { oidcAuthApiRef } from './oidcAuthApiRef';
import { signInPage } from './signInPage';

function oidcApi(signedIn: boolean) {
  const identity = {
    token: 'a-backstage-token',
    identity: {
      type: 'user' as const,
      userEntityRef: 'user:default/ada',
      ownershipEntityRefs: ['user:default/ada'],
    },
  };
  return {
    getBackstageIdentity: jest.fn(async (options?: { optional?: boolean }) =>
      signedIn || !options?.optional ? identity : undefined,
    ),
    getProfile: jest.fn(async () => ({ email: 'ada@example.org' })),
    getIdToken: jest.fn(),
    signIn: jest.fn(),
    signOut: jest.fn(),
    sessionState$: jest.fn(),
  };
}

async function renderSignInPage(
  config: Record<string, unknown>,
  api = oidcApi(false),
) {
  const SignIn = createExtensionTester(signInPage, { config }).get(
    SignInPageBlueprint.dataRefs.component,
  );
  const onSignInSuccess = jest.fn();
  await renderInTestApp(<SignIn onSignInSuccess={onSignInSuccess} />, {
    apis: [[oidcAuthApiRef, api]],
    config: {
      app: { title: 'Rucio Portal' },
      backend: { baseUrl: 'http://localhost:7007' },
    },
  });
  return { onSignInSuccess, api };
}

describe('signInPage', () => {
  it('offers only the guest by default, as the app does without it', async () => {
    await renderSignInPage({});
    expect(await screen.findByText('Guest')).toBeInTheDocument();
    expect(screen.queryByText('Single sign-on')).not.toBeInTheDocument();
  });

  it('offers only the OIDC provider under its configured name in production', async () => {
    const { onSignInSuccess, api } = await renderSignInPage({
      providers: ['oidc'],
      oidcTitle: 'CERN SSO',
      oidcMessage: 'Sign in with your CERN account',
    });
    expect(await screen.findByText('CERN SSO')).toBeInTheDocument();
    expect(
      screen.getByText('Sign in with your CERN account'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Guest')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Sign In' }));
    // The identity the backend's resolver issued is the one the app uses.
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    expect(api.getBackstageIdentity).toHaveBeenCalledWith({
      instantPopup: true,
    });
  });
});
