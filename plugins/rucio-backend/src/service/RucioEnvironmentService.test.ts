import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { serve } from '../__testUtils__/fixtures';
import { row } from '../__testUtils__/notificationScenario';
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

  it('watches, in one global task, when each environment was last stored, and tells the notifier', async () => {
    const environments = readEnvironmentConfigs(
      new ConfigReader({
        rucio: {
          environments: ['a', 'b'].map((name, i) => ({
            name,
            rucio: { url: 'http://127.0.0.1:9', token: 't' },
            schedule: { intervalSeconds: 60 * (i + 1) },
          })),
        },
      }),
    );
    const scheduler = mockServices.scheduler.mock();
    const notifyNotCollected = jest.fn();
    const stored = { snapshot: { collectedAt: '2026-12-05T01:00:00Z' } };
    const service = RucioEnvironmentService.create({
      environments,
      store: {
        fresh: async (name: string) => (name === 'a' ? stored : undefined),
      } as unknown as SnapshotStore,
      logger: mockServices.logger.mock(),
      scheduler,
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
      notifier: { notifyNotCollected } as any,
    });
    await service.start();
    const watch = scheduler.scheduleTask.mock.calls
      .map(([task]) => task)
      .find(task => task.id === 'rucio-watch-collections')!;
    // As often as the most frequent collection, on one instance at a time.
    expect(watch).toMatchObject({
      scope: 'global',
      frequency: { seconds: 60 },
    });
    await watch.fn(new AbortController().signal);
    expect(
      notifyNotCollected.mock.calls
        .map(([env, last, since]) => [env.name, last, since instanceof Date])
        .sort(),
    ).toEqual([
      ['a', '2026-12-05T01:00:00Z', true],
      ['b', undefined, true],
    ]);
  });
});

describe('RucioEnvironmentService RSE list', () => {
  /** A service whose store holds `rses` as the latest table of `prod`. */
  function servingRses(rses: ReturnType<typeof row>[]) {
    return RucioEnvironmentService.create({
      environments: readEnvironmentConfigs(
        new ConfigReader({
          rucio: {
            environments: [
              {
                name: 'prod',
                rucio: { url: 'http://127.0.0.1:9', token: 't' },
              },
            ],
          },
        }),
      ),
      store: {
        fresh: async () => ({ snapshot: { collectedAt: 'x' }, rses }),
      } as unknown as SnapshotStore,
      logger: mockServices.logger.mock(),
      scheduler: mockServices.scheduler.mock(),
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
    });
  }

  it('narrows the RSEs to one state, as owner notifications link to them, before paging', async () => {
    const rses = [
      row('A', { availabilityWrite: false }),
      row('B', { belowMinFreeSpace: true }),
      row('C', { availabilityWrite: false, availabilityRead: false }),
      row('D', {}),
    ];
    const service = servingRses(rses);
    const names = async (request: object) => {
      const page = await service.listRses('prod', request);
      return [page.total, page.items.map(r => r.name)];
    };
    expect(await names({ status: 'closed-for-writes' })).toEqual([
      2,
      ['A', 'C'],
    ]);
    expect(await names({ status: 'closed-for-reads' })).toEqual([1, ['C']]);
    expect(await names({ status: 'below-min-free-space' })).toEqual([1, ['B']]);
    expect(
      await names({ status: 'closed-for-writes', offset: 1, limit: 1 }),
    ).toEqual([2, ['C']]);
  });

  it('sorts RSEs whose free space Rucio does not report last, by usage in either direction, never as full', async () => {
    // Rucio's own accounting row (source "rucio") has free null, total = used.
    const rses = [
      row('ACCOUNTED', {
        usedBytes: 5e14,
        totalBytes: 5e14,
        freeBytes: undefined,
      }),
      row('HALF', { usedBytes: 5e14, totalBytes: 1e15, freeBytes: 5e14 }),
      row('FULL', { usedBytes: 9e14, totalBytes: 1e15, freeBytes: 1e14 }),
    ];
    const service = servingRses(rses);
    const sorted = async (sort: string, order: string) =>
      (await service.listRses('prod', { sort, order } as object)).items.map(
        r => r.name,
      );
    expect(await sorted('usage', 'desc')).toEqual([
      'FULL',
      'HALF',
      'ACCOUNTED',
    ]);
    expect(await sorted('usage', 'asc')).toEqual(['HALF', 'FULL', 'ACCOUNTED']);
    expect(await sorted('free', 'asc')).toEqual(['FULL', 'HALF', 'ACCOUNTED']);
  });
  it('counts every state over the whole list, whatever the search and state narrow to', async () => {
    const rses = [
      row('A', {
        availabilityWrite: false,
        usedBytes: 1e12,
        freeBytes: 1e12,
        totalBytes: 2e12,
        detailsCheckedAt: '2026-12-05T08:00:00Z',
      }),
      row('B', {
        belowMinFreeSpace: true,
        freeBytes: undefined,
        detailsCheckedAt: '2026-12-05T09:00:00Z',
      }),
      row('C', { availabilityDelete: false }),
    ];
    const page = await servingRses(rses).listRses('prod', {
      q: 'A',
      status: 'closed-for-writes',
    });
    expect(page.total).toBe(1);
    expect(page.counts).toEqual({
      'not-available': 1,
      'below-min-free-space': 1,
      'below-min-free-space-soon': 0,
      'closed-for-writes': 1,
      'closed-for-reads': 0,
      'closed-for-deletes': 1,
      'unknown-usage': 1,
      'details-not-read': 1,
    });
  });

  it('sorts by availability, files, site and when the details were read', async () => {
    const rses = [
      row('OPEN', {
        files: 30,
        attributes: { site: 'PIC' },
        detailsCheckedAt: '2026-12-05T09:00:00Z',
      }),
      row('NO_DELETE', {
        availabilityDelete: false,
        files: 10,
        attributes: { site: 'CERN' },
        detailsCheckedAt: '2026-12-05T08:00:00Z',
      }),
      row('NO_READ', {
        availabilityRead: false,
        files: undefined,
        attributes: {},
      }),
    ];
    const service = servingRses(rses);
    const sorted = async (sort: string, order = 'asc') =>
      (await service.listRses('prod', { sort, order } as object)).items.map(
        r => r.name,
      );
    expect(await sorted('availability')).toEqual([
      'OPEN',
      'NO_DELETE',
      'NO_READ',
    ]);
    expect(await sorted('availability', 'desc')).toEqual([
      'NO_READ',
      'NO_DELETE',
      'OPEN',
    ]);
    // Not known (no files, no site, never read) sorts last either way.
    expect(await sorted('files', 'desc')).toEqual([
      'OPEN',
      'NO_DELETE',
      'NO_READ',
    ]);
    expect(await sorted('site')).toEqual(['NO_DELETE', 'OPEN', 'NO_READ']);
    expect(await sorted('detailsCheckedAt')).toEqual([
      'NO_DELETE',
      'OPEN',
      'NO_READ',
    ]);
  });
});

