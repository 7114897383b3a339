import type { EnvironmentSnapshot } from '@rucio-portal/plugin-rucio-common';
import { fillRates, pastCheckHours, pastRseSpace } from './demoPast';

const HOUR = 3_600_000;
const TB = 1e12;
const collectedAt = '2026-12-05T10:30:00.000Z';
const result = (check: string, status: string, details: object) => ({
  check,
  status,
  message: '',
  checkedAt: collectedAt,
  durationMs: 1,
  details,
});

const snapshot = {
  environment: 'demo',
  title: 'Demo',
  collectedAt,
  status: 'error',
  checks: {
    certificates: result('certificates', 'ok', {
      certificates: [{ daysLeft: 89.9 }, { daysLeft: 119.9 }],
    }),
    fts: result('fts', 'ok', { servers: [{ proxyHoursLeft: 80 }] }),
    daemons: result('daemons', 'error', {
      daemons: [{ status: 'error' }, { status: 'ok' }],
    }),
  },
} as unknown as EnvironmentSnapshot;

describe('pastCheckHours', () => {
  const startedAt = Date.parse(collectedAt) - 10 * 60_000;
  const rows = pastCheckHours(snapshot, startedAt);
  const of = (check: string, hoursAgo: number) =>
    rows.find(
      r =>
        r.check === check &&
        r.hour ===
          new Date(
            Date.parse('2026-12-05T10:00:00Z') - hoursAgo * HOUR,
          ).toISOString(),
    );

  it('fills the 8 days before the first collection, not its own hour', () => {
    expect(rows).toHaveLength(8 * 24 * 3);
    expect(rows.some(r => r.hour === '2026-12-05T10:00:00.000Z')).toBe(false);
    expect(of('fts', 8 * 24)).toBeDefined();
  });

  it('walks each figure back as it moves with time', () => {
    // The soonest certificate had a day more a day ago.
    expect(of('certificates', 24)!.value).toBe(90.9);
    // The FTS3 proxy is renewed at 72 hours left, back to 96.
    expect(of('fts', 8)!.value).toBe(88);
    expect(of('fts', 9)!.value).toBe(89);
    expect(
      rows
        .filter(r => r.check === 'fts')
        .every(r => r.value! >= 72 && r.value! < 96),
    ).toBe(true);
  });

  it('has what fails since the demo started pass before it, with the incidents on their hours', () => {
    expect(of('daemons', 1)).toMatchObject({ status: 'ok', value: 0 });
    expect(of('fts', 101)).toMatchObject({ status: 'warning' });
    expect(of('fts', 100)).toMatchObject({ status: 'ok' });
  });
});

describe('pastRseSpace', () => {
  const rses = ['A_DATADISK', 'B_DATADISK', 'C_DATADISK', 'D_TAPE'].map(
    name => ({
      name,
      totalBytes: 100 * TB,
      usedBytes: 70 * TB,
      freeBytes: 30 * TB,
      minFreeSpaceBytes: name.endsWith('DISK') ? 10 * TB : undefined,
      detailsCheckedAt: collectedAt,
    }),
  ) as any[];

  it('has the first two RSEs with a limit reach it in 4 and 20 days', () => {
    const rates = fillRates(rses);
    expect(rates.get('A_DATADISK')).toBe((20 * TB) / 4);
    expect(rates.get('B_DATADISK')).toBe((20 * TB) / 20);
    // Every other RSE with a limit gains free space; one without wanders.
    expect(rates.get('C_DATADISK')).toBeLessThan(-0.09 * TB);
    expect(Math.abs(rates.get('D_TAPE')!)).toBeLessThanOrEqual(0.2 * TB);
  });

  it('gives 7 days of hours and 90 of days before the read, within the total', () => {
    const rows = pastRseSpace('demo', rses[0], 5 * TB);
    const hours = rows.filter(r => r.resolution === 'hour');
    const days = rows.filter(r => r.resolution === 'day');
    expect(hours).toHaveLength(7 * 24);
    expect(days).toHaveLength(89);
    expect(hours[0].at).toBe('2026-12-05T09:00:00.000Z');
    expect(days[0].at).toBe('2026-12-04T00:00:00.000Z');
    // Four days back, it had 20 TB more free (give or take the wobble).
    const back = rows.find(r => r.at === '2026-12-01T10:00:00.000Z')!;
    expect(back.free_bytes / TB).toBeCloseTo(50.1, 0);
    for (const r of rows) {
      expect(r.free_bytes).toBeGreaterThanOrEqual(0);
      expect(r.free_bytes).toBeLessThanOrEqual(100 * TB);
      expect(r.used_bytes + r.free_bytes).toBe(100 * TB);
    }
  });
});
