import { rseDrift } from '@rucio-portal/plugin-rucio-common';
import type { Check } from './Check';

/** The snapshot keeps this many differences; the total is always counted. */
export const MAX_DRIFT_ITEMS = 200;

/**
 * The RSEs the environment repository declares against those Rucio serves in
 * this collection (the RSE check's table): missing, undeclared, and per RSE
 * the attributes, protocols and limits the bootstrap Job would change.
 */
export const driftCheck: Check<'drift'> = {
  id: 'drift',
  afterRses: true,
  async run({ env, clients, signal, currentRses }) {
    if (!clients.repository) {
      return {
        status: 'unconfigured',
        message: 'The catalog and URL readers are not available to this check.',
      };
    }
    let where;
    try {
      where = await clients.repository.locate(env.name);
    } catch (error) {
      return {
        status: 'unknown',
        message: `Could not find the environment repository in the catalog: ${
          (error as Error)?.message ?? error
        }`,
      };
    }
    if ('missing' in where) {
      return { status: 'unconfigured', message: where.missing };
    }
    let repository;
    try {
      repository = await clients.repository.readRses(
        env.name,
        where,
        env.repository,
        signal,
      );
    } catch (error) {
      return {
        status: 'unknown',
        message: `Could not read the RSEs of ${where.entityRef} at ${
          where.location
        }: ${(error as Error)?.message ?? error}`,
      };
    }
    const served = await currentRses?.();
    if (!served) {
      return {
        status: 'unknown',
        message: `The repository at ${where.location} declares ${repository.definitions.length} RSEs; Rucio's RSEs could not be read in this collection to compare.`,
      };
    }
    const drift = rseDrift(repository.definitions, served);
    const total = drift.items.length;
    const pending = drift.notRead.length
      ? ` ${drift.notRead.length} declared RSEs not compared yet (their details are read on a rotation).`
      : '';
    return {
      status: total ? 'warning' : 'ok',
      message: `${
        total
          ? `${total} ${total === 1 ? 'difference' : 'differences'} between ${
              where.location
            } and Rucio (first: ${drift.items[0].rse} ${drift.items[0].kind}${
              drift.items[0].key ? ` ${drift.items[0].key}` : ''
            }).`
          : `Rucio serves the ${repository.definitions.length} RSEs of ${where.location} as declared.`
      }${pending}`,
      details: {
        location: where.location,
        entityRef: where.entityRef,
        readAt: repository.readAt,
        declared: repository.definitions.length,
        served: served.length,
        compared: drift.compared,
        notRead: drift.notRead.length,
        items: drift.items.slice(0, MAX_DRIFT_ITEMS),
        total,
        counts: drift.counts,
      },
    };
  },
};
