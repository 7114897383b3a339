import {
  RECORDED_DELEGATION,
  serveFtsRecordings,
} from '../__testUtils__/ftsReplay';
import { FtsClient } from './FtsClient';

/** FtsClient against the answers of a real FTS3 REST server (see ftsReplay). */

describe('FtsClient against recorded FTS3 3.13.4 answers', () => {
  let delegationAnswer = '20_delegation_after_insert';
  let server: Awaited<ReturnType<typeof serveFtsRecordings>>;
  let client: FtsClient;
  const lastRequest = () =>
    new URL(server.requests.at(-1)!, 'http://x').searchParams;

  beforeAll(async () => {
    server = await serveFtsRecordings({ delegation: () => delegationAnswer });
    client = FtsClient.fromConfig({ url: server.url }, 'fts[0]');
  });

  afterAll(() => server.close());

  const signal = () => AbortSignal.timeout(5000);

  it('reads the version from api when core is null, and the identity', async () => {
    expect(await client.version(signal())).toBe('3.13.4');
    expect(await client.whoami(signal())).toMatchObject({
      user_dn: '/DC=org/DC=example/OU=Robots/CN=rucio-acceptance',
      delegation_id: RECORDED_DELEGATION,
      method: 'certificate',
    });
  });

  it('reads the delegated proxy, and none when FTS3 answers null', async () => {
    expect(await client.delegation(RECORDED_DELEGATION, signal())).toEqual({
      termination_time: '2026-12-04T03:02:48',
      voms_attrs: ['/def/Role=NULL/Capability=NULL'],
    });
    delegationAnswer = '04_delegation_before';
    expect(await client.delegation(RECORDED_DELEGATION, signal())).toBeNull();
    delegationAnswer = '20_delegation_after_insert';
  });

  it('counts the jobs finished in the last hour with state_in and time_window and no limit', async () => {
    // Seed: 11, 12, 13, 30 FINISHED, 14, 15 FAILED, 16 CANCELED and 17
    // FINISHEDDIRTY finished within the hour (JOBS_TABLE_at_recording_time).
    expect(
      await client.finishedJobCounts(RECORDED_DELEGATION, signal()),
    ).toEqual({ FINISHED: 4, FAILED: 2, CANCELED: 1, FINISHEDDIRTY: 1 });
    const sent = lastRequest();
    expect(sent.get('time_window')).toBe('1');
    expect(sent.has('limit')).toBe(false);
    expect(sent.get('dlg_id')).toBe(RECORDED_DELEGATION);
  });

  it('counts unfinished jobs of any age with a limit, and says when the limit capped it', async () => {
    expect(await client.queuedJobCounts(signal())).toEqual({
      counts: { SUBMITTED: 6, ACTIVE: 6 },
      capped: false,
    });
    const sent = lastRequest();
    expect(sent.get('limit')).toBe('500');
    expect(sent.has('state_in')).toBe(false);
  });

  it('names FTS3 and its message when it refuses', async () => {
    await expect(
      client.finishedJobCounts('0000000000000000', signal()),
    ).rejects.toThrow(
      /^FTS3 http:\/\/127\.0\.0\.1:\d+ answered 403 for \/jobs: The provided delegation id does not match your delegation id$/,
    );
  });
});
