import { mockServices } from '@backstage/backend-test-utils';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubernetesReader } from './KubernetesReader';

describe('KubernetesReader', () => {
  let server: Server;
  const requests: string[] = [];
  let reader: KubernetesReader;

  beforeAll(async () => {
    // Stands in for the Kubernetes plugin's proxy; answers a little late, as
    // an API server does, so that concurrent lists overlap.
    server = createServer((req, res) => {
      requests.push(req.url!);
      setTimeout(() => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ kind: 'List', items: [{ n: 1 }] }));
      }, 50);
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    reader = KubernetesReader.create({
      discovery: {
        getBaseUrl: async () => `http://127.0.0.1:${port}/api/kubernetes`,
        getExternalBaseUrl: async () => '',
      },
      auth: mockServices.auth(),
      cluster: 'c',
    });
  });
  afterAll(() => new Promise<void>(r => server.close(() => r())));

  it('shares one request among checks listing the same objects at the same time', async () => {
    const signal = new AbortController().signal;
    const deployments = '/apis/apps/v1/namespaces/rucio/deployments';
    const lists = await Promise.all([
      reader.list(deployments, { signal, labelSelector: 'a=b' }),
      reader.list(deployments, { signal, labelSelector: 'a=b' }),
      reader.list(deployments, { signal }),
    ]);
    expect(lists).toEqual([[{ n: 1 }], [{ n: 1 }], [{ n: 1 }]]);
    expect(requests).toEqual([
      '/api/kubernetes/proxy/apis/apps/v1/namespaces/rucio/deployments?labelSelector=a%3Db',
      '/api/kubernetes/proxy/apis/apps/v1/namespaces/rucio/deployments',
    ]);
    // Once answered, the next collection reads again.
    await reader.list(deployments, { signal });
    expect(requests).toHaveLength(3);
  });
});
