import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ENVIRONMENT_SPEC_FIELDS } from './generator/EnvironmentSpec';

const template = parse(
  readFileSync(
    path.resolve(
      __dirname,
      '../../../templates/rucio-environment/template.yaml',
    ),
    'utf8',
  ),
);

describe('templates/rucio-environment', () => {
  it('uses our actions and the built-in publish and register steps', () => {
    expect(
      template.spec.steps.map((s: { action: string }) => s.action),
    ).toEqual([
      'rucio:environment:create',
      'rucio:environment:validate',
      'publish:github',
      'catalog:register',
    ]);
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
