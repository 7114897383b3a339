import { ConfigReader } from '@backstage/config';
import { RucioClient } from '../clients/RucioClient';
import { readEnvironmentConfigs } from '../config/readEnvironmentConfigs';
import { recorded, replay, serve } from '../__testUtils__/fixtures';
import { authCheck } from './authCheck';
import { serverCheck } from './serverCheck';

/** A JWT with the given claims (the signature is not read by us). */
function jwt(claims: object) {
  const part = (o: object) =>
    Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2ln`;
}

function environment(url: string, rucio: Record<string, any>) {
  return readEnvironmentConfigs(
    new ConfigReader({
      rucio: { environments: [{ name: 'rec', rucio: { url, ...rucio } }] },
    }),
  )[0];
}

describe('authCheck against recorded Rucio 1.31.7 answers', () => {
  let logins = 0;
  let refuseNextToken = false;
  let server: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    server = await serve((req, res) => {
      if (req.url === '/ping') {
        replay(res, recorded('read_502_ping'));
      } else if (req.url === '/auth/userpass') {
        logins++;
        replay(res, recorded('read_544_auth_userpass_ok_token_a'), {
          '<token>': `token-${logins}`,
          'Sun, 29 Nov 2026 23:42:49 UTC': new Date(Date.now() + 3600_000)
            .toUTCString()
            .replace('GMT', 'UTC'),
        });
      } else if (refuseNextToken) {
        refuseNextToken = false;
        replay(res, recorded('read_545_expired_token'));
      } else {
        replay(res, recorded('read_539_accounts_whoami_redirect'));
      }
    });
  });
  afterAll(() => server.close());
  afterEach(() => jest.restoreAllMocks());

  it('logs in once for many collections, measures again after an hour and after a refused token', async () => {
    const env = environment(server.url, {
      account: 'root',
      userpass: { username: 'ddmlab', password: 'secret' },
    });
    const rucio = RucioClient.fromEnvironment(env, 'k');
    const collect = async () => {
      const ctx = {
        env,
        clients: { rucio },
        signal: AbortSignal.timeout(5000),
      };
      const auth = await authCheck.run(ctx as any);
      await serverCheck.run(ctx as any);
      return auth;
    };
    logins = 0;
    const first = await collect();
    expect(first.message).toMatch(/issued a userpass token in \d+ ms/);
    await collect();
    await collect();
    expect(logins).toBe(1);

    // An hour later the auth check measures a real login again.
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + 3_600_000);
    await collect();
    expect(logins).toBe(2);
    jest.restoreAllMocks();

    // Rucio refuses the cached token: the renewal is a real login, and the
    // auth check reports it as the new measurement.
    refuseNextToken = true;
    await collect();
    expect(logins).toBe(3);
    const after = await collect();
    expect(logins).toBe(3);
    expect(after.message).toContain(
      `measured ${new Date(rucio.lastLogin!.at).toISOString()}`,
    );
  });

  it('reads the expiry of a configured JWT and reports it before it lapses', async () => {
    const run = (token: string) => {
      const env = environment(server.url, { token });
      return authCheck.run({
        env,
        clients: { rucio: RucioClient.fromEnvironment(env, 'k') },
        signal: AbortSignal.timeout(5000),
      } as any);
    };
    const inDays = (d: number) => Math.floor(Date.now() / 1000 + d * 86_400);
    expect(await run(jwt({ sub: 'rucio', exp: inDays(30) }))).toMatchObject({
      status: 'ok',
      message: expect.stringContaining('(it expires on'),
    });
    expect(await run(jwt({ sub: 'rucio', exp: inDays(3) }))).toMatchObject({
      status: 'warning',
      message: expect.stringContaining('configure a new one before then'),
    });
    expect(await run(jwt({ sub: 'rucio', exp: inDays(-1) }))).toMatchObject({
      status: 'error',
      message: expect.stringContaining('the configured token expired on'),
    });
    // Rucio's own tokens are not JWTs: nothing to read.
    expect(await run('root-ddmlab-unknown-0123456789abcdef')).toMatchObject({
      status: 'ok',
      message: expect.stringContaining('a configured token is used'),
    });
  });
});
