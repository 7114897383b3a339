import { RucioStatusClient } from './RucioStatusClient';

function clientWith(
  handler: (url: string, init?: RequestInit) => Response | Promise<Response>,
) {
  const calls: string[] = [];
  const client = new RucioStatusClient({
    discoveryApi: { getBaseUrl: async id => `http://backstage/api/${id}` },
    fetchApi: {
      fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
        calls.push(`${init?.method ?? 'GET'} ${String(input)}`);
        return handler(String(input), init);
      }) as typeof fetch,
    },
  });
  return { client, calls };
}

describe('RucioStatusClient', () => {
  it('builds URLs under the rucio plugin, escaping names and skipping empty query values', async () => {
    const { client, calls } = clientWith(
      () =>
        new Response(JSON.stringify({ items: [], total: 0 }), {
          headers: { 'content-type': 'application/json' },
        }),
    );
    await client.listRses('my env', { q: '', sort: 'used', limit: 25 });
    await client.getHealth();
    expect(calls).toEqual([
      'GET http://backstage/api/rucio/environments/my%20env/rses?sort=used&limit=25',
      'GET http://backstage/api/rucio/health',
    ]);
  });

  it('reads every RSE page by page', async () => {
    const all = Array.from({ length: 5 }, (_, i) => ({ name: `R${i}` }));
    const { client, calls } = clientWith(url => {
      const q = new URL(url).searchParams;
      const offset = Number(q.get('offset'));
      const items = all.slice(offset, offset + Number(q.get('limit')));
      return new Response(JSON.stringify({ items, total: all.length }), {
        headers: { 'content-type': 'application/json' },
      });
    });
    const rows = await client.listAllRses('prod', 2);
    expect(rows.map(r => r.name)).toEqual(['R0', 'R1', 'R2', 'R3', 'R4']);
    expect(calls).toHaveLength(3);
  });

  it('turns an error response into a ResponseError carrying the backend message', async () => {
    const { client } = clientWith(
      () =>
        new Response(
          JSON.stringify({
            error: { name: 'NotFoundError', message: 'No environment "x"' },
            request: { method: 'GET', url: '/environments/x' },
            response: { statusCode: 404 },
          }),
          { status: 404, headers: { 'content-type': 'application/json' } },
        ),
    );
    await expect(client.getEnvironment('x')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      body: { error: { name: 'NotFoundError' } },
    });
  });

  it('accepts 202 from refresh without a body', async () => {
    const { client, calls } = clientWith(
      () => new Response(null, { status: 202 }),
    );
    await expect(client.refresh('demo')).resolves.toBeUndefined();
    expect(calls).toEqual([
      'POST http://backstage/api/rucio/environments/demo/refresh',
    ]);
  });
});
