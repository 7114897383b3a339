import { ConfigReader } from '@backstage/config';
import { readEnvironmentConfigs } from '../config/readEnvironmentConfigs';
import {
  closedPort,
  recorded as recordedAt,
  replay,
  RUCIO_VERSIONS,
  serve,
  type RucioVersion,
} from '../__testUtils__/fixtures';
import { RucioClient } from './RucioClient';
import type { RucioRse } from './rucioResources';

function clientFor(url: string, extra: Record<string, unknown> = {}) {
  const [env] = readEnvironmentConfigs(
    new ConfigReader({
      rucio: {
        environments: [
          {
            name: 'rec',
            rucio: {
              url,
              account: 'root',
              userpass: { username: 'ddmlab', password: 'secret' },
              ...extra,
            },
          },
        ],
      },
    }),
  );
  return RucioClient.fromEnvironment(env, 'rucio.environments[0]');
}

const signal = () => AbortSignal.timeout(5000);

/**
 * What differs between the releases' recordings (rucio-40.4.1/INDEX.md): the
 * token-lifetime exchanges exist for 1.31.7 only, and a wrong password is
 * IdentityNotFound there, CannotAuthenticate on 40.4.1.
 */
const BY_VERSION = {
  '1.31.7': {
    login: 'read_544_auth_userpass_ok_token_a',
    expiredToken: 'read_545_expired_token',
    wrongPassword:
      /^Rucio auth .* answered 401 IdentityNotFound for \/auth\/userpass: Cannot authenticate. Username\/Password pair does not exist.$/,
  },
  '40.4.1': {
    login: 'read_501_auth_userpass_ok_again',
    expiredToken: 'write_010_invalid_token',
    wrongPassword:
      /^Rucio auth .* answered 401 CannotAuthenticate for \/auth\/userpass: Cannot authenticate to account root with given credentials$/,
  },
} satisfies Record<RucioVersion, unknown>;

