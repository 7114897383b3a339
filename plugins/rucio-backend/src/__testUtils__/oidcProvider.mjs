// A real OIDC provider (the npm package oidc-provider) for tests, in its own
// process because the package is ES modules only. It issues JWT access tokens
// for audience "rucio" through the client-credentials grant and prints one
// JSON line with its issuer and port once it listens.
//   node oidcProvider.mjs <clientId> <clientSecret>
import { createServer } from 'node:net';
import Provider from 'oidc-provider';

const [clientId, clientSecret] = process.argv.slice(2);
// The issuer names its port, so find a free one first.
const port = await new Promise(resolve => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      grant_types: ['client_credentials'],
      redirect_uris: [],
      response_types: [],
    },
  ],
  features: {
    clientCredentials: { enabled: true },
    devInteractions: { enabled: false },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => 'urn:rucio',
      getResourceServerInfo: () => ({
        scope: 'rucio',
        audience: 'rucio',
        accessTokenFormat: 'jwt',
        accessTokenTTL: 600,
      }),
      useGrantedResource: () => true,
    },
  },
});
provider.listen(port, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ issuer, port })}\n`);
});
