import { createMockDirectory } from '@backstage/backend-test-utils';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { rseDrift, type ServedRse } from '@rucio-portal/plugin-rucio-common';
import { adoptedRse } from './adoptedRse';
import { adoptedRseDefinition, applyRsesScript } from './rses';

/**
 * data/apply_rses.py against a Rucio that answers as the recorded Rucio
 * 1.31.7 did: GETs replay the recordings of the same path (the state after
 * the recording's write phase), writes answer as the recorded write of the
 * same route. Routes no recording has (PUT and DELETE of a protocol, DELETE
 * of an RSE) answer `'', 200` as rucio/web/rest/flaskapi/v1/rses.py does,
 * in the recorded shape of PUT /limits (the same Flask return).
 */

const FIXTURES = path.resolve(
  __dirname,
  '../../../../packages/rucio-demo/fixtures/rucio-1.31.7',
);

interface Exchange {
  name: string;
  /** The recording's phase: `write` ran first on an empty Rucio, then `read`. */
  phase: 'write' | 'read';
  request: { method: string; path: string; body: string | null };
  response: {
    status: number;
    headers: Array<[string, string]>;
    body: string;
  };
}

const exchanges: Exchange[] = readdirSync(FIXTURES)
  .filter(f => /^(write|read)_\d+_.*\.json$/.test(f))
  .sort()
  .map(f => ({
    ...JSON.parse(readFileSync(path.join(FIXTURES, f), 'utf8')),
    phase: f.startsWith('write_') ? 'write' : 'read',
  }));
const byName = (name: string) => exchanges.find(e => e.name === name)!;

const ROUTE_WRITES: Array<[RegExp, string, string]> = [
  [/^\/rses\/[^/]+$/, 'POST', 'rse_add_SITE_A_DISK'],
  [/^\/rses\/[^/]+\/attr\/[^/]+$/, 'POST', 'rse_attr_set_SITE_A_DISK_tier'],
  [
    /^\/rses\/[^/]+\/protocols\/[^/]+$/,
    'POST',
    'rse_protocol_add_SITE_A_DISK_file_localhost',
  ],
  [/^\/rses\/[^/]+\/limits$/, 'PUT', 'rse_limit_set_SITE_A_DISK_MinFreeSpace'],
  // From Rucio's source; the same `return '', 200` as PUT /limits.
  [
    /^\/rses\/[^/]+\/protocols\/[^/]+\/[^/]+\/\d+$/,
    'PUT',
    'rse_limit_set_SITE_A_DISK_MinFreeSpace',
  ],
  [
    /^\/rses\/[^/]+\/protocols\/[^/]+\/[^/]+\/\d+$/,
    'DELETE',
    'rse_limit_set_SITE_A_DISK_MinFreeSpace',
  ],
  [/^\/rses\/[^/]+$/, 'DELETE', 'rse_limit_set_SITE_A_DISK_MinFreeSpace'],
];

type Phase = 'empty' | 'recorded';

interface Request {
  method: string;
  path: string;
  body?: unknown;
}

function send(res: ServerResponse, exchange: Exchange) {
  const headers: Record<string, string[]> = {};
  for (const [key, value] of exchange.response.headers) {
    if (/^(content-length|connection|date|server)$/i.test(key)) continue;
    (headers[key] ??= []).push(value.replace('<token>', 'replayed-token'));
  }
  res.writeHead(exchange.response.status, headers);
  res.end(exchange.response.body);
}

