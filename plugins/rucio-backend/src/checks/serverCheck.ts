import type { Check } from './Check';

/** `/ping` for the version, then a token and `/accounts/whoami`. */
export const serverCheck: Check<'server'> = {
  id: 'server',
  async run({ env, clients, signal }) {
    const { rucio } = clients;
    const { version } = await rucio.ping(signal);
    const account = await rucio.whoami(signal);
    const expiresAt = rucio.tokenExpiresAt;
    return {
      status: 'ok',
      message: `Rucio server ${env.rucio.url} runs ${version}; authenticated as ${account} (${rucio.authMethod}).`,
      details: {
        url: env.rucio.url,
        version,
        account,
        authMethod: rucio.authMethod,
        tokenExpiresAt:
          expiresAt && Number.isFinite(expiresAt)
            ? new Date(expiresAt).toISOString()
            : undefined,
      },
    };
  },
};
