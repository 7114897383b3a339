import { ConfigReader } from '@backstage/config';
import { spawn, type ChildProcess } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { readEnvironmentConfigs } from '../config/readEnvironmentConfigs';
import { closedPort, recorded, replay, serve } from '../__testUtils__/fixtures';
import { RucioClient } from './RucioClient';

/**
 * OIDC client credentials against a real OIDC provider (the npm package
 * oidc-provider, in its own process), and a Rucio that accepts only tokens
 * that provider signed for audience "rucio" (answering as the recorded
 * Rucio 1.31.7 does).
 */

const CLIENT = { id: 'rucio-portal', secret: 'provider-secret' };

/** Verifies an RS256 JWT with the provider's published keys. */
async function verifiedClaims(token: string, issuer: string) {
  const [header, payload, signature] = token.split('.');
  const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString());
  const { keys } = await (await fetch(`${issuer}/jwks`)).json();
  const jwk = keys.find((k: { kid: string }) => k.kid === kid);
  if (!jwk) return undefined;
  const ok = verify(
    'RSA-SHA256',
    Buffer.from(`${header}.${payload}`),
    createPublicKey({ key: jwk, format: 'jwk' }),
    Buffer.from(signature, 'base64url'),
  );
  return ok
    ? JSON.parse(Buffer.from(payload, 'base64url').toString())
    : undefined;
}

describe('RucioClient with OIDC client credentials', () => {
  let provider: ChildProcess;
  let issuer: string;
  let rucio: Awaited<ReturnType<typeof serve>>;
  const tokensSeen = new Set<string>();
  let rucioRequests = 0;

  beforeAll(async () => {
    provider = spawn(
      process.execPath,
      [
        path.join(__dirname, '../__testUtils__/oidcProvider.mjs'),
        CLIENT.id,
        CLIENT.secret,
      ],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const line = await new Promise<string>(resolve =>
      createInterface({ input: provider.stdout! }).once('line', resolve),
    );
    issuer = JSON.parse(line).issuer;
    rucio = await serve(async (req, res) => {
      rucioRequests++;
      const token = String(req.headers['x-rucio-auth-token'] ?? '');
      const claims = token ? await verifiedClaims(token, issuer) : undefined;
      if (!claims || claims.aud !== 'rucio' || claims.iss !== issuer) {
        replay(res, recorded('write_010_invalid_token'));
        return;
      }
      tokensSeen.add(token);
      replay(res, recorded('read_539_accounts_whoami_redirect'));
    });
  }, 30_000);

  afterAll(async () => {
    provider?.kill();
    await rucio?.close();
  });

  function client(secret: string, tokenUrl = `${issuer}/token`) {
    const [env] = readEnvironmentConfigs(
      new ConfigReader({
        rucio: {
          environments: [
            {
              name: 'oidc',
              rucio: {
                url: rucio.url,
                oidc: {
                  tokenUrl,
                  clientId: CLIENT.id,
                  clientSecret: secret,
                  scope: 'rucio',
                },
              },
            },
          ],
        },
      }),
    );
    return RucioClient.fromEnvironment(env, 'k');
  }

  it('gets a token from the provider, sends it to Rucio and reuses it', async () => {
    const rucioClient = client(CLIENT.secret);
    const signal = AbortSignal.timeout(10_000);
    expect(rucioClient.authMethod).toBe('oidc');
    await expect(rucioClient.whoami(signal)).resolves.toBe('root');
    await expect(rucioClient.whoami(signal)).resolves.toBe('root');
    expect(tokensSeen.size).toBe(1);
    // The provider's tokens live 600 s; the cache follows the JWT's exp.
    expect(rucioClient.tokenExpiresAt! - Date.now()).toBeGreaterThan(500_000);
    expect(rucioClient.tokenExpiresAt! - Date.now()).toBeLessThanOrEqual(
      600_000,
    );
  });

  it('names the provider and its OAuth error when it refuses the client, never the secret', async () => {
    const error = await client('wrong-secret')
      .whoami(AbortSignal.timeout(10_000))
      .catch(e => e);
    expect(error.message).toBe(
      `OIDC provider ${issuer}/token answered 401 for /token: invalid_client (client authentication failed)`,
    );
    expect(JSON.stringify(error)).not.toContain('wrong-secret');
  });

  describe('when the token endpoint fails on the network', () => {
    // Stands where the provider's token endpoint would, failing as a broken
    // provider or proxy would: the client must name the provider and the
    // cause, give up within its signal, and never show the secret.
    let mode: 'hang' | '500' | 'html' | 'no-token' = 'hang';
    let broken: Awaited<ReturnType<typeof serve>>;
    beforeAll(async () => {
      broken = await serve((_req, res) => {
        if (mode === 'hang') return;
        if (mode === '500') {
          res.writeHead(500, { 'Content-Type': 'text/plain' });
          res.end('upstream connect error');
        } else if (mode === 'html') {
          res.writeHead(200, { 'Content-Type': 'text/html' });
          res.end('<html>login</html>');
        } else {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end('{"token_type":"Bearer","expires_in":600}');
        }
      });
    });
    afterAll(() => broken?.close());

    it('refused', async () => {
      const url = `http://127.0.0.1:${await closedPort()}/token`;
      const error = await client(CLIENT.secret, url)
        .whoami(AbortSignal.timeout(1_000))
        .catch(e => e);
      expect(error.message).toMatch(
        new RegExp(`^OIDC provider ${url} refused the connection`),
      );
      expect(JSON.stringify(error)).not.toContain(CLIENT.secret);
    });

    it.each([
      ['hang', 'did not answer before the check timed out'],
      ['500', 'answered 500 for /token: upstream connect error'],
      ['html', 'answered /token with content type "text/html" instead of JSON'],
      [
        'no-token',
        'answered the client-credentials grant without an access_token',
      ],
    ] as const)('%s', async (fault, cause) => {
      mode = fault;
      const before = rucioRequests;
      const started = Date.now();
      const error = await client(CLIENT.secret, `${broken.url}/token`)
        .whoami(AbortSignal.timeout(1_000))
        .catch(e => e);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(error).toBeInstanceOf(Error);
      expect(error.message).toBe(`OIDC provider ${broken.url}/token ${cause}`);
      expect(JSON.stringify(error)).not.toContain(CLIENT.secret);
      expect(String(error.stack)).not.toContain(CLIENT.secret);
      // Nothing is sent to Rucio without a token.
      expect(rucioRequests).toBe(before);
    });
  });
});
