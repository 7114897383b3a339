import type { Dispatcher } from 'undici';
import { jsonBody, send, statusError } from './httpTransport';
import { jwtExpiry, rucioErrorDetail } from './rucioWire';
import { UpstreamError } from './UpstreamError';

/** The `rucio.oidc` config of an environment. */
export interface OidcClientConfig {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
  audience?: string;
}

/**
 * An access token by the OAuth 2.0 client credentials grant (RFC 6749
 * §4.4) at a generic OIDC provider; its expiry from the JWT's `exp`, else
 * `expires_in`.
 */
export async function clientCredentialsToken(
  oidc: OidcClientConfig,
  options: { signal: AbortSignal; dispatcher?: Dispatcher },
): Promise<{ value: string; expiresAt: number }> {
  const name = `OIDC provider ${oidc.tokenUrl}`;
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (oidc.scope) form.set('scope', oidc.scope);
  if (oidc.audience) form.set('audience', oidc.audience);
  const basic = Buffer.from(
    `${encodeURIComponent(oidc.clientId)}:${encodeURIComponent(
      oidc.clientSecret,
    )}`,
  ).toString('base64');
  const response = await send(name, oidc.tokenUrl, {
    ...options,
    method: 'POST',
    headers: {
      Accept: 'application/json',
      Authorization: `Basic ${basic}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: form.toString(),
  });
  if (!response.ok) {
    throw await statusError(name, response, rucioErrorDetail);
  }
  const body = (await jsonBody(name, response)) as {
    access_token?: unknown;
    expires_in?: unknown;
  };
  if (typeof body?.access_token !== 'string') {
    throw new UpstreamError({
      upstream: name,
      message: 'answered the client-credentials grant without an access_token',
    });
  }
  const expiresIn =
    typeof body.expires_in === 'number' ? body.expires_in * 1000 : undefined;
  return {
    value: body.access_token,
    expiresAt:
      jwtExpiry(body.access_token) ?? Date.now() + (expiresIn ?? 300_000),
  };
}
