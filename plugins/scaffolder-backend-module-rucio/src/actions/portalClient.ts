import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { InputError, ResponseError } from '@backstage/errors';
import { RucioStatusClient } from '@rucio-portal/plugin-rucio-common';

/** The backend services an action needs to ask the rucio backend. */
export interface PortalServices {
  discovery: DiscoveryService;
  auth: AuthService;
}

/**
 * The rucio backend's client, acting as the user who runs the template: the
 * backend checks that user's permissions, never the scaffolder's.
 */
export async function portalClient(
  services: PortalServices,
  ctx: { getInitiatorCredentials(): Promise<BackstageCredentials> },
) {
  const { token } = await services.auth.getPluginRequestToken({
    onBehalfOf: await ctx.getInitiatorCredentials(),
    targetPluginId: 'rucio',
  });
  return new RucioStatusClient({
    discoveryApi: services.discovery,
    fetchApi: {
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: { ...init?.headers, Authorization: `Bearer ${token}` },
        }),
    },
  });
}

/**
 * An InputError that says what could not be read, with the backend's own
 * reason (e.g. the permission refused), which says more than its status.
 */
export function portalError(what: string, error: unknown) {
  const reason =
    error instanceof ResponseError
      ? error.body.error.message
      : (error as Error).message;
  return new InputError(`Could not read ${what} from the portal: ${reason}`);
}
