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
      counts: {
        missing: 0,
        undeclared: 0,
        protocol: 0,
        limit: 0,
        attribute: 0,
      },
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
    // What matters first: protocols, then limits, then attributes; by key.
    expect(result.items).toEqual([
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
        key: 'davs://webdav.site-a.example.org:443 prefix',
        repository: '/rucio/',
        rucio: '/other/',
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
        kind: 'attribute',
        key: 'tier',
        repository: '1',
        rucio: '2',
      },
    ]);
    expect(result.counts).toEqual({
      missing: 0,
      undeclared: 0,
      protocol: 3,
      limit: 1,
      attribute: 3,
    });
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
    // Whole RSEs first, though SITE_A_DISK sorts before them by name.
    expect(result.items).toEqual([
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
      {
        rse: 'SITE_A_DISK',
        kind: 'protocol',
        key: 's3://h:443',
        repository: 's3://h:443',
        rucio: 'absent',
      },
    ]);
  });

  it('compares RSEs whose details were not read yet by presence only', () => {
    const { detailsCheckedAt: _, ...unread } = served;
    const result = rseDrift(
      [{ ...declared, attributes: { tier: 0 } }],
      [{ ...unread, attributes: {} }],
    );
    expect(result).toMatchObject({
      items: [],
      compared: 0,
      notRead: ['SITE_A_DISK'],
    });
  });
});

describe('rseDrift against what Rucio 40.4.1 serves', () => {
  // GET /rses/CERN-PROD_DATADISK_75/attr/, /protocols and /limits, recorded
  // (packages/rucio-demo/fixtures/rucio-40.4.1/recordings 06, 08, 09): Rucio
  // serves the RSE's own name as an attribute (add_rse writes it), protocols
  // with extended_attributes null.
  const recorded: ServedRse = {
    name: 'CERN-PROD_DATADISK_75',
    attributes: {
      'CERN-PROD_DATADISK_75': true,
      country: 'CH',
      country_name: 'CH',
      istape: false,
      owner: 'user:default/jdoe',
      site: 'CERN-PROD',
      tier: '0',
    },
    protocols: [
      {
        domains: {
          lan: { delete: 1, read: 1, write: 1 },
          wan: {
            delete: 1,
            read: 1,
            third_party_copy_read: 1,
            third_party_copy_write: 1,
            write: 1,
          },
        },
        extended_attributes: null,
        hostname: 'https.cern-prod.example.org',
        impl: 'rucio.rse.protocols.gfal.Default',
        port: 443,
        prefix: '/rucio/cern-prod_datadisk_75/',
        scheme: 'https',
      },
    ],
    limits: { MinFreeSpace: 119202352523803 },
    detailsCheckedAt: READ,
  };
  /** The definition that declares an RSE exactly as it is served. */
  const asServed = (rse: ServedRse): RseDefinition => ({
    rse: rse.name,
    rse_type: 'DISK',
    attributes: rse.attributes,
    protocols: rse.protocols,
    limits: rse.limits,
  });

  it('finds nothing in a repository that declares each RSE as served, its own-name attribute too', () => {
    expect(rseDrift([asServed(recorded)], [recorded]).items).toEqual([]);
  });

  it('finds exactly the five differences among 1,000 RSEs, what matters first', () => {
    const thousand = Array.from({ length: 1000 }, (_, i) => {
      const name = `RSE_${String(i).padStart(4, '0')}`;
      return {
        ...recorded,
        name,
        attributes: { ...recorded.attributes, [name]: true },
      };
    });
    const definitions = thousand.map(asServed);
    definitions[10].attributes = { ...definitions[10].attributes, tier: '1' };
    definitions[20].protocols = [{ ...recorded.protocols![0], port: 8443 }];
    definitions[30].limits = { MinFreeSpace: 1 };
    definitions.push({ rse: 'RSE_NOT_IN_RUCIO' });
    const undeclared = definitions.splice(40, 1)[0].rse;

    const result = rseDrift(definitions, thousand);
    expect(result.items.map(i => [i.kind, i.rse, i.key])).toEqual([
      ['missing', 'RSE_NOT_IN_RUCIO', undefined],
      ['undeclared', undeclared, undefined],
      ['protocol', 'RSE_0020', 'https://https.cern-prod.example.org:443'],
      ['protocol', 'RSE_0020', 'https://https.cern-prod.example.org:8443'],
      ['limit', 'RSE_0030', 'MinFreeSpace'],
      ['attribute', 'RSE_0010', 'tier'],
    ]);
    expect(result.counts).toEqual({
      missing: 1,
      undeclared: 1,
      protocol: 2,
      limit: 1,
      attribute: 1,
    });
    expect(result.compared).toBe(999);
  });
});
