import {
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import rucioPlugin from '@rucio-portal/plugin-rucio-backend';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { stringify } from 'yaml';
import { userAuthFactory } from './__testUtils__/userAuthFactory';
import { permissionModuleRucioPortalPolicy } from './permissionModule';

/**
 * An operator cannot make an environment theirs by registering an entity
 * that claims it: the real catalog (its locations, processing and
 * permission checks), the real permission backend with the portal's policy,
 * and the rucio plugin. `real40` is configured with the System `rucio-real`,
 * owned by site-admins; ada (data-management, an operator group, which may
 * register locations) registers a System claiming `real40` for her group.
 */

const entities = [
  {
    kind: 'Group',
    metadata: { name: 'site-admins' },
    spec: { type: 'team', children: [], members: ['sam'] },
  },
  {
    kind: 'Group',
    metadata: { name: 'data-management' },
    spec: { type: 'team', children: [], members: ['ada'] },
  },
  {
    kind: 'User',
    metadata: { name: 'sam' },
    spec: { memberOf: ['site-admins'] },
  },
  {
    kind: 'User',
    metadata: { name: 'ada' },
    spec: { memberOf: ['data-management'] },
  },
  {
    kind: 'System',
    metadata: {
      name: 'rucio-real',
      annotations: { 'rucio.cern.ch/environment': 'real40' },
    },
    spec: { owner: 'group:default/site-admins' },
  },
];

const claim = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'rucio-real-mine',
    annotations: { 'rucio.cern.ch/environment': 'real40' },
  },
  spec: { owner: 'group:default/data-management' },
};

/** Ownership from the real catalog, as the user-info service reads it. */
const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const ref = credentials.principal.userEntityRef as string;
      const name = ref.split('/')[1];
      const group = entities.find(
        e => e.kind === 'User' && e.metadata.name === name,
      )?.spec as { memberOf: string[] };
      return {
        userEntityRef: ref,
        ownershipEntityRefs: [
          ref,
          ...(group?.memberOf ?? []).map(g => `group:default/${g}`),
        ],
      };
    },
  }),
});

jest.setTimeout(90_000);

describe('environment ownership with the real catalog', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let files: Server;
  let claimUrl: string;
  const logged: string[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'catalog-'));
    const catalogFile = path.join(dir, 'catalog.yaml');
    writeFileSync(
      catalogFile,
      entities
        .map(e => stringify({ apiVersion: 'backstage.io/v1alpha1', ...e }))
        .join('---\n'),
    );
    // The operator's repository, served as an SCM host would.
    files = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/yaml' });
      res.end(stringify(claim));
    });
    await new Promise<void>(r => files.listen(0, '127.0.0.1', r));
    const host = `127.0.0.1:${(files.address() as AddressInfo).port}`;
    claimUrl = `http://${host}/operator/rucio/catalog-info.yaml`;

    backend = await startTestBackend({
      features: [
        catalogPlugin,
        permissionPlugin,
        permissionModuleRucioPortalPolicy,
        rucioPlugin,
        userInfoFactory,
        userAuthFactory,
        createServiceFactory({
          service: coreServices.rootLogger,
          deps: {},
          factory: () => {
            const logger: any = {
              warn: (message: string) => logged.push(message),
              info: () => {},
              debug: () => {},
              error: () => {},
              child: () => logger,
            };
            return logger;
          },
        }),
        mockServices.rootConfig.factory({
          data: {
            backend: { reading: { allow: [{ host }] } },
            catalog: {
              rules: [{ allow: ['System', 'Group', 'User', 'Location'] }],
              locations: [{ type: 'file', target: catalogFile }],
            },
            permission: {
              enabled: true,
              rucioPortal: {
                adminGroups: ['group:default/site-admins'],
                operatorGroups: ['group:default/data-management'],
                rucioReaders: 'owners',
              },
            },
            rucio: {
              environments: [
                {
                  name: 'real40',
                  system: 'rucio-real',
                  rucio: { url: 'http://127.0.0.1:9', token: 't' },
                  schedule: { intervalSeconds: 3600 },
                },
              ],
            },
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    files?.close();
  });

  const as = (ref: string) => mockCredentials.user.header(ref);

  async function entity(ref: string) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await request(backend.server)
        .get(`/api/catalog/entities/by-name/${ref}`)
        .set('Authorization', as('user:default/sam'));
      if (res.status === 200) return res.body;
      if (Date.now() > deadline) throw new Error(`${ref} never appeared`);
      await new Promise(r => setTimeout(r, 500));
    }
  }

  it('an operator registering a System that claims the environment gains nothing', async () => {
    await entity('system/default/rucio-real');
    const registered = await request(backend.server)
      .post('/api/catalog/locations')
      .set('Authorization', as('user:default/ada'))
      .send({ type: 'url', target: claimUrl });
    expect(registered.status).toBe(201);
    const stored = await entity('system/default/rucio-real-mine');
    expect(stored.metadata.annotations['rucio.cern.ch/environment']).toBe(
      'real40',
    );

    const ada = as('user:default/ada');
    const sam = as('user:default/sam');
    const read = await request(backend.server)
      .get('/api/rucio/environments/real40')
      .set('Authorization', ada);
    expect(read.status).toBe(403);
    const listed = await request(backend.server)
      .get('/api/rucio/environments')
      .set('Authorization', ada);
    expect(listed.body.items).toEqual([]);
    for (const action of ['refresh', 'sync']) {
      const refused = await request(backend.server)
        .post(`/api/rucio/environments/real40/${action}`)
        .set('Authorization', ada)
        .send({ kind: 'Application', name: 'rucio-real40' });
      expect({ action, status: refused.status }).toEqual({
        action,
        status: 403,
      });
    }
    // The owners of the configured System keep their rights.
    const own = await request(backend.server)
      .get('/api/rucio/environments/real40')
      .set('Authorization', sam);
    expect(own.status).toBe(200);
    expect(own.body.permissions.refresh).toBe(true);
    expect(
      (
        await request(backend.server)
          .post('/api/rucio/environments/real40/refresh')
          .set('Authorization', sam)
      ).status,
    ).toBe(202);
    // The claim is logged once, naming it.
    expect(
      logged.filter(m =>
        m.startsWith(
          'Untrusted claim: system:default/rucio-real-mine carries rucio.cern.ch/environment: real40',
        ),
      ),
    ).toHaveLength(1);
  });
});
