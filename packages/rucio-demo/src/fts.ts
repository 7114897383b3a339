import { DEMO_DELEGATION_ID, type DemoState } from './DemoState.ts';
import type { Handler } from './http.ts';

const DN = '/DC=org/DC=example/OU=Robots/CN=rucio-demo';
const DELEGATION_ID = DEMO_DELEGATION_ID;

/**
 * `GET /jobs` as fts3rest/controllers/jobs.py (v3.13.4) filters: `state_in`
 * with a `time_window` and no `limit` keeps jobs finished within the window;
 * `state_in` alone, or no `state_in`, keeps unfinished jobs; with a `limit`
 * (1–500) the window is ignored and the newest jobs by submit time come back.
 */
export function listJobs(
  state: DemoState,
  params: URLSearchParams,
  now: number,
): { status: number; body: unknown } {
  const limitText = params.get('limit');
  const limit = limitText === null ? undefined : Number.parseInt(limitText, 10);
  const dlg = params.get('dlg_id');
  if (dlg && dlg !== DELEGATION_ID) {
    return {
      status: 403,
      body: {
        status: '403 Forbidden',
        message: 'The provided delegation id does not match your delegation id',
      },
    };
  }
  if (limit !== undefined && (limit < 0 || limit > 500)) {
    return {
      status: 400,
      body: {
        status: '400 Bad Request',
        message: 'The limit must be positive and less or equal than 500',
      },
    };
  }
  const [hours, minutes] = (params.get('time_window') ?? '').split(':');
  const windowMs =
    hours && /^\d+$/.test(hours)
      ? (Number(hours) * 60 + Number(minutes ?? 0)) * 60_000
      : undefined;
  const states = params.get('state_in')?.split(',');
  let jobs = state.ftsJobs(now);
  if (states) {
    jobs = jobs.filter(j => states.includes(j.job_state));
    if (!limit) {
      jobs =
        windowMs === undefined
          ? jobs.filter(j => j.job_finished === null)
          : jobs.filter(
              j =>
                j.job_finished !== null &&
                Date.parse(`${j.job_finished}Z`) >= now - windowMs,
            );
    }
  } else {
    jobs = jobs.filter(j => j.job_finished === null);
  }
  if (limit) {
    jobs = [...jobs]
      .sort((a, b) => b.submit_time.localeCompare(a.submit_time))
      .slice(0, limit);
  }
  const fields = params.get('fields')?.split(',');
  return {
    status: 200,
    body: fields
      ? jobs.map(j =>
          Object.fromEntries(
            fields
              .filter(f => f in j)
              .map(f => [f, (j as Record<string, unknown>)[f]]),
          ),
        )
      : jobs,
  };
}

/** The FTS3 REST API subset Rucio and our checks read. */
export function ftsHandler(state: DemoState): Handler {
  const send = (res: Parameters<Handler>[1], status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
  };
  return (_req, res, url) => {
    const path = url.pathname.replace(/\/$/, '') || '/';
    if (path === '/') {
      // As fts-rest-flask 3.13.4 answers (recording 01): core is null.
      send(res, 200, {
        delegation: { major: 1, minor: 0, patch: 0 },
        api: { major: 3, minor: 13, patch: 4 },
        core: null,
        schema: { minor: 1, patch: 0, major: 9 },
        _links: {},
      });
      return;
    }
    if (path === '/whoami') {
      send(res, 200, {
        user_dn: DN,
        dn: [DN],
        base_id: '01874efb-4735-5b1c-9ac5-e5d9d4b7a2c1',
        voms_cred: ['/demo/Role=production'],
        vos: ['demo'],
        vos_id: ['6b10f4e4-0f30-5c5e-b1c2-0e8a4a3a3e11'],
        roles: ['production'],
        level: {
          transfer: 'vo',
          deleg: 'all',
          config: 'all',
          datamanagement: 'all',
        },
        delegation_id: DELEGATION_ID,
        method: 'certificate',
        is_root: false,
      });
      return;
    }
    if (path.startsWith('/delegation/')) {
      if (path !== `/delegation/${DELEGATION_ID}`) {
        send(res, 403, {
          status: '403 Forbidden',
          message: 'The requested ID and the credentials ID do not match',
        });
        return;
      }
      // Rucio delegates 96-hour proxies and renews them below 72 hours.
      send(res, 200, {
        termination_time: new Date(state.proxyExpiry())
          .toISOString()
          .slice(0, 19),
        voms_attrs: ['/demo/Role=production'],
      });
      return;
    }
    if (path === '/jobs') {
      const answer = listJobs(state, url.searchParams, Date.now());
      send(res, answer.status, answer.body);
      return;
    }
    send(res, 404, {
      status: '404 Not Found',
      message: `The resource ${path} could not be found`,
    });
  };
}
