import { ConfigReader } from '@backstage/config';
import type { EnvironmentSnapshot } from '@rucio-portal/plugin-rucio-common';
import { readEnvironmentConfigs } from '../config/readEnvironmentConfigs';
import { notificationCauses } from './notificationCauses';

function environment(extra: Record<string, unknown> = {}) {
  return readEnvironmentConfigs(
    new ConfigReader({
      rucio: {
        environments: [
          {
            name: 'prod',
            rucio: { url: 'https://rucio.example.org', token: 't' },
            fts: [{ url: 'https://fts3.example.org:8446' }],
            ...extra,
          },
        ],
      },
    } as any),
  )[0];
}

import {
  result,
  row,
  rows,
  snapshot,
} from '../__testUtils__/notificationScenario';

describe('notificationCauses', () => {
  it('tells of each service that does not answer, after two collections, as critical', () => {
    const failing = (check: string, message: string, details?: unknown) => ({
      ...result(check, details),
      status: 'error',
      message,
    });
    const down = {
      ...snapshot,
      checks: {
        server: failing(
          'server',
          'Rucio server https://rucio.example.org refused the connection.',
        ),
        auth: { ...result('auth', undefined), status: 'ok' },
        webui: failing('webui', 'WebUI did not answer.'),
        database: failing(
          'database',
          'PostgreSQL db:5432/rucio did not answer in time.',
          {
            pgbouncer: {
              pools: [],
              error: 'PgBouncer pgb:6432 refused the connection',
            },
          },
        ),
        fts: result('fts', {
          servers: [
            {
              url: 'https://fts3.example.org:8446',
              status: 'error',
              message: 'FTS3 refused the connection',
            },
            {
              url: 'https://fts3b.example.org:8446',
              status: 'error',
              version: '3.13.4',
              message: 'proxy expired',
            },
          ],
        }),
      },
    } as unknown as EnvironmentSnapshot;
    const causes = notificationCauses(
      down,
      [],
      environment({
        database: {
          postgres: { host: 'db', database: 'rucio', user: 'monitor' },
          pgbouncer: {
            host: 'pgb',
            port: 6432,
            database: 'pgbouncer',
            user: 'stats',
          },
        },
      }),
    ).filter(c => c.kind === 'outages');
    expect(
      causes.map(c => [
        c.key,
        c.severity,
        c.afterCollections,
        c.title,
        c.description,
      ]),
    ).toEqual([
      [
        'outage:server',
        'critical',
        2,
        'The Rucio server is unreachable or failing',
        'Rucio server https://rucio.example.org refused the connection.',
      ],
      [
        'outage:webui',
        'critical',
        2,
        'The Rucio WebUI is unreachable or failing',
        'WebUI did not answer.',
      ],
      [
        'outage:postgres',
        'critical',
        2,
        'PostgreSQL is unreachable or failing',
        'PostgreSQL db:5432/rucio did not answer in time.',
      ],
      [
        'outage:pgbouncer',
        'critical',
        2,
        'PgBouncer is unreachable or failing',
        'PgBouncer pgb:6432 refused the connection',
      ],
      [
        'outage:fts:https://fts3.example.org:8446',
        'critical',
        2,
        'FTS3 server https://fts3.example.org:8446 is unreachable or failing',
        'FTS3 refused the connection',
      ],
    ]);
  });

  it('tells of RSEs once per kind, however many, closed for reads and deletes too', () => {
    const many = [
      ...Array.from({ length: 33 }, (_, i) =>
        row(`FULL_${String(i).padStart(2, '0')}`, {
          belowMinFreeSpace: true,
          freeBytes: 1e12,
          minFreeSpaceBytes: 2e12,
        }),
      ),
      row('NOREAD', { availabilityRead: false }),
      row('NODELETE', { availabilityDelete: false }),
    ];
    const causes = notificationCauses(snapshot, many, environment()).filter(
      c => c.kind === 'rses',
    );
    expect(causes.map(c => [c.key, c.severity, c.title])).toEqual([
      [
        'rses:below-min-free-space',
        'normal',
        '33 RSEs below MinFreeSpace: FULL_00, FULL_01, FULL_02 … and 30 more',
      ],
      ['rses:closed-for-reads', 'normal', 'RSE NOREAD is closed for reads'],
      [
        'rses:closed-for-deletes',
        'normal',
        'RSE NODELETE is closed for deletes',
      ],
    ]);
    expect(causes[0].rses).toHaveLength(33);
    expect(causes[0].description).toMatch(
      /^FULL_00: 1\.0 TB free, MinFreeSpace 2\.0 TB; .*; 13 more on the Rucio tab's RSE table\.$/,
    );
    // In the portal's units: binary when rucio.ui.byteUnits says so.
    const binary = notificationCauses(
      snapshot,
      many,
      environment(),
      'binary',
    ).find(c => c.key === 'rses:below-min-free-space')!;
    expect(binary.description).toMatch(
      /^FULL_00: 931 GiB free, MinFreeSpace 1\.8 TiB; /,
    );
    // One owner's share of it, as that owner is told.
    expect(causes[0].forRses!(['FULL_05', 'FULL_07'])).toMatchObject({
      title: '2 RSEs below MinFreeSpace: FULL_05, FULL_07',
    });
  });

  it('tells once of the RSEs due below MinFreeSpace within 7 days at their pace', () => {
    const due = [
      row('SOON_A', {
        freeBytes: 15e12,
        minFreeSpaceBytes: 10e12,
        minFreeSpaceDays: 2.5,
      }),
      row('SOON_B', {
        freeBytes: 20e12,
        minFreeSpaceBytes: 10e12,
        minFreeSpaceDays: 7,
      }),
      // Later than a week, no fit, or below already: not this cause.
      row('LATER', { minFreeSpaceBytes: 10e12, minFreeSpaceDays: 12 }),
      row('NOFIT', { minFreeSpaceBytes: 10e12 }),
      row('BELOW', {
        belowMinFreeSpace: true,
        freeBytes: 5e12,
        minFreeSpaceBytes: 10e12,
        minFreeSpaceDays: 0,
      }),
    ];
    const soon = notificationCauses(snapshot, due, environment()).filter(
      c => c.key === 'rses:below-min-free-space-soon',
    );
    expect(soon).toHaveLength(1);
    expect(soon[0]).toMatchObject({
      severity: 'normal',
      rseStatus: 'below-min-free-space-soon',
      title: '2 RSEs below MinFreeSpace within 7 days: SOON_A, SOON_B',
      rses: ['SOON_A', 'SOON_B'],
    });
    expect(soon[0].description).toMatch(
      /^SOON_A: 15\.0 TB free, MinFreeSpace 10\.0 TB, below it in 2\.5 days at the last 7 days' pace; SOON_B: /,
    );
  });

  it('finds each cause of the issue, with its stage and severity', () => {
    const causes = notificationCauses(snapshot, rows, environment());
    expect(causes.map(c => [c.key, c.stage, c.severity, c.rses ?? []])).toEqual(
      [
        ['certificate:b:443', 'within-14-days', 'normal', []],
        ['certificate:c:443', 'within-3-days', 'high', []],
        ['certificate:rucio/d', 'expired', 'critical', []],
        ['daemon:hermes', 'no-heartbeat', 'critical', []],
        [
          'fts-proxy:https://fts3.example.org:8446',
          'below-warning',
          'normal',
          [],
        ],
        ['rses:below-min-free-space', 'present', 'normal', ['A']],
        ['rses:closed-for-writes', 'present', 'normal', ['B']],
        [
          'sync:Application/argocd/rucio-daemons',
          'OutOfSync/Healthy',
          'high',
          [],
        ],
        ['rules:stuck', 'over-limit', 'high', []],
        ['link:A:B', 'failing', 'high', ['A', 'B']],
      ],
    );
    expect(causes.find(c => c.kind === 'sync')!.delayMinutes).toBe(30);
    // Days as the card shows them, in the title as in the text.
    expect(causes[1].title).toBe('Certificate c:443 expires in 2.2 days');
    expect(causes[2].title).toBe('Certificate rucio/d expired 1 days ago');
  });

  it('follows the environment’s thresholds and switches', () => {
    const causes = notificationCauses(
      snapshot,
      rows,
      environment({
        notifications: {
          certificateDays: 30,
          certificateUrgentDays: 14,
          syncMinutes: 5,
          causes: { rses: false, transfers: false, daemons: false },
        },
        fts: [{ url: 'https://fts3.example.org:8446', proxyWarningHours: 24 }],
        dataPlane: { stuckRulesWarning: 3 },
      }),
    );
    expect(causes.map(c => [c.key, c.stage])).toEqual([
      ['certificate:b:443', 'within-14-days'],
      ['certificate:c:443', 'within-14-days'],
      ['certificate:rucio/d', 'expired'],
      ['sync:Application/argocd/rucio-daemons', 'OutOfSync/Healthy'],
    ]);
    expect(causes[3].delayMinutes).toBe(5);
  });

  it('refuses an urgent threshold that is not below the first one, naming the key', () => {
    expect(() =>
      environment({
        notifications: { certificateDays: 3, certificateUrgentDays: 3 },
      }),
    ).toThrow(/notifications\.certificateUrgentDays/);
  });
});
