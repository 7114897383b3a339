import type { Entity } from '@backstage/catalog-model';
import {
  RUCIO_ENVIRONMENT_ANNOTATION,
  RUCIO_RSE_ANNOTATION,
  RUCIO_RSE_RESOURCE_TYPE,
  rseEntityName,
  rseWebUiUrl,
  type RseRow,
} from '@rucio-portal/plugin-rucio-common';

/** How the owner of an RSE entity is chosen; the first rule that matches wins. */
export interface RseOwnerRules {
  /** An RSE attribute whose value is the owner's entity ref, e.g. `owner`. */
  ownerAttribute?: string;
  /** Owners by the value of another attribute, e.g. `site` or `country`. */
  byAttribute?: { attribute: string; owners: Record<string, string> };
}

/** One configured environment, as far as the catalog cares. */
export interface RseEnvironment {
  name: string;
  owner: string;
  webuiUrl?: string;
}

function ownerOf(
  rse: RseRow,
  env: RseEnvironment,
  rules: RseOwnerRules,
): string {
  if (rules.ownerAttribute) {
    const value = rse.attributes[rules.ownerAttribute];
    if (typeof value === 'string' && value.trim()) {
      return value.trim();
    }
  }
  if (rules.byAttribute) {
    const key = rse.attributes[rules.byAttribute.attribute];
    const owner =
      typeof key === 'string' ? rules.byAttribute.owners[key] : undefined;
    if (owner) {
      return owner;
    }
  }
  return env.owner;
}

/**
 * The Resource entities for the RSEs of one environment, named with
 * `rseEntityName` like the generated repository's `catalog-info.yaml`.
 */
export function rseEntities(
  env: RseEnvironment,
  rses: RseRow[],
  rules: RseOwnerRules,
  location: string,
): Entity[] {
  const sorted = [...rses].sort((a, b) => (a.name < b.name ? -1 : 1));
  return sorted.map(rse => {
    const name = rseEntityName(env.name, rse.name);
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name,
        title: rse.name,
        description: `${rse.type} RSE ${rse.name} of the Rucio environment ${env.name}`,
        annotations: {
          'backstage.io/managed-by-location': location,
          'backstage.io/managed-by-origin-location': location,
          [RUCIO_ENVIRONMENT_ANNOTATION]: env.name,
          [RUCIO_RSE_ANNOTATION]: rse.name,
        },
        tags: [rse.type.toLowerCase()],
        links: [
          ...(env.webuiUrl
            ? [
                {
                  url: rseWebUiUrl(env.webuiUrl, rse.name),
                  title: 'Rucio WebUI',
                },
              ]
            : []),
        ],
      },
      // No spec.system: a System with a thousand RSEs as its parts would list
      // them all on its page and draw them all in its relations graph. The
      // RSE card links to the environment's Rucio tab instead (catalog links
      // must be absolute URLs).
      spec: {
        type: RUCIO_RSE_RESOURCE_TYPE,
        owner: ownerOf(rse, env, rules),
      },
    };
    return entity;
  });
}
