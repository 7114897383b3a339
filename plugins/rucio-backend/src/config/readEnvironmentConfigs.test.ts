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
