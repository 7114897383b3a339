import { useApiHolder } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { rseEntityName } from '@rucio-portal/plugin-rucio-common';
import useAsync from 'react-use/esm/useAsync';

/**
 * The owner of each named RSE, from its Resource entity in the catalog
 * (named by `rseEntityName`, as the catalog module and the generated
 * repositories name them). Empty without a catalog or on failure: owners
 * are a help, not the figures.
 */
export function useRseOwners(
  environment: string | undefined,
  rses: string[],
): Map<string, string> {
  const catalog = useApiHolder().get(catalogApiRef);
  const key = [...new Set(rses)].sort().join('\n');
  const { value } = useAsync(async () => {
    const owners = new Map<string, string>();
    if (!catalog || !environment || !key) return owners;
    const names = key.split('\n');
    const { items } = await catalog.getEntitiesByRefs({
      entityRefs: names.map(
        rse => `resource:default/${rseEntityName(environment, rse)}`,
      ),
      fields: ['spec.owner'],
    });
    items.forEach((entity, i) => {
      const owner = entity?.spec?.owner;
      if (typeof owner === 'string') owners.set(names[i], owner);
    });
    return owners;
  }, [catalog, environment, key]);
  return value ?? new Map();
}
