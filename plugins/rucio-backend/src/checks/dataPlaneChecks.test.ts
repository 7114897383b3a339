import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { serve } from '../__testUtils__/fixtures';
import type { EnvironmentClients } from '../clients/EnvironmentClients';
import type { RucioDatabase } from '../clients/RucioDatabase';
import { RucioClient } from '../clients/RucioClient';
import { readEnvironmentConfigs } from '../config/readEnvironmentConfigs';
import { rulesCheck } from './rulesCheck';
import { transfersCheck } from './transfersCheck';

/** A raw exchange of fixtures/rucio-40.4.1/recordings: status, headers, body. */
function recording(name: string) {
  const text = readFileSync(
    path.resolve(
      __dirname,
      '../../../../packages/rucio-demo/fixtures/rucio-40.4.1/recordings',
      name,
    ),
    'utf8',
  );
  // The head is written with CRLF, the body as Rucio sent it.
  const end = text.search(/\r?\n\r?\n/);
  const head = text.slice(0, end);
  const body = text.slice(end).replace(/^\r?\n\r?\n/, '');
  const [, statusLine, ...headerLines] = head.split(/\r?\n/);
  return {
    status: Number(statusLine.split(' ')[1]),
    contentType: headerLines
      .find(l => l.toLowerCase().startsWith('content-type:'))!
      .split(': ')[1],
    body,
  };
}

function environment(url: string, dataPlane = {}) {
  return readEnvironmentConfigs(
    new ConfigReader({
      rucio: {
        environments: [
          { name: 'prod', rucio: { url, token: 'a-token' }, dataPlane },
        ],
      },
    }),
  )[0];
}

const run = (
  check: typeof transfersCheck | typeof rulesCheck,
  env: ReturnType<typeof environment>,
  clients: Partial<EnvironmentClients>,
) =>
  (check.run as typeof transfersCheck.run)({
    env,
    clients: clients as EnvironmentClients,
    signal: AbortSignal.timeout(5000),
    logger: mockServices.logger.mock(),
  });

describe('transfersCheck', () => {
  it('reads the links of a real Rucio 40.4.1 from GET /requests/metrics', async () => {
    const recorded = recording('28_requests_metrics_with_transfers.txt');
    const seen: string[] = [];
    const server = await serve((req, res) => {
      seen.push(`${req.url} ${req.headers.accept}`);
      res.writeHead(recorded.status, { 'Content-Type': recorded.contentType });
      res.end(recorded.body);
    });
    const env = environment(server.url);
    const outcome = await run(transfersCheck, env, {
      rucio: RucioClient.fromEnvironment(env, 'k'),
    });
    await server.close();
    expect(seen).toEqual(['/requests/metrics application/x-json-stream']);
    expect(outcome.details).toMatchObject({
      source: 'requests-metrics',
      totalLinks: 4,
      queuedFiles: 17,
      failedFiles1h: 17,
    });
    const links = outcome.details!.links;
    expect(links.find(l => l.destination === 'SITE_B_S3')).toEqual({
      source: 'SITE_A_DISK',
      destination: 'SITE_B_S3',
      queuedFiles: 10,
      queuedBytes: 10000000034,
      doneFiles1h: 40,
      doneFiles6h: 440,
      failedFiles1h: 2,
      failedFiles6h: 22,
      doneBytes1h: 60000000000,
      doneBytes6h: 660000000000,
      distance: 1,
      failureRatio6h: 22 / 462,
    });
    // Only failures, none done: the whole 6 h failed.
    expect(links.find(l => l.source === 'SITE_C_TAPE')?.failureRatio6h).toBe(1);
    // 66 of 176 on B → C (37 %) stays under the default 50 %; C → A does not.
    expect(outcome.status).toBe('warning');
    expect(outcome.message).toBe(
      '4 active links, 17 files queued, 17 failed in the last hour; 1 failing more than 50 % over 6 h (worst SITE_C_TAPE → SITE_A_DISK: 100 %).',
    );
  });

  it('falls back to the database where the route does not exist, and says what is missing without it', async () => {
    let asked = 0;
    // Rucio 1.31.7 has no such route (fixtures/rucio-40.4.1/INDEX.md: 404).
    const server = await serve((_req, res) => {
      asked++;
      res.writeHead(404, { 'Content-Type': 'text/html' });
      res.end('<h1>Not Found</h1>');
    });
    const env = environment(server.url);
    const rucio = RucioClient.fromEnvironment(env, 'k');
    const missing = await run(transfersCheck, env, { rucio });
    expect(missing.status).toBe('unconfigured');
    expect(missing.message).toContain(
      'has no GET /requests/metrics (Rucio ≥ 33); transfer links need it or a read-only role on Rucio’s database (database.rucio)',
    );
    expect(missing.details).toBeUndefined();

    const rucioDatabase = {
      historyMinutes: 60,
      readLinks: async () => ({
        alembicVersion: 'fb28a95fe288',
        historyReadAt: '2026-12-04T23:00:00.000Z',
        links: [
          {
            source: 'A',
            destination: 'B',
            queuedFiles: 1,
            queuedBytes: 5,
            doneFiles1h: 0,
            doneFiles6h: 3,
            failedFiles1h: 0,
            failedFiles6h: 1,
            doneBytes1h: 0,
            doneBytes6h: 30,
          },
        ],
      }),
    } as unknown as RucioDatabase;
    const fromDatabase = await run(transfersCheck, env, {
      rucio,
      rucioDatabase,
    });
    // The missing route was asked once, not at every collection; an hour
    // later it is asked again, in case Rucio was upgraded.
    expect(asked).toBe(1);
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + 61 * 60_000);
    try {
      await run(transfersCheck, env, { rucio, rucioDatabase });
    } finally {
      jest.restoreAllMocks();
    }
    expect(asked).toBe(2);
    await server.close();
    expect(fromDatabase.status).toBe('ok');
    expect(fromDatabase.details).toMatchObject({
      source: 'database',
      alembicVersion: 'fb28a95fe288',
      // The card says when the unindexed history was last read.
      history: { readAt: '2026-12-04T23:00:00.000Z', everyMinutes: 60 },
      links: [expect.objectContaining({ failureRatio6h: 0.25 })],
    });
  });
});

describe('rulesCheck', () => {
  const env = environment('https://rucio.example.org', {
    stuckRulesWarning: 2,
  });
  const rules = {
    alembicVersion: 'fb28a95fe288',
    byState: {
      OK: 3,
      REPLICATING: 2,
      STUCK: 4,
      SUSPENDED: 0,
      WAITING_APPROVAL: 1,
      INJECT: 1,
    },
    stuckOlder: { hours: 24, count: 3 },
    stuckLocksByRse: [{ rse: 'SITE_B_DISK', locks: 5 }],
  };

  it('warns when STUCK rules older than the threshold exceed the limit', async () => {
    const outcome = await run(rulesCheck, env, {
      rucioDatabase: {
        readRules: async () => rules,
      } as unknown as RucioDatabase,
    });
    expect(outcome).toEqual({
      status: 'warning',
      message:
        '11 rules: 3 OK, 2 replicating, 4 stuck, 0 suspended; 3 STUCK for more than 24 h (limit 2); most stuck locks at SITE_B_DISK (5).',
      details: { source: 'database', ...rules },
    });
  });

  it('says what it needs without a database role, never zeros', async () => {
    const outcome = await run(rulesCheck, env, {});
    expect(outcome.status).toBe('unconfigured');
    expect(outcome.message).toContain('database.rucio');
    expect(outcome.details).toBeUndefined();
  });
});
