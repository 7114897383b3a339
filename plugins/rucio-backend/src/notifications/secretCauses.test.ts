import type { EnvironmentSnapshot } from '@rucio-portal/plugin-rucio-common';
import { result, snapshot } from '../__testUtils__/notificationScenario';
import { secretCauses } from './secretCauses';

const withSecrets = (
  secrets: Array<{ name: string; status: string; usedBy: string[] }>,
) =>
  ({
    ...snapshot,
    checks: {
      secrets: result('secrets', {
        namespace: 'rucio',
        externalSecrets: [],
        secrets: secrets.map(s => ({
          source: 'external-secret',
          keys: [],
          message: `Secret ${s.name}, needed by ${s.usedBy.join(
            ', ',
          )}, does not sync.`,
          ...s,
        })),
      }),
    },
  } as unknown as EnvironmentSnapshot);

describe('secretCauses', () => {
  it('tells of the Secrets Rucio pods need and that do not sync, in one critical cause', () => {
    const causes = secretCauses(
      withSecrets([
        { name: 'a', status: 'error', usedBy: ['server'] },
        { name: 'b', status: 'error', usedBy: ['daemons-reaper'] },
        { name: 'unused', status: 'error', usedBy: [] },
        { name: 'fine', status: 'ok', usedBy: ['server'] },
        { name: 'c', status: 'error', usedBy: ['webui'] },
        { name: 'd', status: 'error', usedBy: ['webui'] },
      ]),
    );
    expect(causes).toEqual([
      expect.objectContaining({
        key: 'secrets:not-synced',
        kind: 'secrets',
        severity: 'critical',
        shownIn: 'secrets',
        title:
          '4 Secrets the Rucio pods need do not sync: a, b, c … and 1 more',
      }),
    ]);
    expect(causes[0].description).toContain('Secret a, needed by server');
  });

  it('names the one Secret and its Deployments', () => {
    expect(
      secretCauses(
        withSecrets([
          { name: 'rucio-db', status: 'error', usedBy: ['server', 'auth'] },
        ]),
      )[0].title,
    ).toBe('Secret rucio-db does not sync; 2 Rucio Deployments need it');
    expect(
      secretCauses(
        withSecrets([{ name: 'x', status: 'warning', usedBy: ['server'] }]),
      ),
    ).toEqual([]);
  });
});
