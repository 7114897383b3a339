import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import request from 'supertest';
import {
  demoEnvironmentConfig,
  runningDemo,
} from '../__testUtils__/runningDemo';
import { rucioPlugin } from '../plugin';
import { registerRucioActions } from './registerRucioActions';

/**
 * Each user reads one environment, as a policy limiting reads to owners would
 * decide: ada the demo, mallory its twin.
 */
const READS: Record<string, string> = {
  'user:default/ada': 'demo',
  'user:default/mallory': 'twin',
};
const permissionsByUser = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () => ({
    async authorize(requests, { credentials }) {
      const user = (credentials.principal as { userEntityRef?: string })
        .userEntityRef;
      return requests.map(r => ({
        result:
          'resourceRef' in r && r.resourceRef === READS[user ?? '']
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })) as any;
    },
    async authorizeConditional(requests) {
      return requests.map(() => ({ result: AuthorizeResult.DENY })) as any;
    },
  }),
});

describe('the rucio actions through the MCP actions backend', () => {
  const running = runningDemo();
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let baseUrl: string;

  beforeAll(async () => {
    const demo = running();
    backend = await startTestBackend({
      features: [
        rucioPlugin,
        mcpActionsPlugin,
        schedulerServiceFactory,
        permissionsByUser,
        mockServices.rootConfig.factory({
          data: {
            backend: { actions: { pluginSources: ['rucio'] } },
            rucio: {
              environments: [
                demoEnvironmentConfig(demo),
                { ...demoEnvironmentConfig(demo), name: 'twin', title: 'Twin' },
              ],
            },
          },
        }),
      ],
    });
    baseUrl = `http://127.0.0.1:${backend.server.port()}`;
    // The first collections run a second after start-up.
    for (const [user, environment] of Object.entries(READS)) {
      for (let waited = 0; ; waited += 500) {
        const env = await request(backend.server)
          .get(`/api/rucio/environments/${environment}`)
          .set('Authorization', mockCredentials.user.header(user));
        if (env.body.snapshot) break;
        if (waited > 20_000)
          throw new Error(`${environment} was not collected`);
        await new Promise(resolve => setTimeout(resolve, 500));
      }
    }
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
  });

  /** An MCP client of the portal, signed in as `user`. */
  async function connect(user: string) {
    const client = new Client({ name: 'rucio-portal-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(
        new URL(`${baseUrl}/api/mcp-actions/v1`),
        {
          requestInit: {
            headers: { Authorization: mockCredentials.user.header(user) },
          },
        },
      ),
    );
    return client;
  }

  const json = (result: any) => JSON.parse(result.content[0].text);

  it('lists the six read-only tools, with their input schemas', async () => {
    const client = await connect('user:default/ada');
    const { tools } = await client.listTools();
    // The MCP actions backend names each tool after its plugin.
    const rucio = tools.filter(t => t.name.startsWith('rucio.'));
    expect(rucio.map(t => t.name).sort()).toEqual([
      'rucio.get-recreatability',
      'rucio.get-rucio-environment-status',
      'rucio.list-expiring-certificates',
      'rucio.list-failing-transfer-links',
      'rucio.list-rucio-rses',
      'rucio.list-stuck-rules-summary',
    ]);
    for (const tool of rucio) {
      expect(tool.annotations).toMatchObject({
        readOnlyHint: true,
        idempotentHint: true,
        destructiveHint: false,
      });
    }
    expect(
      rucio.find(t => t.name === 'rucio.list-rucio-rses')!.inputSchema,
    ).toMatchObject({
      type: 'object',
      required: ['environment'],
      properties: { nearMinFreeSpace: { type: 'boolean' } },
    });
    await client.close();
  });

  it('answers every tool from the collected demo environment', async () => {
    const client = await connect('user:default/ada');
    const call = async (name: string, args: Record<string, unknown>) =>
      json(await client.callTool({ name: `rucio.${name}`, arguments: args }));

    const status = await call('get-rucio-environment-status', {
      environment: 'demo',
    });
    expect(status).toMatchObject({ environment: 'demo', title: 'Demo' });
    const daemons = status.checks.find((c: any) => c.check === 'daemons');
    expect(daemons).toMatchObject({ status: 'error' });
    expect(daemons.message).toContain('hermes');

    const near = await call('list-rucio-rses', {
      environment: 'demo',
      nearMinFreeSpace: true,
    });
    expect(near.rses.map((r: any) => r.name)).toEqual([
      running().state.rses[3].rse,
    ]);
    expect(near.rses[0]).toMatchObject({
      belowMinFreeSpace: true,
      nearMinFreeSpace: true,
    });
    const closed = await call('list-rucio-rses', {
      environment: 'demo',
      closedForWrites: true,
    });
    expect(closed.rses.map((r: any) => r.name)).toEqual([
      running().state.rses[7].rse,
    ]);
    const all = await call('list-rucio-rses', {
      environment: 'demo',
      limit: 5,
    });
    expect(all.total).toBe(60);
    expect(all.rses).toHaveLength(5);

    const certificates = await call('list-expiring-certificates', { days: 14 });
    expect(certificates.certificates).toEqual([
      expect.objectContaining({
        environment: 'demo',
        name: `localhost:${running().ports.tlsExpiring}`,
        source: 'tls',
      }),
    ]);
    expect(certificates.certificates[0].daysLeft).toBeLessThan(5);

    const rules = await call('list-stuck-rules-summary', {});
    expect(rules.environments).toEqual([
      expect.objectContaining({
        environment: 'demo',
        status: 'unconfigured',
        message: expect.stringContaining('read-only role'),
      }),
    ]);

    const links = await call('list-failing-transfer-links', {});
    expect(links.links.length).toBeGreaterThan(0);
    for (const link of links.links) {
      expect(link.failureRatio6h).toBeGreaterThan(0.5);
    }

    // This demo environment names no Kubernetes namespace: not told.
    expect(
      await call('get-recreatability', { environment: 'demo' }),
    ).toMatchObject({
      environment: 'demo',
      state: 'unknown',
      check: 'workloads',
      reason: expect.stringContaining('No Kubernetes namespace is configured'),
    });
    await client.close();
  });

  it('neither lists nor answers an environment the caller may not read', async () => {
    const client = await connect('user:default/mallory');
    const call = async (name: string, args: Record<string, unknown>) =>
      client.callTool({ name: `rucio.${name}`, arguments: args });

    const refused = await call('get-rucio-environment-status', {
      environment: 'demo',
    });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).not.toContain('hermes');
    const notTold = await call('get-recreatability', { environment: 'demo' });
    expect(notTold.isError).toBe(true);
    expect(JSON.stringify(notTold.content)).toContain(
      'rucio.environment.read: you may not read Rucio environment demo',
    );
    expect(JSON.stringify(refused.content)).toContain(
      'rucio.environment.read: you may not read Rucio environment demo',
    );
    const own = json(
      await call('get-rucio-environment-status', { environment: 'twin' }),
    );
    expect(own).toMatchObject({ environment: 'twin', title: 'Twin' });

    // Across environments, only the readable one is listed.
    const certificates = json(
      await call('list-expiring-certificates', { days: 14 }),
    );
    expect(certificates.certificates.map((c: any) => c.environment)).toEqual([
      'twin',
    ]);
    const rules = json(await call('list-stuck-rules-summary', {}));
    expect(rules.environments.map((e: any) => e.environment)).toEqual(['twin']);
    const links = json(await call('list-failing-transfer-links', {}));
    expect(links.links.length).toBeGreaterThan(0);
    expect(new Set(links.links.map((l: any) => l.environment))).toEqual(
      new Set(['twin']),
    );
    await client.close();
  });
});

