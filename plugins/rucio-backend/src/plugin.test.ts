import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { rucioPlugin } from './plugin';

describe('rucioPlugin', () => {
  async function start() {
    const { server } = await startTestBackend({
      features: [
        rucioPlugin,
        mockServices.rootConfig.factory({
          data: { rucio: { environments: [{ name: 'demo' }] } },
        }),
      ],
    });
    return server;
  }

  it('answers /health for an authenticated user', async () => {
    const server = await start();
    const res = await request(server)
      .get('/api/rucio/health')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', environments: 1 });
  });

  it('refuses /health without credentials', async () => {
    const server = await start();
    const res = await request(server)
      .get('/api/rucio/health')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
    expect(res.body.error.name).toBe('AuthenticationError');
  });
});
