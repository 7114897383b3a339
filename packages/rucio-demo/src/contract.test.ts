import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ANY_PORTS,
  DEMO_CREDENTIALS,
  startDemo,
  type RunningDemo,
} from './index.ts';

/** This folder (the tests run as ES modules: no __dirname). */
const HERE = path.dirname(fileURLToPath(import.meta.url));

// The demo announces itself as a 40.x server, so it answers as Rucio 40.4.1
// answered the recorded requests (fixtures/rucio-40.4.1/INDEX.md lists what
// changed since 1.31.7).
const FIXTURES = path.resolve(
  HERE,
  '../fixtures/rucio-40.4.1/replay-of-1.31.7-requests',
);

interface Recording {
  request: { headers: Record<string, string> };
  response: {
    status: number;
    content_type: string;
    headers: Array<[string, string]>;
    body: string;
    body_json?: unknown;
    body_ndjson?: unknown[];
  };
}

/** A recording; the replay records keep the raw body only, so parse it here. */
function recorded(name: string): Recording {
  const rec: Recording = JSON.parse(
    readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'),
  );
  const { response } = rec;
  if (response.content_type === 'application/x-json-stream') {
    response.body_ndjson ??= response.body
      .split('\n')
      .filter(Boolean)
      .map(line => JSON.parse(line));
  } else if (response.body_json === undefined) {
    try {
      response.body_json = JSON.parse(response.body);
    } catch {
      // HTML or empty: no JSON body.
    }
  }
  return rec;
}

function keysOf(value: unknown): string[] {
  return Object.keys(value as object).sort();
}

function header(rec: Recording, name: string) {
  return rec.response.headers.find(
    ([k]) => k.toLowerCase() === name.toLowerCase(),
  )?.[1];
}

/** A raw exchange of recordings/: status line and headers, then the body. */
function raw(name: string) {
  const text = readFileSync(
    path.resolve(HERE, '../fixtures/rucio-40.4.1/recordings', name),
    'utf8',
  );
  const end = text.search(/\r?\n\r?\n/);
  return {
    head: text.slice(0, end),
    body: text.slice(end).replace(/^\r?\n\r?\n/, ''),
  };
}

