import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderGithubModule from '@backstage/plugin-scaffolder-backend-module-github';
import request from 'supertest';
import { rucioTemplate } from './__testUtils__/rucioTemplate';
import { scaffolderModuleRucio } from './module';

/**
 * templates/rucio-environment through the scaffolder's dry-run API of a
 * running backend, as the Template Editor calls it.
 */

const template = rucioTemplate();

const values = {
  name: 'dev',
  baseDomain: 'rucio.example.org',
  overlays: ['dev'],
  owner: 'group:default/data-management',
  gitProvider: 'github',
  repoUrl: 'github.com?owner=example&repo=rucio-dev',
  gitops: 'flux',
  secretsBackend: 'kubernetes',
  ingress: 'nginx',
  tlsIssuer: 'letsencrypt',
  acmeEmail: 'ops@example.org',
  dbHost: 'db.example.org',
  fts: ['https://fts3.example.org:8446'],
  ftsCredentials: 'x509',
  ftsVoms: 'dteam:/dteam',
  rses: [{ name: 'DEV_S3', kind: 's3', bucket: 'data' }],
};

// A whole scaffolder backend starts here; two busy cores need time.
jest.setTimeout(60_000);

describe('the Rucio environment template in a dry run', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let server: typeof backend.server;

  afterAll(() => backend.stop());

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderGithubModule,
        scaffolderModuleRucio,
      ],
    });
    server = backend.server;
  });

  async function dryRun(formValues: Record<string, unknown>) {
    return request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({ template, values: formValues, directoryContents: [] });
  }

  it('returns the generated files and passes validation', async () => {
    const res = await dryRun(values);
    expect(res.status).toBe(200);
    const files = new Map<string, string>(
      res.body.directoryContents.map(
        (f: { path: string; base64Content: string }) => [
          f.path,
          Buffer.from(f.base64Content, 'base64').toString('utf8'),
        ],
      ),
    );
    expect([...files.keys()]).toEqual(
      expect.arrayContaining([
        'README.md',
        'catalog-info.yaml',
        'rucio-environment.yaml',
        'base/rses/DEV_S3.json',
        'overlays/dev/values/rucio-daemons.yaml',
        'gitops/flux/sources.yaml',
        'platform/issuers.yaml',
      ]),
    );
    expect(files.get('rucio-environment.yaml')).toContain(
      'repoUrl: https://github.com/example/rucio-dev',
    );
    const steps = new Map(res.body.steps.map((s: { id: string }) => [s.id, s]));
    expect([...steps.keys()]).toEqual([
      'generate',
      'validate',
      'publish-github',
      'publish-gitlab',
      'register',
    ]);
    const messages = res.body.log.map(
      (l: { body: { message: string; stepId?: string; status?: string } }) =>
        l.body,
    );
    expect(
      messages.filter((m: { status?: string }) => m.status === 'failed'),
    ).toEqual([]);
    expect(
      messages.some(
        (m: { stepId?: string; status?: string }) =>
          m.stepId === 'validate' && m.status === 'completed',
      ),
    ).toBe(true);
  });

  it('fails at validation, before publishing, when the repository is invalid', async () => {
    const broken = {
      ...template,
      spec: {
        ...template.spec,
        steps: [
          template.spec.steps[0],
          // Files a template brings along land in the workspace too.
          {
            id: 'extra',
            name: 'Add the template’s own files',
            action: 'fetch:plain',
            input: { url: './extra' },
          },
          ...template.spec.steps.slice(1),
        ],
      },
    };
    const res = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template: broken,
        values,
        // One of them is a PersistentVolumeClaim.
        directoryContents: [
          {
            path: 'extra/base/pvc.yaml',
            base64Content: Buffer.from(
              'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\n',
            ).toString('base64'),
          },
        ],
      });
    // The task stops at the failing step: nothing after it runs.
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      'The environment repository is invalid: base/pvc.yaml: the cluster stays stateless: no PersistentVolumeClaims',
    );
  });
});
