import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoRse, DemoState } from './DemoState.ts';
import type { Handler } from './http.ts';

const STREAM = 'application/x-json-stream';
const JSON_TYPE = 'application/json';

/** Rucio's datetime format: "Sun, 29 Nov 2026 22:39:24 UTC". */
export function rucioDate(ms: number) {
  return new Date(ms).toUTCString().replace('GMT', 'UTC');
}

/** Rucio's `/accounts/<a>` format: "2026-11-29T22:42:30". */
function isoSeconds(ms: number) {
  return new Date(ms).toISOString().slice(0, 19);
}

// Headers every Rucio answer carries (rucio-real-server.md).
const COMMON = {
  'Access-Control-Allow-Origin': 'None',
  'Access-Control-Allow-Headers': 'None',
  'Access-Control-Allow-Methods': '*',
  'Access-Control-Allow-Credentials': 'true',
};
const GET_HEADERS = {
  ...COMMON,
  'Cache-Control': 'post-check=0, pre-check=0',
  Pragma: 'no-cache',
};

function error(
  res: ServerResponse,
  status: number,
  exceptionClass: string,
  message: string,
) {
  const body = JSON.stringify({
    ExceptionClass: exceptionClass,
    ExceptionMessage: message,
  });
  res.writeHead(status, {
    ...COMMON,
    'Content-Type': 'application/octet-stream',
    ExceptionClass: exceptionClass,
    ExceptionMessage: message.replace(/\n/g, ' ').slice(0, 125),
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Werkzeug matching: no Accept header or `*\/*` passes, otherwise one of the types must be listed. */
function accepts(req: IncomingMessage, types: string[]) {
  const accept = req.headers.accept;
  if (!accept) return true;
  return accept
    .split(',')
    .map(part => part.split(';')[0].trim())
    .some(type => type === '*/*' || types.includes(type));
}

/** Answers 406 as Rucio does when the Accept header names none of `types`. */
function refuseUnaccepted(
  req: IncomingMessage,
  res: ServerResponse,
  types: string[],
  message = `The requested content type ${req.headers.accept} is not supported. Use ${types[0]}.`,
) {
  if (accepts(req, types)) return false;
  error(res, 406, 'UnsupportedRequestedContentType', message);
  return true;
}

function json(res: ServerResponse, body: unknown, newline = false) {
  const text = `${JSON.stringify(body)}${newline ? '\n' : ''}`;
  res.writeHead(200, {
    ...GET_HEADERS,
    'Content-Type': JSON_TYPE,
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Streams one JSON object per line, as Rucio's try_stream() does. */
function stream(res: ServerResponse, items: Iterable<unknown>) {
  res.writeHead(200, { ...GET_HEADERS, 'Content-Type': STREAM });
  for (const item of items) {
    res.write(`${JSON.stringify(item)}\n`);
  }
  res.end();
}

function rseRow(state: DemoState, rse: DemoRse) {
  const availability =
    (rse.availabilityRead ? 4 : 0) +
    (rse.availabilityWrite ? 2 : 0) +
    (rse.availabilityDelete ? 1 : 0);
  return {
    id: rse.id,
    rse: rse.rse,
    vo: 'def',
    rse_type: rse.kind === 'TAPE' ? 'TAPE' : 'DISK',
    deterministic: true,
    volatile: false,
    staging_area: false,
    city: rse.site.city,
    region_code: null,
    country_name: rse.site.country,
    continent: null,
    time_zone: null,
    ISP: null,
    ASN: null,
    longitude: null,
    latitude: null,
    availability,
    availability_read: rse.availabilityRead,
    availability_write: rse.availabilityWrite,
    availability_delete: rse.availabilityDelete,
    qos_class: null,
    created_at: rucioDate(rse.createdAt),
    updated_at: rucioDate(state.startedAt),
    deleted: false,
    deleted_at: null,
  };
}

function protocols(rse: DemoRse) {
  const host = `${rse.site.site.toLowerCase()}.example.org`;
  const domains = (p: number) => ({
    lan: { read: p, write: p, delete: p },
    wan: {
      read: p,
      write: p,
      delete: p,
      third_party_copy_read: p,
      third_party_copy_write: p,
    },
  });
  const protocol = (
    hostname: string,
    scheme: string,
    port: number,
    prefix: string,
    impl: string,
    priority = 1,
  ) => ({
    hostname,
    scheme,
    port,
    prefix,
    impl,
    domains: domains(priority),
    extended_attributes: null,
  });
  if (rse.kind === 'S3') {
    return [
      protocol(
        `s3.${host}`,
        'https',
        443,
        `/${rse.rse.toLowerCase()}/`,
        'rucio.rse.protocols.gfal.NoRename',
      ),
    ];
  }
  if (rse.kind === 'TAPE') {
    return [
      protocol(
        `xrootd.${host}`,
        'root',
        1094,
        `//tape/${rse.rse}/`,
        'rucio.rse.protocols.xrootd.Default',
      ),
    ];
  }
  const home = `/dpm/${host}/home/demo/${rse.rse}/`;
  return [
    protocol(
      `webdav.${host}`,
      'davs',
      443,
      home,
      'rucio.rse.protocols.gfal.Default',
    ),
    protocol(
      `xrootd.${host}`,
      'root',
      1094,
      `/${home}`,
      'rucio.rse.protocols.xrootd.Default',
      2,
    ),
  ];
}

function attributes(rse: DemoRse) {
  const attrs: Record<string, string | boolean> = {
    [rse.rse]: true,
    city: rse.site.city,
    country: rse.site.country,
    country_name: rse.site.country,
    fts: 'https://fts3-demo.example.org:8446',
    istape: rse.kind === 'TAPE',
    site: rse.site.site,
    tier: rse.site.tier,
    type: rse.kind,
  };
  if (rse.owner) attrs.owner = rse.owner;
  if (rse.kind === 'S3') {
    attrs.sign_url = 's3';
    attrs.skip_upload_stat = true;
    attrs.verify_checksum = false;
  }
  return attrs;
}

/** The Rucio REST API (server and auth share it; they run on two ports). */
export function rucioHandler(
  state: DemoState,
  credentials: { account: string; username: string; password: string },
): Handler {
  const tokens = new Map<string, { account: string; expiresAt: number }>();

  function authenticate(
    req: IncomingMessage,
    res: ServerResponse,
  ): string | undefined {
    const token = req.headers['x-rucio-auth-token'];
    if (token === undefined) {
      // Rucio 40: no token at all is a ValueError (1.31 said 401).
      error(res, 400, 'ValueError', 'Token must be set.');
      return undefined;
    }
    const entry = typeof token === 'string' ? tokens.get(token) : undefined;
    if (!entry || entry.expiresAt < Date.now()) {
      error(
        res,
        401,
        'CannotAuthenticate',
        'Cannot authenticate with given credentials',
      );
      return undefined;
    }
    return entry.account;
  }

  return (req, res, url) => {
    const path = url.pathname;
    if (req.method !== 'GET') {
      error(res, 405, 'MethodNotAllowed', 'The demo is read-only');
      return;
    }
    if (path === '/ping' || path === '/ping/') {
      if (
        refuseUnaccepted(
          req,
          res,
          [JSON_TYPE],
          'The requested content type is not supported.',
        )
      ) {
        return;
      }
      json(res, { version: state.options.rucioVersion }, true);
      return;
    }
    if (path === '/auth/userpass') {
      const account = req.headers['x-rucio-account'];
      const username = req.headers['x-rucio-username'];
      const password = req.headers['x-rucio-password'];
      if (!username || !password) {
        error(
          res,
          401,
          'CannotAuthenticate',
          'Cannot authenticate without passing all required arguments',
        );
        return;
      }
      if (account !== credentials.account) {
        error(
          res,
          401,
          'CannotAuthenticate',
          `Cannot authenticate to account ${account} with given credentials`,
        );
        return;
      }
      if (
        username !== credentials.username ||
        password !== credentials.password
      ) {
        // Rucio 40 names the account (1.31 said IdentityNotFound).
        error(
          res,
          401,
          'CannotAuthenticate',
          `Cannot authenticate to account ${account} with given credentials`,
        );
        return;
      }
      const appId = String(req.headers['x-rucio-appid'] ?? 'unknown');
      const token = `${account}-${username}-${appId}-${randomBytes(16).toString(
        'hex',
      )}`;
      const expiresAt = Date.now() + state.options.tokenLifetimeSeconds * 1000;
      tokens.set(token, { account, expiresAt });
      res.writeHead(200, {
        ...COMMON,
        'Access-Control-Expose-Headers':
          'X-Rucio-Auth-Token, X-Rucio-Auth-Account, X-Rucio-Auth-Accounts',
        'Content-Type': 'application/octet-stream',
        'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate',
        Pragma: 'no-cache',
        'X-Rucio-Auth-Account': account,
        'X-Rucio-Auth-Token': token,
        'X-Rucio-Auth-Token-Expires': rucioDate(
          Math.floor(expiresAt / 1000) * 1000,
        ),
        'Content-Length': 0,
      });
      res.end();
      return;
    }
    if (path.startsWith('/auth/')) {
      error(res, 401, 'CannotAuthenticate', 'Cannot get DN');
      return;
    }

    const account = authenticate(req, res);
    if (!account) return;

    if (path === '/accounts/whoami') {
      const body = `<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href="${account}">${account}</a>. If not, click the link.\n`;
      res.writeHead(303, {
        ...GET_HEADERS,
        'Content-Type': 'text/html; charset=utf-8',
        Location: account,
        'Content-Length': Buffer.byteLength(body),
      });
      res.end(body);
      return;
    }
    const accountMatch = path.match(/^\/accounts\/([^/]+)$/);
    if (accountMatch) {
      if (accountMatch[1] !== credentials.account) {
        error(
          res,
          404,
          'AccountNotFound',
          `Account with ID '${accountMatch[1]}' cannot be found`,
        );
        return;
      }
      json(res, {
        account_type: 'SERVICE',
        status: 'ACTIVE',
        account: accountMatch[1],
        email: null,
        deleted_at: null,
        updated_at: isoSeconds(state.startedAt),
        suspended_at: null,
        created_at: isoSeconds(state.startedAt),
      });
      return;
    }
    if (path === '/rses/' || path === '/rses') {
      if (refuseUnaccepted(req, res, [STREAM])) return;
      const expression = url.searchParams.get('expression');
      if (expression) {
        const [key, value] = expression.split('=');
        const matches = state.rses.filter(r =>
          value === undefined
            ? r.rse === key
            : String(attributes(r)[key]) === value,
        );
        if (!matches.length) {
          error(
            res,
            400,
            'InvalidRSEExpression',
            'RSE Expression resulted in an empty set.',
          );
          return;
        }
        stream(
          res,
          matches.map(r => ({ rse: r.rse })),
        );
        return;
      }
      stream(
        res,
        (function* rows() {
          for (const rse of state.rses) yield rseRow(state, rse);
        })(),
      );
      return;
    }
    const rseMatch = path.match(/^\/rses\/([^/]+)(\/.*)?$/);
    if (rseMatch) {
      const name = decodeURIComponent(rseMatch[1]);
      const rse = state.byName.get(name);
      if (!rse) {
        error(
          res,
          404,
          'RSENotFound',
          `RSE '${name}' cannot be found in vo 'def'`,
        );
        return;
      }
      const sub = rseMatch[2] ?? '';
      if (sub === '' || sub === '/') {
        json(res, {
          availability_delete: rse.availabilityDelete,
          availability_read: rse.availabilityRead,
          availability_write: rse.availabilityWrite,
          credentials: null,
          deterministic: true,
          domain: ['lan', 'wan'],
          id: rse.id,
          lfn2pfn_algorithm: 'hash',
          protocols: protocols(rse),
          qos_class: null,
          rse: rse.rse,
          rse_type: rse.kind === 'TAPE' ? 'TAPE' : 'DISK',
          sign_url: rse.kind === 'S3' ? 's3' : null,
          staging_area: false,
          verify_checksum: rse.kind !== 'S3',
          volatile: false,
          availability:
            (rse.availabilityRead ? 4 : 0) +
            (rse.availabilityWrite ? 2 : 0) +
            (rse.availabilityDelete ? 1 : 0),
        });
        return;
      }
      if (sub === '/attr/') {
        json(res, attributes(rse), true);
        return;
      }
      if (sub === '/usage') {
        if (refuseUnaccepted(req, res, [STREAM])) return;
        const u = state.usage(rse);
        const updated = rucioDate(Math.floor(Date.now() / 60_000) * 60_000);
        stream(res, [
          {
            rse_id: rse.id,
            source: 'rucio',
            used: Math.round(u.used * 0.97),
            free: null,
            total: Math.round(u.used * 0.97),
            files: u.files,
            updated_at: updated,
            rse: rse.rse,
          },
          {
            rse_id: rse.id,
            source: 'storage',
            used: u.used,
            free: u.free,
            total: u.total,
            files: u.files,
            updated_at: updated,
            rse: rse.rse,
          },
        ]);
        return;
      }
      if (sub === '/limits') {
        json(
          res,
          rse.minFreeSpace
            ? { MaxBeingDeletedFiles: 1000, MinFreeSpace: rse.minFreeSpace }
            : {},
        );
        return;
      }
      if (sub === '/protocols') {
        json(res, protocols(rse), true);
        return;
      }
    }
    if (path === '/heartbeats') {
      if (account !== 'root') {
        error(
          res,
          401,
          'AccessDenied',
          `Account ${account} can not list heartbeats`,
        );
        return;
      }
      json(
        res,
        state.heartbeats().map(h => ({
          ...h,
          updated_at: rucioDate(h.updated_at),
          created_at: rucioDate(h.created_at),
        })),
      );
      return;
    }
    if (path === '/config' || path === '/config/') {
      json(
        res,
        {
          core: { use_temp_tables: false },
          reaper: { delay_seconds: 600, greedy: true },
          conveyor: { scheme: 'davs,root,https' },
        },
        true,
      );
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n');
  };
}
