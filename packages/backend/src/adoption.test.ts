import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import rucioPlugin from '@rucio-portal/plugin-rucio-backend';
import {
  rseDrift,
  type RseDefinition,
  type ServedRse,
} from '@rucio-portal/plugin-rucio-common';
import scaffolderRucioModule from '@rucio-portal/plugin-scaffolder-backend-module-rucio';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { startDemoCli } from './__testUtils__/startDemoCli';
import { userAuthFactory } from './__testUtils__/userAuthFactory';
import { userInfoFactory } from './__testUtils__/userInfoFactory';
import { permissionModuleRucioPortalPolicy } from './permissionModule';

/**
 * The template "Adopt an existing Rucio" through the scaffolder's dry run,
 * in a backend with the real rucio, scaffolder and permission plugins, against
 * the demo environment (its command line, real HTTP). The collection reads
 * the details of a few RSEs only, so adoption reads the others from Rucio.
 */

const ROOT = path.resolve(__dirname, '../../..');
const RATE = 3000;

const template = parse(
  readFileSync(
    path.join(
      ROOT,
      'plugins/scaffolder-backend-module-rucio/templates/rucio-environment-adopt/template.yaml',
    ),
    'utf8',
  ),
);

jest.setTimeout(120_000);

/** What the demo Rucio serves of every RSE, read straight from its API. */
async function servedByRucio(ports: Record<string, number>) {
  const auth = await fetch(`http://127.0.0.1:${ports.auth}/auth/userpass`, {
    headers: {
      'X-Rucio-Account': 'root',
      'X-Rucio-Username': 'ddmlab',
      'X-Rucio-Password': 'demo-password',
    },
  });
  const token = auth.headers.get('X-Rucio-Auth-Token')!;
  const get = async (p: string) =>
    (
      await fetch(`http://127.0.0.1:${ports.rucio}${p}`, {
        headers: { 'X-Rucio-Auth-Token': token },
      })
    ).text();
  const names = (await get('/rses/'))
    .split('\n')
    .filter(Boolean)
    .map(line => JSON.parse(line).rse as string);
  return Promise.all(
    names.map(
      async (name): Promise<ServedRse> => ({
        name,
        attributes: JSON.parse(await get(`/rses/${name}/attr/`)),
        protocols: JSON.parse(await get(`/rses/${name}/protocols`)),
        limits: JSON.parse(await get(`/rses/${name}/limits`)),
        detailsCheckedAt: new Date().toISOString(),
      }),
    ),
  );
}

