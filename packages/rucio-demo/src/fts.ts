import type { DemoState } from './DemoState.ts';
import type { Handler } from './http.ts';

const DN = '/DC=org/DC=example/OU=Robots/CN=rucio-demo';
const DELEGATION_ID = '9ab8ea7fd2c0a3b1';

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
      const v = { major: 3, minor: 14, patch: 2 };
      send(res, 200, {
        delegation: { major: 1, minor: 0, patch: 0 },
        api: v,
        core: v,
        schema: { major: 9, minor: 0, patch: 0 },
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
        send(res, 200, null);
        return;
      }
      const end = state.startedAt + 20 * 86_400_000;
      send(res, 200, {
        termination_time: new Date(end).toISOString().slice(0, 19),
        voms_attrs: ['/demo/Role=production'],
      });
      return;
    }
    if (path === '/jobs') {
      const states = url.searchParams.get('state_in')?.split(',');
      const windowH = Number(url.searchParams.get('time_window') ?? '');
      const limit = Math.min(
        Number(url.searchParams.get('limit') ?? 100) || 100,
        500,
      );
      const now = Date.now();
      let jobs = state.ftsJobs(now);
      if (states) jobs = jobs.filter(j => states.includes(j.job_state));
      else jobs = jobs.filter(j => j.job_finished === null);
      if (windowH > 0) {
        const since = now - windowH * 3_600_000;
        jobs = jobs.filter(
          j =>
            j.job_finished === null ||
            Date.parse(`${j.job_finished}Z`) >= since,
        );
      }
      const fields = url.searchParams.get('fields')?.split(',');
      const out = jobs
        .slice(-limit)
        .map(j =>
          fields
            ? Object.fromEntries(
                fields.map(f => [f, (j as Record<string, unknown>)[f]]),
              )
            : j,
        );
      send(res, 200, out);
      return;
    }
    send(res, 404, {
      status: '404 Not Found',
      message: `The resource ${path} could not be found`,
    });
  };
}
