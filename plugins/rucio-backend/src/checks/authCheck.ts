import type { Check } from './Check';

/** The auth host answers `/ping` and issues a token. */
export const authCheck: Check<'auth'> = {
  id: 'auth',
  async run({ env, clients, signal }) {
    const { rucio } = clients;
    const { version } = await rucio.ping(signal, 'auth');
    if (rucio.authMethod === 'token') {
      return {
        status: 'ok',
        message: `Rucio auth ${env.rucio.authUrl} runs ${version}; a configured token is used, so no login was tried.`,
        details: { url: env.rucio.authUrl, version },
      };
    }
    const start = Date.now();
    await rucio.authenticate(signal);
    const tokenRoundTripMs = Date.now() - start;
    return {
      status: 'ok',
      message: `Rucio auth ${env.rucio.authUrl} runs ${version} and issued a ${rucio.authMethod} token in ${tokenRoundTripMs} ms.`,
      details: { url: env.rucio.authUrl, version, tokenRoundTripMs },
    };
  },
};
