import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { defaultCatalogCollatorEntityTransformer } from '@backstage/plugin-search-backend-module-catalog';
import { PgSearchEngine } from '@backstage/plugin-search-backend-module-pg';
import {
  LunrSearchEngine,
  type SearchEngine,
} from '@backstage/plugin-search-backend-node';
import type { RseRow } from '@rucio-portal/plugin-rucio-common';
import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import YAML from 'yaml';
import { rseEntities } from './rseEntities';

// The machine's PostgreSQL (127.0.0.1:5432, trust), as every store test uses.
const PG = { host: '127.0.0.1', port: 5432, user: 'postgres' };

/**
 * A federation the size of a large experiment's: 40 sites with 25 spaces
 * each, names in the WLCG style (site, underscore, space token), so that most
 * names share a site or a space with dozens of others.
 */
const SITES = [
  'CERN-PROD',
  'PIC',
  'IN2P3-CC',
  'INFN-T1',
  'RAL-LCG2',
  'NDGF-T1',
  'BNL-OSG2',
  'TRIUMF-LCG2',
  'TAIWAN-LCG2',
  'FZK-LCG2',
  'SARA-MATRIX',
  'NIKHEF-ELPROD',
  'DESY-HH',
  'DESY-ZN',
  'MWT2',
  'AGLT2',
  'SWT2_CPB',
  'NET2',
  'PRAGUELCG2',
  'IFIC-LCG2',
  'IFAE',
  'LRZ-LMU',
  'MPPMU',
  'UKI-NORTHGRID-MAN-HEP',
  'UKI-SCOTGRID-GLASGOW',
  'UKI-LT2-QMUL',
  'CA-SFU-T2',
  'TOKYO-LCG2',
  'AUSTRALIA-ATLAS',
  'WEIZMANN-LCG2',
  'TECHNION-HEP',
  'RRC-KI-T1',
  'JINR-T1',
  'BEIJING-LCG2',
  'NCG-INGRID-PT',
  'GRIF-LAL',
  'GRIF-IRFU',
  'LAPP',
  'CPPM',
  'CSCS-LCG2',
];
const SPACES = [
  'DATADISK',
  'SCRATCHDISK',
  'MCTAPE',
  'DATATAPE',
  'LOCALGROUPDISK',
  'LOCALGROUPTAPE',
  'MCDISK',
  'PHYS-HIGGS',
  'PHYS-SM',
  'PHYS-TOP',
  'CALIBDISK',
  'PRODDISK',
  'USERDISK',
  'GROUPDISK',
  'HOTDISK',
  'DET-LARG',
  'TZDISK',
  'NEARLINE',
  'BACKUP',
  'TAPE',
  'S3',
  'DISK',
  'MCTAPE_2',
  'DATADISK_2',
  'STAGING',
];

function rse(name: string): RseRow {
  return {
    name,
    type: /TAPE|NEARLINE|BACKUP/.test(name) ? 'TAPE' : 'DISK',
    availabilityRead: true,
    availabilityWrite: true,
    availabilityDelete: true,
    belowMinFreeSpace: false,
    attributes: {},
  };
}

/** The catalog's own documents for the 1,000 RSEs and the demo's catalog. */
function documents() {
  const rses = SITES.flatMap(site =>
    SPACES.map(space => rse(`${site}_${space}`)),
  );
  const entities = [
    ...rseEntities(
      { name: 'atlas', owner: 'group:default/data-management' },
      rses,
      {},
      'url:https://rucio.example.org',
    ),
    ...YAML.parseAllDocuments(
      fs.readFileSync(
        path.resolve(__dirname, '../../../../examples/entities.yaml'),
        'utf8',
      ),
    ).map(d => d.toJS()),
  ];
  return entities.map(entity => ({
    ...defaultCatalogCollatorEntityTransformer(entity),
    location: `/catalog/default/${entity.kind.toLowerCase()}/${
      entity.metadata.name
    }`,
    authorization: { resourceRef: stringifyEntityRef(entity) },
  }));
}

async function index(engine: SearchEngine, order: 'ascending' | 'descending') {
  const docs = documents();
  if (order === 'descending') docs.reverse();
  const indexer = await engine.getIndexer('software-catalog');
  await new Promise<void>((resolve, reject) => {
    indexer.on('finish', resolve).on('error', reject);
    for (const doc of docs) indexer.write(doc);
    indexer.end();
  });
}

const QUERIES = [
  'PIC_MCTAPE',
  'pic_mctape',
  'CERN-PROD_DATADISK',
  'PIC_MCTAPE_2',
  'MWT2_DATADISK',
  'SWT2_CPB_SCRATCHDISK',
  'UKI-SCOTGRID-GLASGOW_LOCALGROUPDISK',
];

describe('catalog search for an RSE name', () => {
  const prefix = `rse_search_${Date.now().toString(36)}`;
  const databases: string[] = [];
  const clients: Knex[] = [];
  let admin: Knex;

  beforeAll(() => {
    admin = knexFactory({
      client: 'pg',
      connection: { ...PG, database: 'postgres' },
    });
  });
  afterAll(async () => {
    await Promise.all(clients.map(c => c.destroy()));
    for (const database of databases) {
      await admin.raw(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    }
    await admin.destroy();
  });

  /** An empty database for each index, so that no row order carries over. */
  async function newDatabase() {
    const database = `${prefix}_${databases.length}`;
    await admin.raw(`CREATE DATABASE ${database}`);
    databases.push(database);
    const knex = knexFactory({ client: 'pg', connection: { ...PG, database } });
    clients.push(knex);
    return knex;
  }

  const engines: Record<string, () => Promise<SearchEngine>> = {
    // Production's engine (app-config.production.yaml: PostgreSQL), with the
    // search settings that file gives.
    postgres: async () => {
      const knex = await newDatabase();
      return PgSearchEngine.fromConfig(
        new ConfigReader(
          YAML.parse(
            fs.readFileSync(
              path.resolve(__dirname, '../../../../app-config.production.yaml'),
              'utf8',
            ),
          ),
        ),
        {
          database: { getClient: async () => knex },
          logger: mockServices.logger.mock(),
        },
      );
    },
    // The engine the search backend falls back to on SQLite (the demo).
    lunr: async () =>
      new LunrSearchEngine({ logger: mockServices.logger.mock() }),
  };

  // Equal scores keep the order of indexing, so each engine is given the
  // names both ways round: PIC_MCTAPE_2 before PIC_MCTAPE, and after.
  it.each(
    Object.keys(engines).flatMap(kind =>
      (['ascending', 'descending'] as const).map(
        order => [kind, order] as const,
      ),
    ),
  )(
    'ranks the exact name first on %s, names indexed %s',
    async (kind, order) => {
      const engine = await engines[kind]();
      await index(engine, order);
      for (const term of QUERIES) {
        const { results } = await engine.query({ term, pageLimit: 25 });
        expect([term, results[0]?.document.title]).toEqual([
          term,
          term.toUpperCase(),
        ]);
      }
    },
  );
});
