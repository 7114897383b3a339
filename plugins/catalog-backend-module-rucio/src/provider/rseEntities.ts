import type { Entity } from '@backstage/catalog-model';
import {
  RUCIO_ENVIRONMENT_ANNOTATION,
  RUCIO_RSE_ANNOTATION,
  RUCIO_RSE_RESOURCE_TYPE,
  type RseRow,
} from '@internal/plugin-rucio-common';

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
  system?: string;
  webuiUrl?: string;
}

const MAX_NAME = 63;

/** A valid, lower-case entity name from an RSE name. */
export function sanitizeEntityName(value: string): string {
  const cleaned = value
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return cleaned.slice(0, MAX_NAME).replace(/[^a-z0-9]+$/, '') || 'rse';
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
 * The Resource entities for the RSEs of one environment. Names are stable for
 * the same RSE list: on a collision after sanitising, later RSEs (by name)
 * get a numeric suffix.
 */
export function rseEntities(
  env: RseEnvironment,
  rses: RseRow[],
  rules: RseOwnerRules,
  location: string,
): Entity[] {
  const used = new Set<string>();
  const sorted = [...rses].sort((a, b) => (a.name < b.name ? -1 : 1));
  return sorted.map(rse => {
    const base = sanitizeEntityName(`${env.name}-${rse.name}`);
    let name = base;
    for (let i = 2; used.has(name); i++) {
      const suffix = `-${i}`;
      name = `${base.slice(0, MAX_NAME - suffix.length)}${suffix}`;
    }
    used.add(name);
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
        links: env.webuiUrl
          ? [
              {
                url: `${env.webuiUrl.replace(
                  /\/$/,
                  '',
                )}/rse/${encodeURIComponent(rse.name)}`,
                title: 'Rucio WebUI',
              },
            ]
          : [],
      },
      spec: {
        type: RUCIO_RSE_RESOURCE_TYPE,
        owner: ownerOf(rse, env, rules),
        ...(env.system ? { system: env.system } : {}),
      },
    };
    return entity;
  });
}