/** A Rucio replaying the recordings; `phase` is the state before the run. */
async function replayRucio(phase: Phase, auth = 'auth_userpass_ok') {
  const requests: Request[] = [];
  const created = new Set<string>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req.on('data', chunk => (text += chunk));
    req.on('end', () => {
      const url = req.url!;
      const method = req.method!;
      if (url === '/auth/userpass') {
        send(res, byName(auth));
        return;
      }
      if (req.headers['x-rucio-auth-token'] !== 'replayed-token') {
        send(res, byName('no_token'));
        return;
      }
      requests.push({
        method,
        path: decodeURIComponent(url),
        ...(text ? { body: JSON.parse(text) } : {}),
      });
      if (method === 'GET') {
        if (url === '/rses/') {
          send(
            res,
            byName(phase === 'empty' ? 'rses_list_empty' : 'rses_list'),
          );
          return;
        }
        const name = url.split('/')[2];
        const recording =
          phase === 'recorded' || created.has(name)
            ? exchanges.find(
                e =>
                  e.phase === 'read' &&
                  e.request.method === 'GET' &&
                  e.request.path === url,
              )
            : undefined;
        send(res, recording ?? byName('rse_not_found'));
        return;
      }
      const write = ROUTE_WRITES.find(
        ([pattern, m]) => m === method && pattern.test(url),
      );
      if (!write) {
        res.writeHead(500);
        res.end(`no recording for ${method} ${url}`);
        return;
      }
      if (method === 'POST' && /^\/rses\/[^/]+$/.test(url)) {
        created.add(url.split('/')[2]);
      }
      send(res, byName(write[2]));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

/**
 * The definitions the recorded writes made: each RSE with its type, the
 * attributes, protocols and limits the recording client set.
 */
function recordedDefinitions() {
  const definitions = new Map<string, any>();
  for (const e of exchanges.filter(x => x.phase === 'write')) {
    const body = e.request.body ? JSON.parse(e.request.body) : undefined;
    const [, , name, kind, key] = e.request.path.split('/');
    if (e.response.status >= 300 || !name || name === 'NO_SUCH_RSE') continue;
    if (e.request.method === 'POST' && !kind) {
      definitions.set(name, {
        rse: name,
        rse_type: body.rse_type,
        attributes: {},
        protocols: [],
        limits: {},
      });
    } else if (kind === 'attr') {
      definitions.get(name).attributes[key] = body.value;
    } else if (kind === 'protocols' && e.request.method === 'POST') {
      definitions.get(name).protocols.push(body);
    } else if (kind === 'limits') {
      definitions.get(name).limits[body.name] = body.value;
    }
  }
  return definitions;
}

/** The writes of the recording's write phase, as the script should send them. */
function recordedWrites(): Request[] {
  return exchanges
    .filter(
      e =>
        e.phase === 'write' &&
        e.response.status < 300 &&
        /^\/rses\/[^/]+(\/(attr\/[^/]+|protocols\/[^/]+|limits))?$/.test(
          e.request.path,
        ) &&
        e.request.method !== 'GET',
    )
    .map(e => ({
      method: e.request.method,
      path: e.request.path,
      body: JSON.parse(e.request.body!),
    }))
    .map(r =>
      // The script creates an RSE with its type only; Rucio sets the rest.
      /^\/rses\/[^/]+$/.test(r.path)
        ? { ...r, body: { rse_type: (r.body as any).rse_type } }
        : r,
    );
}

/** The RSEs of the recorded state as the portal's RSE check stores them. */
function recordedServedRses(): Array<ServedRse & { type: 'DISK' | 'TAPE' }> {
  const read = (route: string) =>
    exchanges.find(
      e =>
        e.phase === 'read' &&
        e.request.method === 'GET' &&
        e.request.path === route,
    );
  const list = byName('rses_list')
    .response.body.split('\n')
    .filter(Boolean)
    .map(line => JSON.parse(line).rse as string);
  return list.map(name => {
    const base = `/rses/${name}`;
    // As the portal keeps them: as served, Rucio's own name attribute too.
    return {
      name,
      type: JSON.parse(read(base)!.response.body).rse_type,
      attributes: JSON.parse(read(`${base}/attr/`)!.response.body),
      protocols: JSON.parse(read(`${base}/protocols`)!.response.body),
      limits: JSON.parse(read(`${base}/limits`)!.response.body),
      detailsCheckedAt: '2026-11-30T00:00:00Z',
    };
  });
}

const writes = (requests: Request[]) =>
  requests.filter(r => r.method !== 'GET');
const sorted = (requests: Request[]) =>
  [...requests].sort((a, b) =>
    JSON.stringify(a).localeCompare(JSON.stringify(b)),
  );

// Each test starts python3.
jest.setTimeout(30_000);

describe('apply_rses.py against the recorded Rucio 1.31.7', () => {
  const dir = createMockDirectory();
  let closers: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    await Promise.all(closers.map(c => c()));
    closers = [];
  });

  async function apply(
    definitions: Iterable<any>,
    phase: Phase,
    env: Record<string, string> = {},
    auth?: string,
  ) {
    dir.clear();
    const files: Record<string, string> = {
      'apply_rses.py': applyRsesScript(),
    };
    for (const d of definitions) files[`${d.rse}.json`] = JSON.stringify(d);
    dir.setContent(files);
    const rucio = await replayRucio(phase, auth);
    closers.push(rucio.close);
    const result = await new Promise<{
      code: number;
      stdout: string;
      stderr: string;
    }>(resolve =>
      execFile(
        'python3',
        [path.join(dir.path, 'apply_rses.py'), dir.path],
        {
          env: {
            PATH: process.env.PATH,
            RUCIO_CFG_RUCIO_HOST: rucio.url,
            RUCIO_CFG_AUTH_HOST: rucio.url,
            RUCIO_CFG_ACCOUNT: 'root',
            RUCIO_CFG_USERNAME: 'ddmlab',
            RUCIO_CFG_PASSWORD: 'secret-password',
            RUCIO_CONNECT_ATTEMPTS: '1',
            ...env,
          },
        },
        (error, stdout, stderr) =>
          resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
      ),
    );
    const line = result.stdout
      .split('\n')
      .find(l => l.startsWith('RSE report: '));
    return {
      ...result,
      requests: rucio.requests,
      report: line ? JSON.parse(line.slice('RSE report: '.length)) : undefined,
    };
  }

  it('on an empty Rucio, sends exactly the writes the recording client made', async () => {
    const run = await apply(recordedDefinitions().values(), 'empty');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(sorted(writes(run.requests))).toEqual(sorted(recordedWrites()));
    expect(run.report.rses.SITE_A_DISK).toMatchObject({
      id: '38d7be73f4ef40aa9b4d34bfb0fc770e',
    });
    expect(run.report.rses.SITE_A_DISK.changes[0]).toBe('created');
    expect(run.report.undeclared.rses).toEqual([]);
  });

  it('on the recorded state, changes nothing: values compare as Rucio returns them', async () => {
    // tier was sent as 1 and comes back as "1"; booleans stay booleans.
    const run = await apply(recordedDefinitions().values(), 'recorded');
    expect(run.code).toBe(0);
    expect(writes(run.requests)).toEqual([]);
    // Nothing the Job would change is drift for the portal either.
    expect(
      rseDrift([...recordedDefinitions().values()], recordedServedRses()),
    ).toMatchObject({ items: [], compared: 4, notRead: [] });
    expect(run.report.rses.SITE_A_DISK.changes).toEqual([]);
    // Set by Rucio from the creation request, not declared; the attribute
    // named after the RSE is Rucio's own and not reported.
    expect(run.report.undeclared.attributes.SITE_A_DISK).toEqual({
      city: 'Geneva',
      country_name: 'CH',
      region_code: 'EU',
    });
  });

  it('after adoption, changes nothing and finds nothing undeclared; the portal finds no drift', async () => {
    // What rucio:environment:adopt writes from the rows the portal keeps.
    const adopted = recordedServedRses().map(row =>
      adoptedRseDefinition({ name: 'adopted' }, adoptedRse(row)),
    );
    const run = await apply(adopted, 'recorded');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(writes(run.requests)).toEqual([]);
    expect(run.report.undeclared).toEqual({
      rses: [],
      attributes: {},
      protocols: {},
    });
    expect(Object.values(run.report.rses).map((r: any) => r.changes)).toEqual([
      [],
      [],
      [],
      [],
    ]);
    expect(rseDrift(adopted, recordedServedRses())).toMatchObject({
      items: [],
      compared: 4,
    });
  });

  it('updates what changed in the repository and reports what Rucio has beyond it', async () => {
    const definitions = recordedDefinitions();
    const a = definitions.get('SITE_A_DISK');
    a.attributes.tier = 0;
    a.protocols = a.protocols
      .filter((p: any) => p.scheme !== 'file')
      .map((p: any) => ({ ...p, prefix: '/rucio2/' }));
    a.limits.MinFreeSpace = 20000000000;
    definitions.delete('SITE_D_SCRATCH');

    const run = await apply(definitions.values(), 'recorded');
    expect(run.code).toBe(0);
    expect(sorted(writes(run.requests))).toEqual(
      sorted([
        {
          method: 'POST',
          path: '/rses/SITE_A_DISK/attr/tier',
          body: { value: 0 },
        },
        {
          method: 'PUT',
          path: '/rses/SITE_A_DISK/protocols/https/webdav.site-a.example.org/443',
          body: { prefix: '/rucio2/' },
        },
        {
          method: 'PUT',
          path: '/rses/SITE_A_DISK/limits',
          body: { name: 'MinFreeSpace', value: 20000000000 },
        },
      ]),
    );
    expect(run.report.undeclared.rses).toEqual(['SITE_D_SCRATCH']);
    expect(run.report.undeclared.protocols).toEqual({
      SITE_A_DISK: ['file://localhost:0'],
    });

    // The portal's drift check names exactly what the Job changed or reported.
    const drift = rseDrift([...definitions.values()], recordedServedRses());
    expect(drift.items).toEqual([
      {
        rse: 'SITE_D_SCRATCH',
        kind: 'undeclared',
        repository: 'absent',
        rucio: 'served',
      },
      {
        rse: 'SITE_A_DISK',
        kind: 'protocol',
        key: 'file://localhost:0',
        repository: 'absent',
        rucio: 'file://localhost:0',
      },
      {
        rse: 'SITE_A_DISK',
        kind: 'protocol',
        key: 'https://webdav.site-a.example.org:443 prefix',
        repository: '/rucio2/',
        rucio: '/rucio/',
      },
      {
        rse: 'SITE_A_DISK',
        kind: 'limit',
        key: 'MinFreeSpace',
        repository: '20000000000',
        rucio: '10000000000',
      },
      {
        rse: 'SITE_A_DISK',
        kind: 'attribute',
        key: 'tier',
        repository: '0',
        rucio: '1',
      },
    ]);
  });

  it('deletes undeclared RSEs and protocols only with RSES_PRUNE=true', async () => {
    const definitions = recordedDefinitions();
    const a = definitions.get('SITE_A_DISK');
    a.protocols = a.protocols.filter((p: any) => p.scheme !== 'file');
    definitions.delete('SITE_D_SCRATCH');

    const run = await apply(definitions.values(), 'recorded', {
      RSES_PRUNE: 'true',
    });
    expect(run.code).toBe(0);
    expect(sorted(writes(run.requests))).toEqual(
      sorted([
        {
          method: 'DELETE',
          path: '/rses/SITE_A_DISK/protocols/file/localhost/0',
        },
        { method: 'DELETE', path: '/rses/SITE_D_SCRATCH' },
      ]),
    );
    expect(run.report.deleted).toEqual(['SITE_D_SCRATCH']);
  });

  it('stops with the account named when Rucio refuses the login, never printing the password', async () => {
    const run = await apply(
      recordedDefinitions().values(),
      'recorded',
      {},
      'auth_userpass_wrong_password',
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'Rucio refused the login of account root: 401 IdentityNotFound',
    );
    expect(run.stdout + run.stderr).not.toContain('secret-password');
    expect(run.requests).toEqual([]);
  });
});