describe('adopting the demo environment through the template', () => {
  let demo: { child: ChildProcess; ports: Record<string, number> };
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    demo = await startDemoCli('rucio-demo-adopt-');
    backend = await startTestBackend({
      features: [
        permissionPlugin,
        permissionModuleRucioPortalPolicy,
        rucioPlugin,
        scaffolderPlugin,
        scaffolderRucioModule,
        userAuthFactory,
        userInfoFactory({
          'user:default/ada': ['group:default/data-management'],
        }),
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'System',
              metadata: {
                name: 'rucio-demo',
                namespace: 'default',
                annotations: { 'rucio.cern.ch/environment': 'demo' },
              },
              spec: { owner: 'group:default/data-management' },
            },
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            permission: {
              enabled: true,
              rucioPortal: {
                operatorGroups: ['group:default/data-management'],
              },
            },
            rucio: {
              environments: [
                {
                  name: 'demo',
                  system: 'rucio-demo',
                  rucio: {
                    url: `http://127.0.0.1:${demo.ports.rucio}`,
                    authUrl: `http://127.0.0.1:${demo.ports.auth}`,
                    account: 'root',
                    userpass: { username: 'ddmlab', password: 'demo-password' },
                  },
                  // A collection reads the details of a few RSEs only.
                  schedule: {
                    intervalSeconds: 60,
                    rseDetailRequestsPerMinute: 60,
                    adoptionRequestsPerMinute: RATE,
                  },
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
    demo?.child.kill('SIGTERM');
  });

  const ada = mockCredentials.user.header('user:default/ada');

  it('declares every RSE as Rucio serves it, reading only those not read yet, at the set rate', async () => {
    // The owner asks for the first collection.
    await request(backend.server)
      .post('/api/rucio/environments/demo/refresh')
      .set('Authorization', ada)
      .expect(202);
    let listed;
    for (let i = 0; i < 100; i++) {
      listed = await request(backend.server)
        .get('/api/rucio/environments/demo/rses?limit=1000')
        .set('Authorization', ada);
      if (listed.body.total) break;
      await new Promise(r => setTimeout(r, 200));
    }
    const kept = listed!.body.items.filter((r: any) => r.detailsCheckedAt);
    expect(listed!.body.total).toBe(60);
    expect(kept.length).toBeLessThan(60);

    const started = Date.now();
    const run = await request(backend.server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', ada)
      .send({
        template,
        values: {
          from: 'demo',
          name: 'demo',
          baseDomain: 'rucio.example.org',
          owner: 'group:default/data-management',
          system: 'rucio-demo',
          repoUrl: 'github.com?owner=example&repo=rucio-demo',
          dbHost: 'db.example.org',
          acmeEmail: 'ops@example.org',
        },
        directoryContents: [],
      });
    const seconds = (Date.now() - started) / 1000;
    expect(run.body.error ?? run.status).toBe(200);
    const log = run.body.log.map((l: any) => l.body.message).join('\n');
    expect(log).toContain(
      `Rucio environment demo serves 60 RSEs; the portal keeps the details of ${kept.length}`,
    );
    expect(log).toContain(
      `60 of 60 RSEs (${
        60 - kept.length
      } read from Rucio so far, at most ${RATE} requests a minute)`,
    );
    // Four requests per RSE read, no faster than the rate allows.
    const requests = 4 * (60 - kept.length);
    expect(seconds).toBeGreaterThanOrEqual(((requests - 1) * 60) / RATE);

    const files = new Map<string, string>(
      run.body.directoryContents.map((f: any) => [
        f.path,
        Buffer.from(f.base64Content, 'base64').toString('utf8'),
      ]),
    );
    const definitions: RseDefinition[] = [...files]
      .filter(([p]) => /^base\/rses\/[^/]+\.json$/.test(p))
      .map(([, text]) => JSON.parse(text));
    expect(definitions).toHaveLength(60);
    const spec = parse(files.get('rucio-environment.yaml')!).spec;
    expect(spec.adoptedRses).toHaveLength(60);

    // The files equal what Rucio serves: no drift, its own attributes too.
    const served = await servedByRucio(demo.ports);
    const byName = new Map(served.map(r => [r.name, r]));
    for (const d of definitions) {
      const { name: _n, detailsCheckedAt: _d, ...rucio } = byName.get(d.rse)!;
      expect({ ...d, rse_type: undefined, environment: undefined }).toEqual({
        rse: d.rse,
        ...rucio,
        rse_type: undefined,
        environment: undefined,
      });
    }
    expect(rseDrift(definitions, served)).toMatchObject({
      items: [],
      compared: 60,
    });
    // The details read were kept: the validate step compared every RSE
    // with the portal's table and found nothing.
    expect(log).not.toMatch(/warning: base\/rses/);
    const again = await request(backend.server)
      .get('/api/rucio/environments/demo/rses?limit=1000')
      .set('Authorization', ada);
    expect(again.body.items.filter((r: any) => !r.detailsCheckedAt)).toEqual(
      [],
    );

    // One field of each kind changed gives exactly those items.
    const [a, b, c] = definitions;
    a.attributes = { ...a.attributes, site: 'ELSEWHERE' };
    b.protocols = [{ ...b.protocols![0], port: 1 }, ...b.protocols!.slice(1)];
    c.limits = { ...c.limits, MinFreeSpace: 1 };
    expect(
      rseDrift(definitions, served).items.map(i => `${i.kind} ${i.rse}`),
    ).toEqual([
      `protocol ${b.rse}`,
      `protocol ${b.rse}`,
      `limit ${c.rse}`,
      `attribute ${a.rse}`,
    ]);
  });

  it('reads for signed-in users only, and names RSEs Rucio does not list', async () => {
    const answer = await request(backend.server)
      .post('/api/rucio/environments/demo/rses/details')
      .set('Authorization', ada)
      .send({ rses: ['NO_SUCH_RSE'] });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      rses: [],
      unknown: ['NO_SUCH_RSE'],
      readNow: 0,
    });
    // A service principal never makes the backend read from Rucio.
    const service = await request(backend.server)
      .post('/api/rucio/environments/demo/rses/details')
      .set('Authorization', mockCredentials.service.header())
      .send({ rses: ['X'] });
    expect(service.status).toBe(403);
  });
});
