import {
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import type { RseRow } from '@rucio-portal/plugin-rucio-common';
import {
  RucioRseEntityProvider,
  type RseSource,
} from './RucioRseEntityProvider';

function rse(name: string, attributes: RseRow['attributes'] = {}): RseRow {
  return {
    name,
    type: name.includes('TAPE') ? 'TAPE' : 'DISK',
    availabilityRead: true,
    availabilityWrite: true,
    availabilityDelete: true,
    belowMinFreeSpace: false,
    attributes,
  };
}

const config = new ConfigReader({
  rucio: {
    environments: [
      {
        name: 'prod',
        owner: 'group:default/data-management',
        system: 'rucio-prod',
        webui: { url: 'https://webui.example.org/' },
      },
      { name: 'ownerless' },
    ],
  },
  catalog: {
    providers: {
      rucio: {
        ownerByAttribute: {
          attribute: 'site',
          owners: { CERN: 'group:default/cern-storage' },
        },
      },
    },
  },
});

async function run(source: RseSource) {
  const connection = {
    applyMutation: jest.fn(),
    refresh: jest.fn(),
  } satisfies EntityProviderConnection;
  const provider = RucioRseEntityProvider.fromConfig(config, {
    logger: mockServices.logger.mock(),
    taskRunner: { run: async () => {} },
    source,
  });
  await provider.connect(connection);
  await provider.refresh();
  return connection.applyMutation;
}

describe('RucioRseEntityProvider', () => {
  it('emits one owned Resource per RSE, owners by rule, named like the generated catalog-info.yaml', async () => {
    const listRses = jest.fn(async () => [
      rse('SITE_B_TAPE', { owner: 'user:default/alice', site: 'CERN' }),
      rse('SITE.A_DISK', { site: 'CERN' }),
      rse('SITE_A_DISK', { site: 'DESY' }),
    ]);
    const applyMutation = await run({ listRses });

    expect(listRses).toHaveBeenCalledWith('prod');
    expect(listRses).toHaveBeenCalledTimes(1);
    const { type, entities } = applyMutation.mock.calls[0][0];
    expect(type).toBe('full');
    const summary = entities.map(({ entity }: any) => [
      entity.metadata.name,
      entity.metadata.annotations['rucio.cern.ch/rse'],
      entity.spec.owner,
    ]);
    expect(summary).toEqual([
      ['prod-site.a_disk', 'SITE.A_DISK', 'group:default/cern-storage'],
      ['prod-site_a_disk', 'SITE_A_DISK', 'group:default/data-management'],
      ['prod-site_b_tape', 'SITE_B_TAPE', 'user:default/alice'],
    ]);
    expect(entities[2].entity).toMatchObject({
      kind: 'Resource',
      spec: { type: 'rucio-rse' },
      metadata: {
        annotations: { 'rucio.cern.ch/environment': 'prod' },
        links: [
          {
            url: 'https://webui.example.org/rse/SITE_B_TAPE',
            title: 'Rucio WebUI',
          },
        ],
      },
    });
    // Not a part of the System: its page would list every RSE.
    expect(entities[2].entity.spec).not.toHaveProperty('system');
  });

  it('emits entities the catalog accepts', async () => {
    const applyMutation = await run({
      listRses: async () => [rse('SITE_B_TAPE', {}), rse('SITE.A_DISK', {})],
    });
    const { entities } = applyMutation.mock.calls[0][0];
    // The catalog's own policies: a relative link, for one, fails
    // "links.0.url is not valid" and the RSE never appears.
    const policy = EntityPolicies.allOf([
      new DefaultNamespaceEntityPolicy(),
      new NoForeignRootFieldsEntityPolicy(),
      new FieldFormatEntityPolicy(),
      new SchemaValidEntityPolicy(),
    ]);
    expect(entities).toHaveLength(2);
    for (const { entity } of entities) {
      await expect(policy.enforce(entity)).resolves.toBeDefined();
    }
  });

  it('keeps names distinct that would collide after cleaning', async () => {
    const applyMutation = await run({
      listRses: async () => [rse('A B'), rse('A#B')],
    });
    const names = applyMutation.mock.calls[0][0].entities.map(
      ({ entity }: any) => entity.metadata.name,
    );
    expect(new Set(names).size).toBe(2);
    for (const name of names) expect(name).toMatch(/^prod-a-b-[0-9a-f]{8}$/);
  });

  it('removes RSEs that disappeared by applying a full mutation of what remains', async () => {
    let rses = [rse('ONE'), rse('TWO')];
    const applyMutation = await run({ listRses: async () => rses });
    rses = [rse('ONE')];
    // second run of the same provider is done by run() anew; emulate the schedule
    const second = await run({ listRses: async () => rses });
    expect(applyMutation.mock.calls[0][0].entities).toHaveLength(2);
    expect(second.mock.calls[0][0]).toMatchObject({
      type: 'full',
      entities: [{ entity: { metadata: { name: 'prod-one' } } }],
    });
  });

  it('keeps the catalog untouched when an environment cannot be read', async () => {
    const applyMutation = await run({
      listRses: async () => {
        throw new Error('503 from rucio backend');
      },
    });
    expect(applyMutation).not.toHaveBeenCalled();
  });
});
