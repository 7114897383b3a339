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