describe.each(RUCIO_VERSIONS)(
  'RucioClient against recorded Rucio %s answers',
  version => {
    const recorded = (name: string) => recordedAt(name, version);
    const names = BY_VERSION[version];
    let logins = 0;
    let expireFirstToken = false;
    let behindRequestedHostProxy = false;
    const seenHeaders: Array<Record<string, unknown>> = [];
    let server: Awaited<ReturnType<typeof serve>>;

    beforeAll(async () => {
      server = await serve((req, res) => {
        seenHeaders.push(req.headers);
        const token = req.headers['x-rucio-auth-token'];
        switch (req.url) {
          case '/ping':
            replay(res, recorded('read_502_ping'));
            return;
          case '/auth/userpass': {
            logins++;
            if (req.headers['x-rucio-password'] !== 'secret') {
              replay(res, recorded('write_002_auth_userpass_wrong_password'));
              return;
            }
            const login = recorded(names.login);
            const expires = login.response.headers.find(
              ([k]) => k === 'X-Rucio-Auth-Token-Expires',
            )![1];
            replay(res, login, {
              '<token>': `token-${logins}`,
              // Keep the recorded format, move the expiry an hour ahead.
              [expires]: new Date(Date.now() + 3600_000)
                .toUTCString()
                .replace('GMT', 'UTC'),
            });
            return;
          }
          default:
        }
        if (!token || (expireFirstToken && token === 'token-1')) {
          replay(res, recorded(names.expiredToken));
          return;
        }
        const routes: Record<string, string> = {
          '/accounts/whoami': 'read_539_accounts_whoami_redirect',
          '/rses/': 'read_504_rses_list_accept_stream',
          '/rses/SITE_A_DISK/attr/': 'read_509_rse_attrs_SITE_A_DISK',
          '/rses/SITE_A_DISK/usage': 'read_510_rse_usage_SITE_A_DISK',
          '/rses/SITE_A_DISK/limits': 'read_512_rse_limits_SITE_A_DISK',
          '/heartbeats': 'read_533_heartbeats',
        };
        if (req.url === '/rses/' && req.headers.accept === 'application/json') {
          replay(res, recorded('read_505_rses_list_accept_json'));
          return;
        }
        if (req.url === '/accounts/whoami' && behindRequestedHostProxy) {
          // accounts.py before Rucio commit cb1ba78: with X-Requested-Host the
          // answer is a 302 to <frontend>/accounts/<account>.
          const exchange = recorded('read_539_accounts_whoami_redirect');
          replay(res, {
            ...exchange,
            response: {
              ...exchange.response,
              status: 302,
              headers: exchange.response.headers.map(([k, v]) =>
                k.toLowerCase() === 'location'
                  ? [k, 'https://rucio.example.org/accounts/root']
                  : [k, v],
              ),
            },
          });
          return;
        }
        const name = routes[req.url ?? ''];
        if (name) {
          replay(res, recorded(name));
          return;
        }
        replay(res, recorded('write_011_rse_not_found'));
      });
    });

    afterAll(() => server.close());

    beforeEach(() => {
      logins = 0;
      expireFirstToken = false;
      behindRequestedHostProxy = false;
      seenHeaders.length = 0;
    });

    it('follows whoami also when a proxy setting X-Requested-Host turns the 303 into a 302', async () => {
      behindRequestedHostProxy = true;
      await expect(clientFor(server.url).whoami(signal())).resolves.toBe(
        'root',
      );
    });

    it('reads the version from /ping without a token', async () => {
      const client = clientFor(server.url);
      await expect(client.ping(signal())).resolves.toEqual({
        version,
      });
      expect(seenHeaders[0]['x-rucio-auth-token']).toBeUndefined();
    });

    it('logs in once, caches the token until its expiry and follows whoami', async () => {
      const client = clientFor(server.url);
      await expect(client.whoami(signal())).resolves.toBe('root');
      await client.whoami(signal());
      expect(logins).toBe(1);
      expect(client.tokenExpiresAt).toBeGreaterThan(Date.now() + 3500_000);
      const login = seenHeaders.find(h => h['x-rucio-username']);
      expect(login).toMatchObject({
        'x-rucio-account': 'root',
        'x-rucio-username': 'ddmlab',
      });
    });

    it('renews the token once on 401 and retries', async () => {
      const client = clientFor(server.url);
      expireFirstToken = true;
      await expect(client.whoami(signal())).resolves.toBe('root');
      expect(logins).toBe(2);
    });

    it('streams /rses/ as NDJSON with the stream Accept header', async () => {
      const client = clientFor(server.url);
      const rses: RucioRse[] = [];
      const count = await client.listRses(signal(), rse => rses.push(rse));
      // Every line the server streamed (4 RSEs on 1.31.7, 124 on 40.4.1).
      const streamed = recorded('read_504_rses_list_accept_stream')
        .response.body.split('\n')
        .filter(Boolean)
        .map(line => JSON.parse(line));
      expect(count).toBe(streamed.length);
      expect(rses.map(r => r.rse)).toEqual(streamed.map(r => r.rse));
      expect(rses.find(r => r.rse === 'SITE_C_TAPE')!.rse_type).toBe('TAPE');
      expect(seenHeaders.at(-1)!.accept).toBe('application/x-json-stream');
    });

    it('reads attributes, usage lines, limits and heartbeats', async () => {
      const client = clientFor(server.url);
      const attrs = await client.getRseAttributes('SITE_A_DISK', signal());
      expect(attrs).toMatchObject({ site: 'SITE_A', tier: '1', istape: false });
      const usage = await client.getRseUsage('SITE_A_DISK', signal());
      // Rows come in any order (40.4.1 sends storage first).
      expect(usage.map(u => u.source).sort()).toEqual(['rucio', 'storage']);
      expect(usage.find(u => u.source === 'storage')).toMatchObject({
        used: 600000000000,
        free: 400000000000,
      });
      await expect(
        client.getRseLimits('SITE_A_DISK', signal()),
      ).resolves.toEqual({
        MaxBeingDeletedFiles: 1000,
        MinFreeSpace: 10000000000,
      });
      const beats = await client.listHeartbeats(signal());
      const [first] = JSON.parse(recorded('read_533_heartbeats').response.body);
      expect(beats[0]).toMatchObject({
        readable: 'abacus-rse',
        pid: first.pid,
      });
    });

    it('names the upstream and Rucio exception class in errors, never the password', async () => {
      const client = clientFor(server.url);
      const error = await client
        .getRseLimits('NO_SUCH_RSE', signal())
        .catch(e => e);
      expect(error.message).toBe(
        `Rucio server ${server.url} answered 404 RSENotFound for /rses/NO_SUCH_RSE/limits: RSE 'NO_SUCH_RSE' cannot be found in vo 'def'`,
      );

      const wrong = clientFor(server.url, {
        userpass: { username: 'ddmlab', password: 'wrong-pass' },
      });
      const loginError = await wrong.whoami(signal()).catch(e => e);
      expect(loginError.message).toMatch(names.wrongPassword);
      expect(loginError.message).not.toContain('wrong-pass');
    });

    it('reports a refused connection by name', async () => {
      const port = await closedPort();
      const client = clientFor(`http://127.0.0.1:${port}`);
      await expect(client.ping(signal())).rejects.toThrow(
        `Rucio server http://127.0.0.1:${port} refused the connection`,
      );
    });
  },
);
