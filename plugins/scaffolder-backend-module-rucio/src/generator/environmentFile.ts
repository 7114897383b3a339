import { parse } from 'yaml';
import { parseEnvironmentSpec, type EnvironmentSpec } from './EnvironmentSpec';
import type { GeneratedFile } from './GeneratedFile';

/** The validated input the repository regenerates from, at its root. */
export const ENVIRONMENT_FILE = 'rucio-environment.yaml';
const API_VERSION = 'rucio.cern.ch/v1alpha1';
const KIND = 'RucioEnvironment';

/**
 * The spec with every default made explicit. It holds Secret names only,
 * never their values.
 */
export function environmentFile(spec: EnvironmentSpec): GeneratedFile {
  return {
    path: ENVIRONMENT_FILE,
    content: {
      apiVersion: API_VERSION,
      kind: KIND,
      metadata: { name: spec.name },
      spec,
    },
  };
}

/** Reads rucio-environment.yaml back; errors name the field and the rule. */
export function readEnvironmentFile(text: string): EnvironmentSpec {
  const doc = parse(text) as
    | { apiVersion?: unknown; kind?: unknown; spec?: unknown }
    | undefined;
  if (doc?.apiVersion !== API_VERSION || doc?.kind !== KIND) {
    throw new Error(
      `${ENVIRONMENT_FILE} must have apiVersion ${API_VERSION} and kind ${KIND}`,
    );
  }
  return parseEnvironmentSpec(doc.spec);
}
