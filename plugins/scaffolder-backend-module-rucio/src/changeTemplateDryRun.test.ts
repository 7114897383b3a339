import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  type UrlReaderService,
} from '@backstage/backend-plugin-api';
import { urlReaderFactoriesServiceRef } from '@backstage/backend-defaults/urlReader';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderGithubModule from '@backstage/plugin-scaffolder-backend-module-github';
import scaffolderGitlabModule from '@backstage/plugin-scaffolder-backend-module-gitlab';
import type { RseRow } from '@rucio-portal/plugin-rucio-common';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import request from 'supertest';
import { committedRepository, git } from './__testUtils__/committedRepository';
import { rucioTemplate } from './__testUtils__/rucioTemplate';
import { servedRse } from './__testUtils__/servedRse';
import { applyChange } from './generator/environmentChanges';
import { parseEnvironmentSpec } from './generator/EnvironmentSpec';
import { generateEnvironment } from './generator/generateEnvironment';
import { GOLDEN_INPUTS } from './generator/goldenInputs';
import { serialize } from './generator/writeFiles';
import { scaffolderModuleRucio } from './module';

/**
 * templates/rucio-environment-change through the scaffolder's dry-run API, as
 * the Template Editor calls it, against a real git repository: the backend's
 * UrlReader serves github.com/example/rucio-dev from `git archive` of a
 * repository in a temporary folder, and the workspace the dry run leaves is
 * what the pull request would carry.
 */

/** Serves one repository's tree from a local git repository. */
function gitReaderFactory(root: string) {
  return createServiceFactory({
    service: urlReaderFactoriesServiceRef,
    deps: {},
    async factory() {
      return ({ treeResponseFactory }) => {
        const reader: UrlReaderService = {
          async readTree(url) {
            if (!url.endsWith('/example/rucio-dev/tree/main')) {
              throw new Error(`Not served here: ${url}`);
            }
            const archive = execFileSync(
              'git',
              [
                '-C',
                root,
                'archive',
                '--format=tar',
                '--prefix=rucio-dev/',
                'main',
              ],
              { maxBuffer: 64 * 1024 * 1024 },
            );
            return treeResponseFactory.fromTarArchive({
              stream: Readable.from([archive]),
              etag: git(root, 'rev-parse', 'main').trim(),
            });
          },
          async readUrl() {
            throw new Error('Only trees are served here');
          },
          async search() {
            throw new Error('Only trees are served here');
          },
        };
        return [
          {
            predicate: (url: URL) =>
              url.host === 'github.com' &&
              url.pathname.startsWith('/example/rucio-dev/'),
            reader,
          },
        ];
      };
    },
  });
}

/**
 * The rucio backend's RSE list for environment dev (the route
 * RucioStatusClient reads), serving DEV_DISK with its prefix moved.
 */
function rucioWithDrift(declared: {
  protocols: NonNullable<RseRow['protocols']>;
}) {
  return createBackendPlugin({
    pluginId: 'rucio',
    register(env) {
      env.registerInit({
        deps: { httpRouter: coreServices.httpRouter },
        async init({ httpRouter }) {
          httpRouter.use((req, res, next) => {
            if (req.method !== 'GET' || req.path !== '/environments/dev/rses') {
              next();
              return;
            }
            const row = servedRse('DEV_DISK', [
              { ...declared.protocols[0], prefix: '/data/moved/' },
            ]);
            res.json({ items: [row], total: 1, offset: 0, limit: 1000 });
          });
        },
      });
    },
  });
}

jest.setTimeout(60_000);

