import {
  coreServices,
  createServiceFactory,
  type PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { rucioPlugin } from './plugin';

const config = {
  rucio: {
    environments: [
      {
        name: 'prod',
        title: 'Production',
        rucio: {
          // Nothing listens here: collection fails, the API must still answer.
          url: 'http://127.0.0.1:9',
          account: 'root',
          userpass: { username: 'ddmlab', password: 'very-secret' },
        },
        webui: { url: 'https://rucio-ui.example.org' },
        schedule: { intervalSeconds: 3600 },
      },
    ],
  },
};

async function start(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const { server } = await startTestBackend({
    features: [
      rucioPlugin,
      mockServices.rootConfig.factory({ data: config }),
      mockServices.permissions.factory({ result }),
    ],
  });
  return server;
}

/** The plugin with a permissions service that answers with `authorize`. */
async function startWithAuthorize(authorize: PermissionsService['authorize']) {
  const { server } = await startTestBackend({
    features: [
      rucioPlugin,
      mockServices.rootConfig.factory({ data: config }),
      createServiceFactory({
        service: coreServices.permissions,
        deps: {},
        factory: () => ({
          authorize,
          async authorizeConditional() {
            throw new Error('not used');
          },
        }),
      }),
    ],
  });
  return server;
}

describe('rucioPlugin', () => {
  it('answers /health for an authenticated user and refuses anonymous callers', async () => {
    const server = await start();
    const ok = await request(server)
      .get('/api/rucio/health')
      .set('Authorization', mockCredentials.user.header());
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ status: 'ok', environments: 1 });

    const anonymous = await request(server)
      .get('/api/rucio/health')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.name).toBe('AuthenticationError');
  });

  it('lists environments without secrets and serves an environment before its first collection', async () => {
    const server = await start();
    const list = await request(server).get('/api/rucio/environments');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        name: 'prod',
        title: 'Production',
        demo: false,
        links: { webui: 'https://rucio-ui.example.org' },
        problems: [],
      }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain('very-secret');

    const env = await request(server).get('/api/rucio/environments/prod');
    expect(env.status).toBe(200);
    expect(env.body.permissions).toEqual({ refresh: true, sync: false });
    expect(JSON.stringify(env.body)).not.toContain('very-secret');
  });

  it('tags an environment read with an ETag and answers 304 while it is unchanged', async () => {
    const server = await start();
    const first = await request(server).get('/api/rucio/environments/prod');
    expect(first.status).toBe(200);
    expect(first.headers.etag).toMatch(/^W\/".+"$/);
    const again = await request(server)
      .get('/api/rucio/environments/prod')
      .set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const other = await request(server)
      .get('/api/rucio/environments/prod')
      .set('If-None-Match', 'W/"something-else"');
    expect(other.status).toBe(200);
    expect(other.body.environment.name).toBe('prod');
  });

  it('answers 404 for an unknown environment and 400 for a bad RSE query', async () => {
    const server = await start();
    const missing = await request(server).get('/api/rucio/environments/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe(
      'No Rucio environment named "nope" is configured',
    );

    const bad = await request(server).get(
      '/api/rucio/environments/prod/rses?sort=colour',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Invalid RSE query: sort:/);
    const badStatus = await request(server).get(
      '/api/rucio/environments/prod/rses?status=full',
    );
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error.message).toMatch(
      /^Invalid RSE query: status: .*"below-min-free-space"/,
    );

    const page = await request(server).get(
      '/api/rucio/environments/prod/rses?limit=10',
    );
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ items: [], total: 0, limit: 10 });
  });

  it('queues a refresh for allowed users and refuses others', async () => {
    const allowed = await start();
    const queued = await request(allowed).post(
      '/api/rucio/environments/prod/refresh',
    );
    expect(queued.status).toBe(202);

    const denied = await start(AuthorizeResult.DENY);
    const refused = await request(denied).post(
      '/api/rucio/environments/prod/refresh',
    );
    expect(refused.status).toBe(403);
    // Reads are decided per environment: none is listed, none answered.
    const list = await request(denied).get('/api/rucio/environments');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    const read = await request(denied).get('/api/rucio/environments/prod');
    expect(read.status).toBe(403);
    expect(read.body.error.message).toBe(
      'rucio.environment.read: you may not read Rucio environment prod',
    );
  });

  it('asks the permission backend once for a burst of reads, and again after a failure', async () => {
    const asked: number[] = [];
    let failing = true;
    const server = await startWithAuthorize(async requests => {
      asked.push(requests.length);
      await new Promise(resolve => setTimeout(resolve, 50));
      if (failing) throw new Error('permission backend unavailable');
      return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    });
    const read = () => request(server).get('/api/rucio/environments/prod');
    // One request for the read, one for what the caller may do.
    const failed = await Promise.all([read(), read()]);
    expect(failed.map(r => r.status)).toEqual([500, 500]);
    expect([...asked].sort()).toEqual([1, 2]);
    failing = false;
    const burst = await Promise.all(Array.from({ length: 20 }, read));
    expect(new Set(burst.map(r => r.status))).toEqual(new Set([200]));
    // The failures were not kept; the 20 reads shared one new decision.
    expect([...asked].sort()).toEqual([1, 1, 2, 2]);
  });

  it('still serves the status when what the caller may do cannot be decided', async () => {
    // Refresh and sync ask the catalog for the owners; it is down.
    const server = await startWithAuthorize(async requests => {
      if (requests.some(r => r.permission.name !== 'rucio.environment.read')) {
        throw new Error('catalog unavailable');
      }
      return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    });
    const env = await request(server).get('/api/rucio/environments/prod');
    expect(env.status).toBe(200);
    expect(env.body.environment.name).toBe('prod');
    expect(env.body.permissions).toEqual({ refresh: false, sync: false });
    const refresh = await request(server).post(
      '/api/rucio/environments/prod/refresh',
    );
    expect(refresh.status).toBe(500);
  });
});
