import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import type { Agent } from 'undici';
import type { EnvironmentConfig } from '../config/readEnvironmentConfigs';
import { createDispatcher } from './createDispatcher';
import type { EnvironmentRepository } from './EnvironmentRepository';
import { FtsClient } from './FtsClient';
import { KubernetesReader } from './KubernetesReader';
import { RucioClient } from './RucioClient';
import { RucioDatabase } from './RucioDatabase';

/** One client per upstream of one environment, built once at start-up. */
export interface EnvironmentClients {
  rucio: RucioClient;
  fts: FtsClient[];
  kubernetes?: KubernetesReader;
  /** Rucio's own tables, read-only, when `database.rucio` is configured. */
  rucioDatabase?: RucioDatabase;
  /** For the WebUI: the Rucio CA bundle, no client certificate. */
  webDispatcher: Agent;
  /** What the TLS probe trusts; undefined means Node's own roots. */
  tlsCa?: Array<string | Buffer>;
  /** The environment repository, found through the catalog (shared by all environments). */
  repository?: EnvironmentRepository;
}

/**
 * The CAs the TLS probe trusts: Node's public roots plus the bundles in
 * `tls.caFile` and `rucio.caFile` (grid hosts are often signed by the CA the
 * Rucio hosts use). Setting `ca` replaces Node's roots, so they are added.
 */
export function trustedCas(
  env: Pick<EnvironmentConfig, 'tls' | 'rucio'>,
): Array<string | Buffer> | undefined {
  const files = [env.tls.caFile, env.rucio.caFile].filter(
    (f): f is string => !!f,
  );
  if (!files.length) return undefined;
  return [...rootCertificates, ...files.map(f => readFileSync(f))];
}

export function createEnvironmentClients(
  env: EnvironmentConfig,
  index: number,
  deps: {
    discovery: DiscoveryService;
    auth: AuthService;
    repository?: EnvironmentRepository;
  },
): EnvironmentClients {
  const key = `rucio.environments[${index}]`;
  return {
    rucio: RucioClient.fromEnvironment(env, key),
    fts: env.fts.map((server, i) =>
      FtsClient.fromConfig(server, `${key}.fts[${i}]`),
    ),
    kubernetes: env.kubernetes
      ? KubernetesReader.create({ ...deps, cluster: env.kubernetes.cluster })
      : undefined,
    rucioDatabase: env.database?.rucio
      ? RucioDatabase.fromConfig(env.database.rucio)
      : undefined,
    webDispatcher: createDispatcher(
      { caFile: env.rucio.caFile },
      `${key}.rucio`,
    ),
    tlsCa: trustedCas(env),
    repository: deps.repository,
  };
}
