import { rseDrift, type RseDefinition, type ServedRse } from './rseDrift';

const READ = '2026-11-30T12:00:00.000Z';

const declared: RseDefinition = {
  rse: 'SITE_A_DISK',
  rse_type: 'DISK',
  attributes: { tier: 1, istape: false, fts: 'https://fts:8446' },
  protocols: [
    {
      scheme: 'davs',
      hostname: 'webdav.site-a.example.org',
      port: 443,
      prefix: '/rucio/',
      impl: 'rucio.rse.protocols.gfal.Default',
      domains: {
        wan: { read: 1, write: 1, third_party_copy_read: null },
      },
    },
  ],
  limits: { MinFreeSpace: 10_000_000_000 },
};

// As Rucio answers: attribute values as strings except booleans, every
// operation of a domain filled in, limits it set itself.
const served: ServedRse = {
  name: 'SITE_A_DISK',
  attributes: {
    tier: '1',
    istape: false,
    fts: 'https://fts:8446',
    city: 'Geneva',
  },
  protocols: [
    {
      scheme: 'davs',
      hostname: 'webdav.site-a.example.org',
      port: 443,
      prefix: '/rucio/',
      impl: 'rucio.rse.protocols.gfal.Default',
      domains: {
        lan: { read: 0, write: 0, delete: 0 },
        wan: { read: 1, write: 1, delete: 0, third_party_copy_read: null },
      },
      extended_attributes: null,
    },
  ],
  limits: { MinFreeSpace: 10_000_000_000, MaxBeingDeletedFiles: 1000 },
  detailsCheckedAt: READ,
};

describe('rseDrift', () => {
  it('finds nothing where Rucio serves what is declared, in its own shapes', () => {
    expect(rseDrift([declared], [served])).toEqual({
      items: [],
      compared: 1,
      notRead: [],
    });
  });

  it('names each difference with the value on both sides', () => {
    const changed: ServedRse = {
      ...served,
      attributes: { ...served.attributes, tier: '2', istape: 'False' },
      protocols: [
        {
          ...served.protocols![0],
          prefix: '/other/',
          domains: { wan: { read: 1, write: 0 } },
        },
        { scheme: 'root', hostname: 'xrootd', port: 1094, prefix: '/' },
      ],
      limits: { MaxBeingDeletedFiles: 1000 },
    };
    const result = rseDrift(
      [{ ...declared, attributes: { ...declared.attributes, site: 'A' } }],
      [{ ...changed, attributes: { ...changed.attributes } }],
    );
    expect(result.items).toEqual([
      {
        rse: 'SITE_A_DISK',
        kind: 'attribute',
        key: 'tier',
        repository: '1',
        rucio: '2',
      },
      // A boolean compares only with a boolean, as Rucio stores it.
      {
        rse: 'SITE_A_DISK',
        kind: 'attribute',
        key: 'istape',
        repository: 'false',
        rucio: 'False',
      },
      {
        rse: 'SITE_A_DISK',
        kind: 'attribute',
        key: 'site',
        repository: 'A',
        rucio: 'absent',
      },
      {
        rse: 'SITE_A_DISK',
        kind: 'protocol',
        key: 'davs://webdav.site-a.example.org:443 prefix',
        repository: '/rucio/',
        rucio: '/other/',
      },
      {
        rse: 'SITE_A_DISK',
        kind: 'protocol',
        key: 'davs://webdav.site-a.example.org:443 domains',
        repository: '{"wan":{"read":1,"third_party_copy_read":null,"write":1}}',
        rucio: '{"wan":{"read":1,"write":0}}',
      },
      {
        rse: 'SITE_A_DISK',
        kind: 'protocol',
        key: 'root://xrootd:1094',
        repository: 'absent',
        rucio: 'root://xrootd:1094',
      },
      {
        rse: 'SITE_A_DISK',
        kind: 'limit',
        key: 'MinFreeSpace',
        repository: '10000000000',
        rucio: 'absent',
      },
    ]);
  });

  it('lists RSEs on one side only, and declared protocols Rucio lacks', () => {
    const result = rseDrift(
      [
        {
          ...declared,
          protocols: [
            ...declared.protocols!,
            { scheme: 's3', hostname: 'h', port: 443 },
          ],
        },
        { rse: 'SITE_B_S3' },
      ],
      [served, { name: 'SITE_C_TAPE', attributes: {}, detailsCheckedAt: READ }],
    );
    expect(result.items).toEqual([
      {
        rse: 'SITE_A_DISK',
        kind: 'protocol',
        key: 's3://h:443',
        repository: 's3://h:443',
        rucio: 'absent',
      },
      {
        rse: 'SITE_B_S3',
        kind: 'missing',
        repository: 'declared',
        rucio: 'absent',
      },
      {
        rse: 'SITE_C_TAPE',
        kind: 'undeclared',
        repository: 'absent',
        rucio: 'served',
      },
    ]);
  });

  it('compares RSEs whose details were not read yet by presence only', () => {
    const { detailsCheckedAt: _, ...unread } = served;
    const result = rseDrift(
      [{ ...declared, attributes: { tier: 0 } }],
      [{ ...unread, attributes: {} }],
    );
    expect(result).toEqual({
      items: [],
      compared: 0,
      notRead: ['SITE_A_DISK'],
    });
  });
});
