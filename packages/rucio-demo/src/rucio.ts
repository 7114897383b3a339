import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoState } from './DemoState.ts';
import type { Handler } from './http.ts';
import { requestMetrics } from './rucioRequests.ts';
import { rseRow, protocols, attributes } from './rucioRses.ts';
import {
  STREAM,
  JSON_TYPE,
  rucioDate,
  isoSeconds,
  COMMON,
  GET_HEADERS,
  error,
  refuseUnaccepted,
  json,
  stream,
} from './rucioWire.ts';

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
    if (path === '/requests/metrics') {
      // Rucio's own message names the accepted types as a Python list.
      const only = `['${STREAM}']`;
      if (
        refuseUnaccepted(
          req,
          res,
          [STREAM],
          `The requested content type ${req.headers.accept} is not supported. Use ${only}.`,
        )
      ) {
        return;
      }
      const src = url.searchParams.get('src_rse');
      const dst = url.searchParams.get('dst_rse');
      stream(
        res,
        requestMetrics(state).filter(
          m => (!src || m.src_rse === src) && (!dst || m.dst_rse === dst),
        ),
      );
      return;
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
