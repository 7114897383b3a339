import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { serve } from '../__testUtils__/fixtures';
import { readEnvironmentConfigs } from '../config/readEnvironmentConfigs';
import type { SnapshotStore } from '../store/SnapshotStore';
import { RucioEnvironmentService } from './RucioEnvironmentService';

describe('RucioEnvironmentService', () => {
  it('stops a scheduled collection when the scheduler aborts it, and stores nothing', async () => {
    // A Rucio server that accepts and never answers.
    const silent = await serve(() => {});
    const environments = readEnvironmentConfigs(
      new ConfigReader({
        rucio: {
          environments: [
            {
              name: 'prod',
              rucio: { url: silent.url, token: 'secret-token' },
              schedule: { checkTimeoutSeconds: 30 },
            },
          ],
        },
      }),
    );
    const scheduler = mockServices.scheduler.mock();
    const save = jest.fn();
    const logger = mockServices.logger.mock();
    const service = RucioEnvironmentService.create({
      environments,
      store: { save, fresh: async () => undefined } as unknown as SnapshotStore,
      logger,
      scheduler,
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
    });
    await service.start();
    const task = scheduler.scheduleTask.mock.calls[0][0];
    expect(task.id).toBe('rucio-collect-prod');

    const abort = new AbortController();
    const started = Date.now();
    const running = task.fn(abort.signal);
    setTimeout(() => abort.abort(), 100);
    await running;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(save).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Stopped the collection of Rucio environment prod after \d+ ms; nothing stored$/,
      ),
    );
    await silent.close();
  });
});

describe('RucioEnvironmentService signals', () => {
  const environments = readEnvironmentConfigs(
    new ConfigReader({
      rucio: {
        environments: [
          {
            name: 'prod',
            // Nothing listens: every check fails fast, the snapshot is stored.
            rucio: { url: 'http://127.0.0.1:9', token: 'secret-token' },
            schedule: { checkTimeoutSeconds: 2 },
          },
        ],
      },
    }),
  );
  const create = (signals: { publish: jest.Mock }, save = jest.fn()) =>
    RucioEnvironmentService.create({
      environments,
      store: { save, fresh: async () => undefined } as unknown as SnapshotStore,
      logger: mockServices.logger.mock(),
      scheduler: mockServices.scheduler.mock(),
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
      signals,
    });

  it('announces each stored snapshot on the environment channel, with no data but its time', async () => {
    const publish = jest.fn(async () => {});
    const save = jest.fn();
    const collection = await create({ publish }, save).collect('prod');
    expect(save).toHaveBeenCalledTimes(1);
    expect(publish).toHaveBeenCalledWith({
      recipients: { type: 'broadcast' },
      channel: 'rucio:environment:prod',
      message: {
        environment: 'prod',
        collectedAt: collection.snapshot.collectedAt,
      },
    });
    expect(JSON.stringify(publish.mock.calls)).not.toContain('secret-token');
  });

  it('still stores the snapshot when signalling fails', async () => {
    const save = jest.fn();
    const publish = jest.fn(async () => {
      throw new Error('events bus down');
    });
    await expect(
      create({ publish }, save).collect('prod'),
    ).resolves.toBeDefined();
    expect(save).toHaveBeenCalledTimes(1);
  });
});
