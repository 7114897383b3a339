import { createMockDirectory } from '@backstage/backend-test-utils';
import path from 'node:path';
import { rucioTemplate } from './__testUtils__/rucioTemplate';
import { chartDaemons } from './generator/chartValues';
import { environmentChangeSchema } from './generator/environmentChanges';
import { DEFAULT_DAEMONS, FTS_DAEMONS } from './generator/daemonDefaults';
import {
  ENVIRONMENT_SPEC_FIELDS,
  parseEnvironmentSpec,
} from './generator/EnvironmentSpec';
import { generateEnvironment } from './generator/generateEnvironment';
import { GOLDEN_INPUTS } from './generator/goldenInputs';
import { writeFiles } from './generator/writeFiles';
import { validateEnvironmentRepo } from './validator/validateEnvironmentRepo';

const template = rucioTemplate();

describe('templates/rucio-environment', () => {
  it('uses our actions and the built-in publish and register steps', () => {
    expect(
      template.spec.steps.map((s: { action: string }) => s.action),
    ).toEqual([
      'rucio:environment:create',
      'rucio:environment:validate',
      'publish:github',
      'publish:gitlab',
      'catalog:register',
    ]);
  });

  it('has the pages of the issue, in order', () => {
    expect(
      template.spec.parameters.map((page: { title: string }) => page.title),
    ).toEqual([
      'Basics & ownership',
      'GitOps & secrets',
      'Networking & TLS',
      'Database',
      'Identity & FTS3',
      'Storage',
      'Daemons & monitoring',
    ]);
  });

  it('refers only to parameters some page asks for', () => {
    const asked = new Set(
      template.spec.parameters.flatMap((page: { properties: object }) =>
        Object.keys(page.properties),
      ),
    );
    const used = [
      ...JSON.stringify(template.spec).matchAll(/parameters\.([A-Za-z]+)/g),
    ].map(m => m[1]);
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter(name => !asked.has(name))).toEqual([]);
  });

  it('offers exactly the daemons of the chart', () => {
    const page = template.spec.parameters.find(
      (p: { title: string }) => p.title === 'Daemons & monitoring',
    );
    expect(
      [...page.properties.daemons.items.properties.name.enum].sort(),
    ).toEqual(chartDaemons().sort());
  });

  it('turns the form into a valid environment', () => {
    const spec = parseEnvironmentSpec({
      name: 'dev',
      baseDomain: 'example.org',
      repoUrl: 'https://github.com/example/rucio-dev',
      tls: { issuer: 'letsencrypt', acmeEmail: 'ops@example.org' },
      secrets: { backend: 'kubernetes', vaultServer: '', vaultStore: '' },
      database: { host: 'db.example.org', sslmode: 'require' },
      daemons: [
        { name: 'reaper', replicas: 2, threads: 8 },
        { name: 'hermes' },
      ],
      oidc: { issuer: '', clientId: '', secretName: '' },
      system: '',
      owner: 'group:default/ops',
    });
    expect(spec.daemons).toEqual({
      reaper: { replicas: 2, threads: 8 },
      hermes: { replicas: 1, threads: 1 },
    });
    expect(spec.system).toBeUndefined();
    // An empty list keeps the defaults: with FTS3 all of them, without it
    // none of the conveyor daemons that hand transfers to FTS3.
    const fts = ['https://fts3.example.org:8446'];
    const ftsCredentials = {
      type: 'x509',
      voms: 'escape:/escape/Role=production',
    };
    expect(
      parseEnvironmentSpec({ ...spec, fts, ftsCredentials, daemons: [] })
        .daemons,
    ).toEqual(DEFAULT_DAEMONS);
    expect(
      Object.keys(parseEnvironmentSpec({ ...spec, daemons: [] }).daemons),
    ).toEqual(
      Object.keys(DEFAULT_DAEMONS).filter(d => !FTS_DAEMONS.includes(d)),
    );
  });

  it('warns of conveyor daemons in an environment without FTS3, naming them', async () => {
    const dir = createMockDirectory();
    const spec = parseEnvironmentSpec({
      ...GOLDEN_INPUTS.small,
      daemons: { conveyorTransferSubmitter: { replicas: 1, threads: 2 } },
    });
    await writeFiles(dir.path, generateEnvironment(spec));
    const report = await validateEnvironmentRepo(dir.path);
    expect(report.valid).toBe(true);
    expect(report.findings).toContainEqual({
      severity: 'warning',
      file: 'rucio-environment.yaml',
      message:
        'conveyorTransferSubmitter: these daemons hand transfers to FTS3 or follow them there, and fts names no FTS3 server; add one, or remove them (rucio:environment:upgrade, change daemons)',
    });
    const quiet = await validateEnvironmentRepo(
      path.resolve(__dirname, 'generator/__fixtures__/golden/small'),
    );
    expect(quiet.findings.map(f => f.message).join('\n')).not.toContain('FTS3');
  });

  it('passes only fields the environment spec knows', () => {
    const known = ENVIRONMENT_SPEC_FIELDS as readonly string[];
    const passed = Object.keys(template.spec.steps[0].input.environment);
    expect(passed.filter(key => !known.includes(key))).toEqual([]);
    expect(passed).toEqual(
      expect.arrayContaining([
        'name',
        'baseDomain',
        'database',
        'rses',
        'owner',
      ]),
    );
  });

  it('asks for every required spec field on some page', () => {
    const asked = template.spec.parameters.flatMap(
      (page: { properties: object }) => Object.keys(page.properties),
    );
    for (const field of [
      'name',
      'baseDomain',
      'owner',
      'dbHost',
      'repoUrl',
      'rses',
      'fts',
    ]) {
      expect(asked).toContain(field);
    }
  });
});

describe('templates/rucio-environment-change', () => {
  const change = rucioTemplate('rucio-environment-change');
  const options: Array<{
    properties: Record<string, any>;
    required?: string[];
  }> = change.spec.parameters[1].dependencies.change.oneOf;

  it('fetches, changes, validates and proposes the change, never pushing', () => {
    expect(change.spec.steps.map((s: { action: string }) => s.action)).toEqual([
      'fetch:plain',
      'fetch:plain',
      'rucio:environment:upgrade',
      'rucio:environment:validate',
      'publish:github:pull-request',
      'publish:gitlab:merge-request',
    ]);
  });

  it('offers each change of the action on its own branch of the form', () => {
    const offered = options.map(o => o.properties.change.const);
    expect(offered).toEqual(change.spec.parameters[1].properties.change.enum);
    expect(offered.sort()).toEqual(
      environmentChangeSchema.options.map(o => o.shape.type.value).sort(),
    );
  });

  it('refers only to parameters the form asks for', () => {
    const asked = new Set([
      ...change.spec.parameters.flatMap((page: { properties: object }) =>
        Object.keys(page.properties),
      ),
      ...options.flatMap(o => Object.keys(o.properties)),
    ]);
    const used = [
      ...JSON.stringify(change.spec.steps).matchAll(/parameters\.([A-Za-z]+)/g),
    ].map(m => m[1]);
    expect(used.length).toBeGreaterThan(15);
    expect(used.filter(name => !asked.has(name))).toEqual([]);
  });

  it('offers exactly the daemons of the chart', () => {
    const daemons = options.find(o => o.properties.change.const === 'daemons')!;
    expect(
      [...daemons.properties.daemons.items.properties.name.enum].sort(),
    ).toEqual(chartDaemons().sort());
  });
});
