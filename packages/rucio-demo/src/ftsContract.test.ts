import { jest } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFtsRecordings, type FtsRecording } from './ftsRecordings.ts';
import { ANY_PORTS, startDemo, type RunningDemo } from './index.ts';

/**
 * The demo FTS3 answers the recorded requests as the real fts-rest-flask
 * 3.13.4 did: the same status, content type and message, the same fields,
 * and the same filtering of /jobs (what a time window, a limit or no
 * state_in keep).
 */

const recordings = readFtsRecordings(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures'),
);
const RECORDED_DELEGATION = 'e98b52e2a4ead581';
const DEMO_DELEGATION = '9ab8ea7fd2c0a3b1';

const byName = (name: string) => recordings.find(r => r.name === name)!;
const keys = (value: unknown) => Object.keys(value as object).sort();

// The whole demo starts here.
jest.setTimeout(30_000);

describe('the demo FTS3 answers as the recorded FTS3 3.13.4', () => {
  let demo: RunningDemo;
  let base: string;

  beforeAll(async () => {
    demo = await startDemo({
      dataDir: mkdtempSync(path.join(tmpdir(), 'rucio-demo-')),
      ports: ANY_PORTS,
    });
    base = `http://127.0.0.1:${demo.ports.fts}`;
  });
  afterAll(() => demo.stop());

  async function ask(recording: FtsRecording) {
    const res = await fetch(
      `${base}${recording.path.replace(RECORDED_DELEGATION, DEMO_DELEGATION)}`,
    );
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      body: JSON.parse(await res.text()),
    };
  }

  it.each([
    '01_root',
    '40_whoami_with_gridmap_authz',
    '20_delegation_after_insert',
  ])('%s: same status, content type and fields', async name => {
    const recording = byName(name);
    const answer = await ask(recording);
    expect(answer.status).toBe(recording.status);
    expect(answer.type).toBe(recording.headers['content-type']);
    expect(keys(answer.body)).toEqual(keys(JSON.parse(recording.body)));
  });

  it.each([
    '12_delegation_other_id',
    '52_jobs_limit501',
    '54_jobs_dlg_id_other',
  ])('%s: the same refusal', async name => {
    const recording = byName(name);
    const answer = await ask(recording);
    expect(answer.status).toBe(recording.status);
    expect(answer.type).toBe(recording.headers['content-type']);
    expect(answer.body).toEqual(JSON.parse(recording.body));
  });

  it('names the delegated proxy’s end as a naive UTC time, 72–96 h ahead', async () => {
    const { body } = await ask(byName('20_delegation_after_insert'));
    expect(body.termination_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    const hours =
      (Date.parse(`${body.termination_time}Z`) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(72);
    expect(hours).toBeLessThanOrEqual(96);
  });

  it('jobs have the recorded fields', async () => {
    const recorded = JSON.parse(byName('41_jobs').body);
    const { body } = await ask(byName('41_jobs'));
    expect(body.length).toBeGreaterThan(0);
    for (const job of body) expect(keys(job)).toEqual(keys(recorded[0]));
  });

  it('filters /jobs as the real server does', async () => {
    const finishedAgo = (job: { job_finished: string | null }) =>
      job.job_finished === null
        ? undefined
        : (Date.now() - Date.parse(`${job.job_finished}Z`)) / 60_000;

    // 46: state_in + time_window, no limit → finished within the window only.
    const windowed = (await ask(byName('46_jobs_state_FAILED_FINISHED_tw1')))
      .body;
    expect(windowed.length).toBeGreaterThan(0);
    for (const job of windowed) {
      expect(['FAILED', 'FINISHED']).toContain(job.job_state);
      expect(finishedAgo(job)).toBeLessThanOrEqual(61);
    }
    // 47: the same with limit=500 → the window is ignored, older jobs come back.
    const limited = (
      await ask(byName('47_jobs_state_FAILED_FINISHED_tw1_limit500'))
    ).body;
    expect(limited.length).toBeGreaterThan(windowed.length);
    expect(limited.length).toBeLessThanOrEqual(500);
    expect(Math.max(...limited.map(finishedAgo))).toBeGreaterThan(61);
    // Newest first by submit_time.
    const times = limited.map((j: { submit_time: string }) => j.submit_time);
    expect([...times].sort().reverse()).toEqual(times);
    // 49: state_in of final states without a window → nothing.
    expect(
      (await ask(byName('49_jobs_state_FAILED_FINISHED_no_tw'))).body,
    ).toEqual(JSON.parse(byName('49_jobs_state_FAILED_FINISHED_no_tw').body));
    // 42: no state_in → unfinished jobs only, whatever the window.
    for (const job of (await ask(byName('42_jobs_tw1'))).body) {
      expect(job.job_finished).toBeNull();
    }
    // 44: fields keeps only the named attribute.
    for (const job of (await ask(byName('44_jobs_tw1_fields_job_state')))
      .body) {
      expect(keys(job)).toEqual(['job_state']);
    }
  });
});
