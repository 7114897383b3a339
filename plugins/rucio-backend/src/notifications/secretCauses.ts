import type { EnvironmentSnapshot } from '@rucio-portal/plugin-rucio-common';
import type { Cause } from './notificationCauses';

/** Names shown in a title before "… and N more". */
const NAMED = 3;

/**
 * The Secrets that Rucio Deployments need and that are missing or whose
 * ExternalSecret does not sync, in one cause: the pods run on until they
 * restart, then cannot start.
 */
export function secretCauses(snapshot: EnvironmentSnapshot): Cause[] {
  const needed = (snapshot.checks.secrets?.details?.secrets ?? []).filter(
    s => s.status === 'error' && s.usedBy.length,
  );
  if (!needed.length) return [];
  const names = needed.map(s => s.name);
  const more = names.length - NAMED;
  return [
    {
      key: 'secrets:not-synced',
      kind: 'secrets',
      stage: 'not-synced',
      severity: 'critical',
      title:
        names.length === 1
          ? `Secret ${names[0]} does not sync; ${
              needed[0].usedBy.length
            } Rucio ${
              needed[0].usedBy.length === 1
                ? 'Deployment needs'
                : 'Deployments need'
            } it`
          : `${names.length} Secrets the Rucio pods need do not sync: ${names
              .slice(0, NAMED)
              .join(', ')}${more > 0 ? ` … and ${more} more` : ''}`,
      description: needed
        .slice(0, 5)
        .map(s => s.message)
        .join(' '),
      shownIn: 'secrets',
    },
  ];
}