describe('the demo speaks the recorded Rucio 40.4.1 wire format', () => {
  let demo: RunningDemo;
  let base: string;
  let token: string;

  beforeAll(async () => {
    demo = await startDemo({
      dataDir: mkdtempSync(path.join(tmpdir(), 'rucio-demo-')),
      ports: ANY_PORTS,
    });
    base = `http://127.0.0.1:${demo.ports.rucio}`;
    const login = await fetch(
      `http://127.0.0.1:${demo.ports.auth}/auth/userpass`,
      {
        headers: {
          'X-Rucio-Account': DEMO_CREDENTIALS.account,
          'X-Rucio-Username': DEMO_CREDENTIALS.username,
          'X-Rucio-Password': DEMO_CREDENTIALS.password,
        },
      },
    );
    token = login.headers.get('x-rucio-auth-token')!;
  }, 30_000);

  afterAll(() => demo.stop());

  const get = (p: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${p}`, {
      redirect: 'manual',
      headers: { 'X-Rucio-Auth-Token': token, ...headers },
    });

  async function expectSameShape(
    p: string,
    fixture: string,
    headers: Record<string, string> = {},
  ) {
    const rec = recorded(fixture);
    const res = await get(p, {
      Accept: rec.request.headers.Accept ?? '*/*',
      ...headers,
    });
    expect(res.status).toBe(rec.response.status);
    expect(res.headers.get('content-type')).toBe(rec.response.content_type);
    const text = await res.text();
    return { rec, text };
  }

  it('/ping', async () => {
    const { rec, text } = await expectSameShape('/ping', 'read_502_ping');
    expect(keysOf(JSON.parse(text))).toEqual(keysOf(rec.response.body_json));
    expect(text.endsWith('\n')).toBe(true);
  });

  it('/auth/userpass: token in headers, errors as ExceptionClass', async () => {
    const rec = recorded('read_501_auth_userpass_ok_again');
    const ok = await fetch(
      `http://127.0.0.1:${demo.ports.auth}/auth/userpass`,
      {
        headers: {
          'X-Rucio-Account': 'root',
          'X-Rucio-Username': 'ddmlab',
          'X-Rucio-Password': 'demo-password',
        },
      },
    );
    expect(ok.status).toBe(rec.response.status);
    expect(ok.headers.get('content-type')).toBe(rec.response.content_type);
    expect(ok.headers.get('x-rucio-auth-token')).toMatch(
      /^root-ddmlab-unknown-[0-9a-f]{32}$/,
    );
    expect(ok.headers.get('x-rucio-auth-token-expires')).toMatch(
      /^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d UTC$/,
    );
    expect(header(rec, 'X-Rucio-Auth-Token-Expires')).toMatch(
      /^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d UTC$/,
    );
    expect(await ok.text()).toBe('');

    for (const [fixture, headers] of [
      [
        'write_002_auth_userpass_wrong_password',
        {
          'X-Rucio-Account': 'root',
          'X-Rucio-Username': 'ddmlab',
          'X-Rucio-Password': 'nope',
        },
      ],
      [
        'write_003_auth_userpass_unknown_account',
        {
          'X-Rucio-Account': 'nosuchaccount',
          'X-Rucio-Username': 'ddmlab',
          'X-Rucio-Password': 'x',
        },
      ],
      ['write_004_auth_userpass_missing_headers', {}],
    ] as const) {
      const r = recorded(fixture);
      const res = await fetch(
        `http://127.0.0.1:${demo.ports.auth}/auth/userpass`,
        { headers },
      );
      expect(res.status).toBe(r.response.status);
      expect(res.headers.get('content-type')).toBe(r.response.content_type);
      expect(res.headers.get('exceptionclass')).toBe(
        header(r, 'ExceptionClass'),
      );
      expect(JSON.parse(await res.text())).toEqual(r.response.body_json);
    }
  });

  it('400 ValueError without a token at all', async () => {
    const rec = recorded('write_009_no_token');
    const res = await fetch(`${base}/rses/`);
    expect(res.status).toBe(rec.response.status);
    expect(res.headers.get('exceptionclass')).toBe(
      header(rec, 'ExceptionClass'),
    );
    expect(JSON.parse(await res.text())).toEqual(rec.response.body_json);
  });

  it('401 without a valid token', async () => {
    const rec = recorded('write_010_invalid_token');
    const res = await get('/rses/', { 'X-Rucio-Auth-Token': 'never-issued' });
    expect(res.status).toBe(rec.response.status);
    expect(JSON.parse(await res.text())).toEqual(rec.response.body_json);
  });

  it('/accounts/whoami redirects (303) to the account', async () => {
    const rec = recorded('read_539_accounts_whoami_redirect');
    const res = await get('/accounts/whoami');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(header(rec, 'Location'));
    expect(res.headers.get('content-type')).toBe(rec.response.content_type);
    const account = await get('/accounts/root');
    const recAccount = recorded('write_008_accounts_root');
    expect(keysOf(await account.json())).toEqual(
      keysOf(recAccount.response.body_json),
    );
  });

  it('/rses/ streams full rows; application/json gets 406', async () => {
    const { rec, text } = await expectSameShape(
      '/rses/',
      'read_504_rses_list_accept_stream',
      { Accept: 'application/x-json-stream' },
    );
    const lines = text.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(keysOf(JSON.parse(lines[0]))).toEqual(
      keysOf(rec.response.body_ndjson![0]),
    );
    expect(lines.length - 1).toBe(60);

    const refused = recorded('read_505_rses_list_accept_json');
    const res = await get('/rses/', { Accept: 'application/json' });
    expect(res.status).toBe(refused.response.status);
    expect(res.headers.get('exceptionclass')).toBe(
      'UnsupportedRequestedContentType',
    );
  });

  it('lists an RSE closed for reads as Rucio 40.4.1 lists one', async () => {
    const availability = (row: Record<string, unknown>) => ({
      availability: row.availability,
      availability_read: row.availability_read,
      availability_write: row.availability_write,
      availability_delete: row.availability_delete,
    });
    const recordedClosed = raw('04_rses_list.txt')
      .body.split('\n')
      .filter(Boolean)
      .map(line => JSON.parse(line))
      .find(row => row.availability_read === false);
    const closed = (await (await get('/rses/')).text())
      .split('\n')
      .filter(Boolean)
      .map(line => JSON.parse(line))
      .filter(row => row.availability_read === false);
    expect(closed.map(row => row.rse)).toEqual([
      demo.state.rses[11].rse,
      demo.state.rses[12].rse,
    ]);
    for (const row of closed) {
      expect(availability(row)).toEqual(availability(recordedClosed));
    }
  });

  it('/requests/metrics streams links with the recorded keys; application/json gets 406', async () => {
    const recordedLinks = raw('28_requests_metrics_with_transfers.txt')
      .body.split('\n')
      .filter(Boolean)
      .map(l => JSON.parse(l));
    const res = await get('/requests/metrics', {
      Accept: 'application/x-json-stream',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-json-stream');
    const links = (await res.text())
      .split('\n')
      .filter(Boolean)
      .map(l => JSON.parse(l));
    expect(links.length).toBe(12);
    // Every key the demo writes is one Rucio wrote, at the same place, with
    // the same kind of value (JSON has one number type: 40.0 reads as 40).
    const shape = (value: unknown, at = ''): string[] =>
      value && typeof value === 'object'
        ? Object.entries(value).flatMap(([k, v]) =>
            shape(
              v,
              // Activities are data, not keys of the format.
              `${at}/${
                /^(queued|done|failed)$/.test(at.split('/').pop()!)
                  ? '<activity>'
                  : k
              }`,
            ),
          )
        : [`${at}:${typeof value}`];
    const known = new Set(recordedLinks.flatMap(l => shape(l)));
    const written = new Set(links.flatMap(l => shape(l)));
    expect([...written].filter(k => !known.has(k))).toEqual([]);
    // A link without failures has no failed keys at all, as Rucio writes it.
    expect(
      links.every(
        l => (l.files['failed-total-6h'] === undefined) === !l.files.failed,
      ),
    ).toBe(true);
    const filtered = await get(
      `/requests/metrics?src_rse=${links[0].src_rse}`,
      { Accept: 'application/x-json-stream' },
    );
    const only = (await filtered.text()).split('\n').filter(Boolean);
    expect(only.every(l => JSON.parse(l).src_rse === links[0].src_rse)).toBe(
      true,
    );

    const refused = raw('12_requests_metrics_json.txt').head;
    const json = await get('/requests/metrics', { Accept: 'application/json' });
    expect(json.status).toBe(406);
    expect(`ExceptionMessage: ${json.headers.get('exceptionmessage')}`).toBe(
      refused.split(/\r?\n/).find(l => l.startsWith('ExceptionMessage:')),
    );
  });

  it('/rses/?expression= answers names only, or 400 for an empty set', async () => {
    const { rec, text } = await expectSameShape(
      '/rses/?expression=tier=1',
      'read_506_rses_list_expression',
    );
    expect(keysOf(JSON.parse(text.split('\n')[0]))).toEqual(
      keysOf(rec.response.body_ndjson![0]),
    );
    const bad = recorded('read_507_rses_list_expression_bad');
    const res = await get('/rses/?expression=tier=9');
    expect(res.status).toBe(bad.response.status);
    expect(res.headers.get('exceptionclass')).toBe(
      header(bad, 'ExceptionClass'),
    );
  });

  it('per-RSE endpoints keep the recorded shapes', async () => {
    const rse = demo.state.rses[0].rse;
    const info = await expectSameShape(
      `/rses/${rse}`,
      'read_508_rse_get_SITE_A_DISK',
    );
    expect(keysOf(JSON.parse(info.text))).toEqual(
      keysOf(info.rec.response.body_json),
    );
    const protocol = JSON.parse(info.text).protocols[0];
    expect(keysOf(protocol)).toEqual(
      keysOf((info.rec.response.body_json as any).protocols[0]),
    );

    const attrs = await expectSameShape(
      `/rses/${rse}/attr/`,
      'read_509_rse_attrs_SITE_A_DISK',
    );
    expect(attrs.text.endsWith('\n')).toBe(true);
    expect(JSON.parse(attrs.text)[rse]).toBe(true);

    const usage = await expectSameShape(
      `/rses/${rse}/usage`,
      'read_510_rse_usage_SITE_A_DISK',
    );
    const usageLines = usage.text
      .trim()
      .split('\n')
      .map(l => JSON.parse(l));
    expect(usageLines.map(u => u.source)).toEqual(['rucio', 'storage']);
    expect(keysOf(usageLines[1])).toEqual(
      keysOf(usage.rec.response.body_ndjson![1]),
    );

    const limits = await expectSameShape(
      `/rses/${rse}/limits`,
      'read_512_rse_limits_SITE_A_DISK',
    );
    expect(keysOf(JSON.parse(limits.text))).toEqual(
      keysOf(limits.rec.response.body_json),
    );

    const protocols = await expectSameShape(
      `/rses/${rse}/protocols`,
      'read_511_rse_protocols_SITE_A_DISK',
    );
    expect(Array.isArray(JSON.parse(protocols.text))).toBe(true);

    const missing = recorded('write_011_rse_not_found');
    const res = await get('/rses/NO_SUCH_RSE');
    expect(res.status).toBe(404);
    expect(JSON.parse(await res.text())).toEqual(missing.response.body_json);
  });

  it('/heartbeats and /config', async () => {
    const beats = await expectSameShape('/heartbeats', 'read_533_heartbeats');
    const rows = JSON.parse(beats.text);
    expect(keysOf(rows[0])).toEqual(
      keysOf((beats.rec.response.body_json as unknown[])[0]),
    );
    expect(rows[0].updated_at).toMatch(/ UTC$/);
    const config = await expectSameShape('/config', 'read_534_config');
    expect(typeof JSON.parse(config.text)).toBe('object');
  });

  it('applies the knobs: latency and outages', async () => {
    demo.state.options.latencyMs = 150;
    const t = Date.now();
    await get('/ping');
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
    demo.state.options.latencyMs = 0;
    demo.state.options.outages = ['rucio'];
    expect((await get('/ping')).status).toBe(503);
    demo.state.options.outages = [];
    expect((await get('/ping')).status).toBe(200);
  });
});
