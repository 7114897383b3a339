import { ConfigReader } from '@backstage/config';
import { readEnvironmentConfigs } from './readEnvironmentConfigs';

const minimal = {
  name: 'prod',
  rucio: {
    url: 'https://rucio.example.org/',
    account: 'root',
    userpass: { username: 'u', password: 'p' },
  },
};

function read(environments: unknown[], defaults?: unknown) {
  return readEnvironmentConfigs(
    new ConfigReader({ rucio: { environments, defaults } } as any),
  );
}

describe('readEnvironmentConfigs', () => {
  it('fills in defaults and lets environments override shared settings', () => {
    const [env] = read([{ ...minimal, schedule: { rseConcurrency: 4 } }], {
      schedule: { intervalSeconds: 120 },
    });
    expect(env.rucio.url).toBe('https://rucio.example.org');
    expect(env.rucio.authUrl).toBe('https://rucio.example.org');
    expect(env.schedule).toEqual({
      intervalSeconds: 120,
      checkTimeoutSeconds: 10,
      rseConcurrency: 4,
      rseDetailRequestsPerMinute: 240,
      adoptionRequestsPerMinute: 1200,
      historySize: 120,
    });
    expect(env.tls).toEqual({ endpoints: [], warningDays: 21, errorDays: 7 });
    expect(env.demo).toBe(false);
  });

  it('is empty without configuration', () => {
    expect(readEnvironmentConfigs(new ConfigReader({}))).toEqual([]);
  });

  it('names every bad key in one error', () => {
    expect(() =>
      read([
        minimal,
        {
          name: 'Bad_Name',
          rucio: {
            url: 'ftp://x',
            token: 't',
            userpass: { username: 'u', password: 'p' },
          },
          fts: [{ url: 'https://fts:8446', certFile: '/c' }],
          colour: 'red',
        },
      ]),
    ).toThrow(
      /^Invalid Rucio configuration: .*rucio\.environments\[1\]\.name: must be a DNS-1123 label.*rucio\.environments\[1\]\.rucio\.url: must be an http\(s\) URL.*rucio\.environments\[1\]\.rucio: must set exactly one of userpass, x509, token or oidc \(found userpass, token\).*rucio\.environments\[1\]\.fts\[0\]: certFile and keyFile go together/,
    );
    expect(() => read([{ ...minimal, colour: 'red' }])).toThrow(
      'Invalid Rucio configuration: rucio.environments[0]: unknown key(s) colour',
    );
    // The frontend's setting is checked here too, where start-up can stop.
    expect(() =>
      readEnvironmentConfigs(
        new ConfigReader({
          rucio: { environments: [minimal], ui: { byteUnits: 'si' } },
        } as any),
      ),
    ).toThrow(
      /^Invalid Rucio configuration: rucio\.ui\.byteUnits: .*"decimal"\|"binary"/,
    );
    // Owners come from this System: a ref that cannot be one fails start-up.
    expect(() =>
      read([{ ...minimal, system: 'group:default/admins' }]),
    ).toThrow(
      'rucio.environments[0].system: must be a System name or entity ref, e.g. rucio-prod',
    );
  });

  it('refuses duplicate names and userpass without an account', () => {
    expect(() => read([minimal, minimal])).toThrow(
      'rucio.environments[1].name: "prod" is used twice',
    );
    expect(() =>
      read([
        {
          name: 'a',
          rucio: {
            url: 'https://r',
            userpass: { username: 'u', password: 'p' },
          },
        },
      ]),
    ).toThrow(
      'rucio.environments[0].rucio.account: is required with userpass credentials',
    );
  });
});

describe('credentials over plain http', () => {
  const env = (extra: Record<string, unknown> = {}) => ({
    name: 'prod',
    rucio: {
      url: 'http://rucio.example.org',
      account: 'root',
      userpass: { username: 'u', password: 'p' },
    },
    fts: [{ url: 'http://fts.example.org:8446', token: 't' }],
    ...extra,
  });

  it('are refused in production, naming each key, unless allowInsecure', () => {
    const production = (e: object) =>
      readEnvironmentConfigs(
        new ConfigReader({
          auth: { environment: 'production' },
          rucio: { environments: [e] },
        } as any),
      );
    expect(() => production(env())).toThrow(
      'Invalid Rucio configuration: rucio.environments[0].rucio.url: sends credentials over plain http in production; rucio.environments[0].fts[0].url: sends a token over plain http in production (set allowInsecure: true on the environment to accept this)',
    );
    expect(production(env({ allowInsecure: true }))[0].allowInsecure).toBe(
      true,
    );
    // Outside production (the demo runs on loopback) nothing is refused.
    expect(
      readEnvironmentConfigs(
        new ConfigReader({ rucio: { environments: [env()] } } as any),
      ),
    ).toHaveLength(1);
  });
});

describe('the database probes in production', () => {
  it('verify the server unless told otherwise', () => {
    const databaseOf = (auth: object) =>
      readEnvironmentConfigs(
        new ConfigReader({
          auth,
          rucio: {
            environments: [
              {
                name: 'prod',
                rucio: { url: 'https://rucio.example.org', token: 't' },
                database: {
                  postgres: { host: 'db', database: 'rucio', user: 'm' },
                  pgbouncer: {
                    host: 'pgb',
                    database: 'pgbouncer',
                    user: 's',
                    ssl: 'require',
                  },
                },
              },
            ],
          },
        } as any),
      )[0].database!;
    expect(databaseOf({ environment: 'production' })).toMatchObject({
      postgres: { ssl: 'verify-full' },
      pgbouncer: { ssl: 'require' },
    });
    expect(databaseOf({}).postgres!.ssl).toBe('disable');
  });
});
