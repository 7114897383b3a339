import { decideNotifications, type CauseState } from './decideNotifications';
import type { Cause } from './notificationCauses';

const at = (minutes: number) =>
  new Date(Date.parse('2026-11-30T12:00:00Z') + minutes * 60_000);

const certificate = (stage: string, severity: Cause['severity']): Cause => ({
  key: 'certificate:rucio.example.org:443',
  kind: 'certificates',
  stage,
  severity,
  title: `Certificate rucio.example.org:443 ${stage}`,
  description: '…',
});

/** Runs collections one after another, as the service does. */
function run(collections: Array<[number, Cause[]]>) {
  let state: Map<string, CauseState> = new Map();
  return collections.map(([minute, causes]) => {
    const { decisions, next } = decideNotifications(state, causes, at(minute));
    state = next;
    return decisions.map(d =>
      d.type === 'notify'
        ? `notify ${d.cause.key} ${d.cause.stage} ${d.cause.severity}`
        : `resolved ${d.key} ${d.severity}`,
    );
  });
}

describe('decideNotifications', () => {
  it('tells a cause once per stage while it lasts, and once when it recovers', () => {
    expect(
      run([
        [0, []],
        [1, [certificate('within-14-days', 'high')]],
        [2, [certificate('within-14-days', 'high')]],
        [3, [certificate('within-14-days', 'high')]],
        [4, [certificate('within-3-days', 'critical')]],
        [5, [certificate('within-3-days', 'critical')]],
        [6, []],
        [7, []],
      ]),
    ).toEqual([
      [],
      ['notify certificate:rucio.example.org:443 within-14-days high'],
      [],
      [],
      ['notify certificate:rucio.example.org:443 within-3-days critical'],
      [],
      ['resolved certificate:rucio.example.org:443 low'],
      [],
    ]);
  });

  it('tells an outage after two collections in a row, nothing of one blip, and when it is back', () => {
    const down: Cause = {
      key: 'outage:server',
      kind: 'outages',
      stage: 'down',
      severity: 'critical',
      title: 'The Rucio server is unreachable or failing',
      description: 'Rucio server https://rucio.example.org did not answer.',
      afterCollections: 2,
    };
    expect(
      run([
        [0, [down]],
        [1, []],
        [2, [down]],
        [3, [down]],
        [4, [down]],
        [5, []],
      ]),
    ).toEqual([
      [],
      [],
      [],
      ['notify outage:server down critical'],
      [],
      ['resolved outage:server low'],
    ]);
  });

  it('waits out a cause’s delay, counted from when it was first seen, and says nothing of one that recovered within it', () => {
    const outOfSync: Cause = {
      key: 'sync:Application/argocd/rucio-daemons',
      kind: 'sync',
      stage: 'OutOfSync/Healthy',
      severity: 'high',
      title: 'Application rucio-daemons is OutOfSync',
      description: '…',
      delayMinutes: 30,
    };
    expect(
      run([
        [0, [outOfSync]],
        [10, [outOfSync]],
        [20, []],
        [25, [outOfSync]],
        [54, [outOfSync]],
        [55, [outOfSync]],
        [56, [{ ...outOfSync, stage: 'OutOfSync/Degraded' }]],
        [57, []],
      ]),
    ).toEqual([
      [],
      [],
      [],
      [],
      [],
      ['notify sync:Application/argocd/rucio-daemons OutOfSync/Healthy high'],
      ['notify sync:Application/argocd/rucio-daemons OutOfSync/Degraded high'],
      ['resolved sync:Application/argocd/rucio-daemons low'],
    ]);
  });

  it('keeps causes apart: one recovering does not touch another', () => {
    const daemon: Cause = {
      key: 'daemon:hermes',
      kind: 'daemons',
      stage: 'no-heartbeat',
      severity: 'critical',
      title: 'Daemon hermes has no live heartbeat',
      description: '…',
    };
    expect(
      run([
        [0, [daemon, certificate('expired', 'critical')]],
        [1, [daemon]],
        [2, [daemon]],
      ]),
    ).toEqual([
      [
        'notify daemon:hermes no-heartbeat critical',
        'notify certificate:rucio.example.org:443 expired critical',
      ],
      ['resolved certificate:rucio.example.org:443 low'],
      [],
    ]);
  });
});