describe('registerRucioActions', () => {
  it('checks the caller’s read permission of the environment in every action', async () => {
    const registry = actionsRegistryServiceMock();
    const notReached = () => {
      throw new Error('must not be reached');
    };
    registerRucioActions({
      actionsRegistry: registry,
      service: {
        environments: [{ name: 'demo' }],
        get: notReached,
        latest: notReached,
        listRses: notReached,
      } as any,
      permissions: mockServices.permissions({ result: AuthorizeResult.DENY }),
    });
    const { actions } = await registry.list();
    expect(actions).toHaveLength(6);
    const invoke = (
      id: string,
      input: Parameters<typeof registry.invoke>[0]['input'],
    ) =>
      registry.invoke({
        id,
        input,
        credentials: mockCredentials.user('user:default/mallory'),
      });
    for (const action of actions.filter(
      a => a.name !== 'list-expiring-certificates',
    )) {
      await expect(invoke(action.id, { environment: 'demo' })).rejects.toThrow(
        'rucio.environment.read: you may not read Rucio environment demo',
      );
    }
    // Without a name, the environments the caller may not read are left out.
    const byName = (name: string) => actions.find(a => a.name === name)!.id;
    await expect(
      invoke(byName('list-expiring-certificates'), { days: 30 }),
    ).resolves.toEqual({ output: { certificates: [] } });
    await expect(
      invoke(byName('list-stuck-rules-summary'), {}),
    ).resolves.toEqual({ output: { environments: [] } });
  });
});
