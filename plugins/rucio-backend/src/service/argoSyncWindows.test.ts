import { blockingSyncWindow } from './argoSyncWindows';

const app = {
  metadata: { name: 'rucio-server-prod-prod' },
  spec: {
    destination: {
      server: 'https://kubernetes.default.svc',
      namespace: 'rucio-prod-prod',
    },
  },
};
// Monday 30 November 2026, 14:30 UTC.
const now = new Date('2026-11-30T14:30:00Z');

describe('blockingSyncWindow (Argo CD SyncWindows.CanSync for a manual sync)', () => {
  it('allows when no window applies to the Application', () => {
    expect(
      blockingSyncWindow(
        [
          {
            kind: 'deny',
            schedule: '0 14 * * *',
            duration: '1h',
            applications: ['other-*'],
          },
        ],
        app,
        now,
      ),
    ).toBeUndefined();
  });

  it('blocks in an active deny window unless it allows manual syncs', () => {
    const deny = {
      kind: 'deny' as const,
      schedule: '0 14 * * *',
      duration: '1h',
      applications: ['rucio-*'],
    };
    expect(blockingSyncWindow([deny], app, now)).toBe(
      'the deny window deny 0 14 * * * for 1h is active',
    );
    expect(
      blockingSyncWindow([{ ...deny, manualSync: true }], app, now),
    ).toBeUndefined();
    // Ended at 15:00 UTC the day before; not yet started at 14:00 in New York.
    expect(
      blockingSyncWindow([{ ...deny, timeZone: 'America/New_York' }], app, now),
    ).toBeUndefined();
  });

  it('needs an active allow window when allow windows apply', () => {
    const allow = {
      kind: 'allow' as const,
      schedule: '0 22 * * *',
      duration: '2h',
      clusters: ['https://kubernetes.default.svc'],
    };
    expect(blockingSyncWindow([allow], app, now)).toBe(
      'no allow window is active (allow 0 22 * * * for 2h)',
    );
    expect(
      blockingSyncWindow([{ ...allow, manualSync: true }], app, now),
    ).toBeUndefined();
    expect(
      blockingSyncWindow([{ ...allow, schedule: '0 13 * * *' }], app, now),
    ).toBeUndefined();
  });
});
