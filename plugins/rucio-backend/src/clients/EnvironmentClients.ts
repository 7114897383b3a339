import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { readFileSync } from 'node:fs';
import type { Agent } from 'undici';
import type { EnvironmentConfig } from '../config/readEnvironmentConfigs';
import { createDispatcher } from './createDispatcher';
import { FtsClient } from './FtsClient';
import { KubernetesReader } from './KubernetesReader';
import { RucioClient } from './RucioClient';

/** One client per upstream of one environment, built once at start-up. */
export interface EnvironmentClients {
  rucio: RucioClient;
  fts: FtsClient[];
  kubernetes?: KubernetesReader;
  /** For the WebUI: the Rucio CA bundle, no client certificate. */
  webDispatcher: Agent;
  tlsCa?: Buffer;
}

export function createEnvironmentClients(
  env: EnvironmentConfig,
  index: number,
  deps: { discovery: DiscoveryService; auth: AuthService },
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
    webDispatcher: createDispatcher(
      { caFile: env.rucio.caFile },
      `${key}.rucio`,
    ),
    tlsCa: env.tls.caFile ? readFileSync(env.tls.caFile) : undefined,
  };
}
