import type { RseRow } from '@rucio-portal/plugin-rucio-common';
import {
  generateEnvironment,
  parseEnvironmentSpec,
} from '@rucio-portal/plugin-scaffolder-backend-module-rucio';
import { rseEntities } from './rseEntities';

const row = (name: string): RseRow => ({
  name,
  type: 'DISK',
  availabilityRead: true,
  availabilityWrite: true,
  availabilityDelete: true,
  belowMinFreeSpace: false,
  attributes: {},
});

describe('RSE entities from the generated repository and from the provider', () => {
  it('are one entity per RSE: both name each RSE the same way', () => {
    const spec = parseEnvironmentSpec({
      name: 'prod',
      baseDomain: 'rucio.example.org',
      repoUrl: 'https://git.example.org/rucio-prod',
      tls: { issuer: 'private-ca', caSecretName: 'site-ca' },
      database: { host: 'db.example.org' },
      rses: [
        { name: 'PROD_S3', kind: 's3', bucket: 'data' },
        { name: 'PROD-S3', kind: 's3', bucket: 'other' },
        { name: 'PROD_POSIX', kind: 'posix', path: '/data/' },
        { name: `LONG_${'X'.repeat(54)}_A`, kind: 'posix', path: '/a/' },
        { name: `LONG_${'X'.repeat(54)}_B`, kind: 'posix', path: '/b/' },
      ],
      owner: 'group:default/data-management',
    });
    const catalog = generateEnvironment(spec).find(
      f => f.path === 'catalog-info.yaml',
    )!.content as Array<{ kind: string; metadata: any }>;
    const generated = catalog
      .filter(
        e =>
          e.kind === 'Resource' && e.metadata.annotations['rucio.cern.ch/rse'],
      )
      .map((e): [string, string] => [
        e.metadata.annotations['rucio.cern.ch/rse'],
        e.metadata.name,
      ]);
    const provided = rseEntities(
      { name: 'prod', owner: spec.owner },
      spec.rses.map(r => row(r.name)),
      {},
      'url:https://rucio.example.org',
    ).map((e): [string, string] => [
      e.metadata.annotations!['rucio.cern.ch/rse'],
      e.metadata.name,
    ]);

    expect(new Map(provided)).toEqual(new Map(generated));
    const byName = new Map(
      [...generated, ...provided].map(([rse, name]) => [name, rse]),
    );
    expect(byName.size).toBe(spec.rses.length);
  });
});
