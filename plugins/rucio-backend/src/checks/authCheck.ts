import type { CheckStatus } from '@rucio-portal/plugin-rucio-common';
import type { Check } from './Check';

/** A real login is measured at most this often (and after a refused token). */
export const LOGIN_MEASUREMENT_MAX_AGE_MS = 3_600_000;
const DAY = 86_400_000;
/** A configured token is reported this long before it lapses. */
const TOKEN_WARNING_MS = 7 * DAY;

/**
 * The auth host answers `/ping` and issues a token. The token is cached and
 * reused across collections, so a real login (and its round trip) is
 * measured at most once an hour, and again after Rucio refused a token.
 */
export const authCheck: Check<'auth'> = {
  id: 'auth',
  async run({ env, clients, signal }) {
    const { rucio } = clients;
    const { version } = await rucio.ping(signal, 'auth');
    if (rucio.authMethod === 'token') {
      const expiresAt = rucio.configuredTokenExpiresAt;
      let status: CheckStatus = 'ok';
      let note = 'a configured token is used, so no login was tried';
      if (expiresAt !== undefined) {
        const when = new Date(expiresAt).toISOString();
        if (expiresAt <= Date.now()) {
          status = 'error';
          note = `the configured token expired on ${when}; configure a new one`;
        } else if (expiresAt - Date.now() < TOKEN_WARNING_MS) {
          status = 'warning';
          note = `the configured token expires on ${when}; configure a new one before then`;
        } else {
          note += ` (it expires on ${when})`;
        }
      }
      return {
        status,
        message: `Rucio auth ${env.rucio.authUrl} runs ${version}; ${note}.`,
        details: { url: env.rucio.authUrl, version },
      };
    }
    if (rucio.loginDue(LOGIN_MEASUREMENT_MAX_AGE_MS)) {
      await rucio.authenticate(signal);
    }
    const login = rucio.lastLogin!;
    return {
      status: 'ok',
      message: `Rucio auth ${env.rucio.authUrl} runs ${version} and issued a ${
        rucio.authMethod
      } token in ${login.durationMs} ms (measured ${new Date(
        login.at,
      ).toISOString()}; the token is reused until shortly before it expires).`,
      details: {
        url: env.rucio.authUrl,
        version,
        tokenRoundTripMs: login.durationMs,
      },
    };
  },
};