describe('the change template in a dry run, against a real git repository', () => {
  const dir = createMockDirectory();
  const spec = parseEnvironmentSpec(GOLDEN_INPUTS.small);
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    await committedRepository(dir.path, spec);
    backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderGithubModule,
        scaffolderGitlabModule,
        scaffolderModuleRucio,
        rucioWithDrift(
          JSON.parse(
            readFileSync(
              path.join(dir.path, 'base/rses/DEV_DISK.json'),
              'utf8',
            ),
          ),
        ),
        gitReaderFactory(dir.path),
        // The pull-request action asks for a token before it sees the dry run.
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              github: [{ host: 'github.com', token: 'not-a-real-token' }],
            },
          },
        }),
      ],
    });
  });

  afterAll(() => backend.stop());

  /**
   * Runs the template with `values`, lays the workspace over the working
   * tree as the pull request's commit would, and returns git's diff against
   * what `change` should alter, computed from the specs.
   */
  async function dryRunDiff(
    values: Record<string, unknown>,
    change: Parameters<typeof applyChange>[1],
  ) {
    git(dir.path, 'reset', '--quiet', '--hard', 'main');
    git(dir.path, 'clean', '--quiet', '-fd');
    const res = await request(backend.server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template: rucioTemplate('rucio-environment-change'),
        values: {
          gitProvider: 'github',
          repoUrl: 'github.com?owner=example&repo=rucio-dev',
          branch: 'main',
          overwriteHandEdited: false,
          ...values,
        },
        directoryContents: [],
      });
    expect({ status: res.status, error: res.body.error }).toEqual({
      status: 200,
      error: undefined,
    });
    const messages: Array<{
      stepId?: string;
      status?: string;
      message: string;
    }> = res.body.log.map((l: { body: object }) => l.body);
    expect(messages.filter(m => m.status === 'failed')).toEqual([]);
    for (const step of ['fetch-github', 'upgrade', 'validate']) {
      expect({
        step,
        completed: messages.some(
          m => m.stepId === step && m.status === 'completed',
        ),
      }).toEqual({ step, completed: true });
    }
    // The publishing step is reached; a dry run does not publish.
    expect(
      messages.some(
        m => m.stepId === 'pull-request' && /dry.?run/i.test(m.message),
      ),
    ).toBe(true);
    const workspace = new Map<string, string>(
      res.body.directoryContents
        .filter((f: { path: string }) => f.path.startsWith('environment/'))
        .map((f: { path: string; base64Content: string }) => [
          f.path.slice('environment/'.length),
          Buffer.from(f.base64Content, 'base64').toString('utf8'),
        ]),
    );
    for (const file of git(dir.path, 'ls-files').split('\n').filter(Boolean)) {
      if (!workspace.has(file)) rmSync(path.join(dir.path, file));
    }
    for (const [file, text] of workspace) {
      mkdirSync(path.dirname(path.join(dir.path, file)), { recursive: true });
      writeFileSync(path.join(dir.path, file), text);
    }
    git(dir.path, 'add', '-A');
    const diff = git(dir.path, 'diff', '--cached', '--name-only')
      .split('\n')
      .filter(Boolean)
      .sort();
    const before = new Map(
      generateEnvironment(spec).map(f => [f.path, serialize(f)]),
    );
    const after = generateEnvironment(applyChange(spec, change).spec);
    const expected = [
      ...after
        .filter(f => before.get(f.path) !== serialize(f))
        .map(f => f.path),
      ...[...before.keys()].filter(p => !after.some(f => f.path === p)),
    ].sort();
    const pullRequestInput = messages.find(
      m => m.stepId === 'pull-request' && /with inputs/.test(m.message),
    )?.message;
    return { diff, expected, pullRequestInput };
  }

  it('moves the Secrets to Vault: exactly the diff the pull request proposes', async () => {
    const change = {
      type: 'external-secrets',
      vaultServer: 'https://vault.example.org:8200',
      vaultPath: 'rucio/dev',
    } as const;
    const { diff, expected, pullRequestInput } = await dryRunDiff(
      {
        change: change.type,
        vaultServer: change.vaultServer,
        vaultPath: change.vaultPath,
      },
      change,
    );
    expect(diff).toEqual(expected);
    expect(pullRequestInput).toContain(
      '### Validation\\n\\nThe repository validates without findings.',
    );
    expect(diff).toEqual(
      expect.arrayContaining([
        'overlays/dev/externalsecrets.yaml',
        'secrets/rucio-db.yaml',
        'rucio-environment.yaml',
      ]),
    );
  });

  it('adds prod in a second region from the form’s region fields', async () => {
    const region = {
      name: 'eu2',
      baseDomain: 'eu2.example.org',
      server: 'https://k8s-eu2.example.org:6443',
    };
    const { diff, expected } = await dryRunDiff(
      {
        change: 'overlay',
        overlay: 'prod',
        regionName: region.name,
        regionBaseDomain: region.baseDomain,
        regionServer: region.server,
      },
      { type: 'overlay', overlay: 'prod', region },
    );
    expect(diff).toEqual(expected);
    expect(diff).toContain('gitops/argocd/applications-prod-eu2.yaml');
  });

  it('puts where the live environment differs from the repository into the pull request', async () => {
    const { diff, expected, pullRequestInput } = await dryRunDiff(
      { change: 'monitoring', monitoring: true, environment: 'dev' },
      { type: 'monitoring', enabled: true },
    );
    expect(diff).toEqual(expected);
    expect(pullRequestInput).toContain(
      '### Validation, and Rucio environment dev compared\\n\\n- warning: `base/rses/DEV_DISK.json`: protocol file://localhost:0 prefix: /data/rucio/ here, /data/moved/ in Rucio environment dev\\n"',
    );
  });
});
