import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import type { RseRow } from '@rucio-portal/plugin-rucio-common';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createActionContext } from '../__testUtils__/createActionContext';
import { servedRse } from '../__testUtils__/servedRse';
import { createValidateEnvironmentAction } from './validateEnvironment';

describe('rucio:environment:validate', () => {
  const dir = createMockDirectory();
  const action = createValidateEnvironmentAction();

  it('outputs the report of a valid repository', async () => {
    dir.setContent({
      'repo/catalog-info.yaml':
        'kind: System\nmetadata:\n  name: s\n  annotations:\n    rucio.cern.ch/environment: dev\n',
    });
    const { ctx, outputs } = createActionContext({
      input: { path: 'repo', failOnError: true },
      workspacePath: dir.path,
    });
    await action.handler(ctx);
    expect(outputs).toEqual({
      valid: true,
      errors: 0,
      warnings: 0,
      findings: [],
      report: '### Validation\n\nThe repository validates without findings.\n',
    });
  });

  it('fails with the findings named when the repository is invalid, also when failOnError is left out', async () => {
    dir.setContent({ 'repo/values.yaml': 'a: b\n' });
    // As the template calls it: the scaffolder passes no schema defaults.
    const { ctx, outputs } = createActionContext({
      input: { path: 'repo' },
      workspacePath: dir.path,
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /invalid: catalog-info.yaml: catalog-info.yaml is missing/,
    );
    expect(outputs.valid).toBe(false);
    expect(outputs.errors).toBe(1);
  });

  it('only reports with failOnError: false', async () => {
    dir.setContent({ 'repo/values.yaml': 'a: b\n' });
    const { ctx, outputs } = createActionContext({
      input: { path: 'repo', failOnError: false },
      workspacePath: dir.path,
    });
    await action.handler(ctx);
    expect(outputs.valid).toBe(false);
  });

  it('refuses a path outside the workspace', async () => {
    const { ctx } = createActionContext({
      input: { path: '../elsewhere', failOnError: true },
      workspacePath: dir.path,
    });
    await expect(action.handler(ctx)).rejects.toThrow(/outside/);
  });
});

/** A generated repository (the golden `small` environment, one RSE). */
const SMALL = path.resolve(__dirname, '../generator/__fixtures__/golden/small');

describe('rucio:environment:validate against a live environment', () => {
  let server: Server;
  const seen: Array<{ url: string; authorization?: string }> = [];
  afterEach(() => new Promise(resolve => server.close(resolve)));

  /** The rucio backend's RSE list (`GET /environments/:name/rses`), paged. */
  async function portal(rows: RseRow[], status = 200) {
    server = createServer((req, res) => {
      seen.push({ url: req.url!, authorization: req.headers.authorization });
      const url = new URL(req.url!, 'http://x');
      if (status !== 200) {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            error: {
              name: 'NotAllowedError',
              message:
                'rucio.environment.read: you may not read Rucio environment dev',
            },
            response: { statusCode: status },
          }),
        );
        return;
      }
      const offset = Number(url.searchParams.get('offset'));
      const limit = Number(url.searchParams.get('limit'));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          items: rows.slice(offset, offset + limit),
          total: rows.length,
          offset,
          limit,
        }),
      );
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const discovery = mockServices.discovery.mock({
      getBaseUrl: async (id: string) => `http://127.0.0.1:${port}/api/${id}`,
    });
    return createValidateEnvironmentAction({
      discovery,
      auth: mockServices.auth(),
    });
  }

  const declared = JSON.parse(
    readFileSync(path.join(SMALL, 'base/rses/DEV_DISK.json'), 'utf8'),
  );
  const row = (name: string, protocols = declared.protocols) =>
    servedRse(name, protocols);

  it('reports where Rucio differs, as warnings with the value on both sides, read as the user', async () => {
    const action = await portal([
      row('DEV_DISK', [{ ...declared.protocols[0], prefix: '/data/moved/' }]),
      row('EXTRA_DISK'),
    ]);
    const { ctx, outputs } = createActionContext({
      input: { path: 'small', environment: 'dev' },
      workspacePath: path.dirname(SMALL),
    });
    await action.handler(ctx);
    expect(outputs.valid).toBe(true);
    // In the drift check's order: whole RSEs first.
    expect(outputs.drift).toEqual([
      {
        rse: 'EXTRA_DISK',
        kind: 'undeclared',
        repository: 'absent',
        rucio: 'served',
      },
      {
        rse: 'DEV_DISK',
        kind: 'protocol',
        key: 'file://localhost:0 prefix',
        repository: '/data/rucio/',
        rucio: '/data/moved/',
      },
    ]);
    expect(outputs.findings).toEqual(
      expect.arrayContaining([
        {
          severity: 'warning',
          file: 'base/rses/DEV_DISK.json',
          message:
            'protocol file://localhost:0 prefix: /data/rucio/ here, /data/moved/ in Rucio environment dev',
        },
        {
          severity: 'warning',
          file: 'base/rses/',
          message:
            'RSE EXTRA_DISK is served by Rucio environment dev, but not declared',
        },
      ]),
    );
    // The rucio backend decides what the template's user may read.
    expect(seen.at(-1)!.url).toBe(
      '/api/rucio/environments/dev/rses?offset=0&limit=1000',
    );
    expect(seen.at(-1)!.authorization).toMatch(/^Bearer mock-/);
    expect(seen.at(-1)!.authorization).toContain('user:default/mock');
    // The change template puts this under the pull request's description.
    expect(outputs.report).toBe(
      [
        '### Validation, and Rucio environment dev compared',
        '',
        '- warning: `base/rses/`: RSE EXTRA_DISK is served by Rucio environment dev, but not declared',
        '- warning: `base/rses/DEV_DISK.json`: protocol file://localhost:0 prefix: /data/rucio/ here, /data/moved/ in Rucio environment dev',
        '',
      ].join('\n'),
    );
  });

  it('finds no drift where Rucio serves the repository as declared', async () => {
    const action = await portal([row('DEV_DISK')]);
    const { ctx, outputs } = createActionContext({
      input: { path: 'small', environment: 'dev' },
      workspacePath: path.dirname(SMALL),
    });
    await action.handler(ctx);
    expect(outputs.drift).toEqual([]);
    expect(outputs.report).toContain(
      'Rucio environment dev serves its RSEs as declared.',
    );
  });

  it('fails naming the environment when the portal refuses the user', async () => {
    const action = await portal([], 403);
    const { ctx } = createActionContext({
      input: { path: 'small', environment: 'dev' },
      workspacePath: path.dirname(SMALL),
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      'Could not read the RSEs of Rucio environment dev from the portal: rucio.environment.read: you may not read Rucio environment dev',
    );
  });
});