describe('RucioEnvironmentService list items', () => {
  const environments = readEnvironmentConfigs(
    new ConfigReader({
      rucio: {
        environments: [
          { name: 'prod', rucio: { url: 'http://127.0.0.1:9', token: 't' } },
          { name: 'test', rucio: { url: 'http://127.0.0.1:9', token: 't' } },
        ],
      },
    }),
  );
  const snapshot = {
    collectedAt: '2026-12-05T09:00:00Z',
    status: 'error',
    checks: {
      server: { status: 'error', message: 'refused', checkedAt: 'x' },
      rses: { status: 'warning', message: '3 RSEs: 1 below MinFreeSpace.' },
      fts: { status: 'ok', message: 'fine' },
      webui: { status: 'unconfigured', message: 'no webui.url' },
    },
  };

  it('names the checks not OK, and the owner of the System the catalog trusts', async () => {
    const logger = mockServices.logger.mock();
    const service = RucioEnvironmentService.create({
      environments,
      store: {
        fresh: async (name: string) =>
          name === 'prod' ? { snapshot, rses: [] } : undefined,
        latest: (name: string) =>
          name === 'prod' ? { snapshot, rses: [] } : undefined,
      } as unknown as SnapshotStore,
      logger,
      scheduler: mockServices.scheduler.mock(),
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
      entities: {
        system: async name => {
          if (name === 'test') throw new Error('catalog down');
          return {
            ref: 'system:default/rucio-prod',
            owner: 'group:default/data-management',
            entity: {} as never,
          };
        },
      },
    });
    const [prod, test] = await Promise.all(
      service.environments.map(env => service.listItem(env)),
    );
    expect(prod).toMatchObject({
      name: 'prod',
      status: 'error',
      system: 'system:default/rucio-prod',
      owner: 'group:default/data-management',
      problems: [
        { check: 'server', status: 'error', message: 'refused' },
        {
          check: 'rses',
          status: 'warning',
          message: '3 RSEs: 1 below MinFreeSpace.',
        },
      ],
    });
    // The catalog failing for one environment still lists it, without owner.
    expect(test).toMatchObject({
      name: 'test',
      status: 'unknown',
      problems: [],
    });
    expect(test.owner).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not read the System of Rucio environment test: catalog down',
    );
  });

  it('asks the catalog once per environment for the lists of 10 s, and again after', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      const asked: string[] = [];
      let failTest = true;
      const service = RucioEnvironmentService.create({
        environments,
        store: {
          fresh: async () => undefined,
          latest: () => undefined,
        } as unknown as SnapshotStore,
        logger: mockServices.logger.mock(),
        scheduler: mockServices.scheduler.mock(),
        discovery: mockServices.discovery(),
        auth: mockServices.auth(),
        entities: {
          system: async name => {
            asked.push(name);
            if (name === 'test' && failTest) throw new Error('catalog down');
            return { ref: `system:default/rucio-${name}`, entity: {} as never };
          },
        },
      });
      const list = () =>
        Promise.all(service.environments.map(env => service.listItem(env)));
      await Promise.all([list(), list()]);
      await list();
      // A failure is not kept: the next list asks again.
      expect(asked.sort()).toEqual(['prod', 'test', 'test']);
      failTest = false;
      jest.advanceTimersByTime(10_001);
      const [, test] = await list();
      expect(test.system).toBe('system:default/rucio-test');
      expect(asked.sort()).toEqual(['prod', 'prod', 'test', 'test', 'test']);
    } finally {
      jest.useRealTimers();
    }
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
