import {
  rseDrift,
  type DriftItem,
  type RseDefinition,
  type RseRow,
} from '@rucio-portal/plugin-rucio-common';
import type { ValidationFinding } from './ValidationFinding';

function describeItem(item: DriftItem, environment: string) {
  switch (item.kind) {
    case 'missing':
      return `RSE ${item.rse} is declared, but Rucio environment ${environment} does not serve it`;
    case 'undeclared':
      return `RSE ${item.rse} is served by Rucio environment ${environment}, but not declared`;
    default:
      return `${item.kind} ${item.key}: ${item.repository} here, ${item.rucio} in Rucio environment ${environment}`;
  }
}

/**
 * The drift between the workspace's RSE definitions and the RSEs a live
 * environment serves, as the portal's drift check computes it, as warnings.
 */
export function checkLiveDrift(
  definitions: RseDefinition[],
  served: RseRow[],
  environment: string,
): { findings: ValidationFinding[]; items: DriftItem[] } {
  const { items, notRead } = rseDrift(definitions, served);
  const findings: ValidationFinding[] = items.map(item => ({
    severity: 'warning',
    file:
      item.kind === 'undeclared' ? 'base/rses/' : `base/rses/${item.rse}.json`,
    message: describeItem(item, environment),
  }));
  if (notRead.length) {
    findings.push({
      severity: 'warning',
      file: 'base/rses/',
      message: `${
        notRead.length
      } RSEs were compared by name only: the portal has not read their details from Rucio environment ${environment} yet (${notRead
        .slice(0, 5)
        .join(', ')}${notRead.length > 5 ? ', …' : ''})`,
    });
  }
  return { findings, items };
}
