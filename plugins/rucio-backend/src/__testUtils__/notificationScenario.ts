import type {
  EnvironmentSnapshot,
  RseRow,
} from '@rucio-portal/plugin-rucio-common';

/**
 * A collection showing one cause of each kind (as notificationCauses reads
 * it): certificates in each stage, a daemon without heartbeat, a short FTS3
 * proxy, a GitOps object out of sync, stuck rules, a failing link.
 */
export const checkedAt = '2026-11-30T12:00:00Z';
export const result = (check: string, details: unknown) => ({
  check,
  status: 'warning',
  message: '',
  checkedAt,
  durationMs: 1,
  details,
});

export const snapshot = {
  environment: 'prod',
  title: 'Prod',
  collectedAt: checkedAt,
  status: 'error',
  checks: {
    certificates: result('certificates', {
      certificates: [
        {
          name: 'a:443',
          source: 'tls',
          status: 'ok',
          message: 'a',
          dnsNames: [],
          daysLeft: 40,
        },
        {
          name: 'b:443',
          source: 'tls',
          status: 'warning',
          message: 'b',
          dnsNames: [],
          daysLeft: 13.5,
        },
        {
          name: 'c:443',
          source: 'tls',
          status: 'error',
          message: 'c',
          dnsNames: [],
          daysLeft: 2.2,
        },
        {
          name: 'rucio/d',
          source: 'cert-manager',
          status: 'error',
          message: 'd',
          dnsNames: [],
          daysLeft: -1,
        },
      ],
    }),
    daemons: result('daemons', {
      daemons: [
        {
          name: 'judge-evaluator',
          status: 'ok',
          liveThreads: 2,
          hosts: [],
          pids: 1,
          staleAfterSeconds: 120,
        },
        {
          name: 'hermes',
          status: 'error',
          liveThreads: 0,
          hosts: [],
          pids: 0,
          staleAfterSeconds: 120,
          lastBeat: '2026-11-30T10:00:00Z',
        },
      ],
    }),
    fts: result('fts', {
      servers: [
        {
          url: 'https://fts3.example.org:8446',
          status: 'warning',
          message: 'Proxy has 30 h left.',
          proxyHoursLeft: 30,
        },
      ],
    }),
    sync: result('sync', {
      controller: 'argocd',
      items: [
        {
          controller: 'argocd',
          kind: 'Application',
          namespace: 'argocd',
          name: 'rucio-server',
          syncStatus: 'Synced',
          health: 'Healthy',
          status: 'ok',
        },
        {
          controller: 'argocd',
          kind: 'Application',
          namespace: 'argocd',
          name: 'rucio-daemons',
          syncStatus: 'OutOfSync',
          health: 'Healthy',
          status: 'warning',
        },
      ],
    }),
    rules: result('rules', {
      source: 'database',
      byState: {
        OK: 10,
        REPLICATING: 0,
        STUCK: 4,
        SUSPENDED: 0,
        WAITING_APPROVAL: 0,
        INJECT: 0,
      },
      stuckOlder: { hours: 24, count: 3 },
      stuckLocksByRse: [],
    }),
    transfers: result('transfers', {
      source: 'requests-metrics',
      totalLinks: 2,
      queuedFiles: 0,
      failedFiles1h: 0,
      links: [
        {
          source: 'A',
          destination: 'B',
          failureRatio6h: 0.9,
          failedFiles6h: 9,
          doneFiles6h: 1,
        },
        {
          source: 'B',
          destination: 'A',
          failureRatio6h: 0.1,
          failedFiles6h: 1,
          doneFiles6h: 9,
        },
      ],
    }),
  },
} as unknown as EnvironmentSnapshot;

export const row = (name: string, extra: Partial<RseRow>): RseRow => ({
  name,
  type: 'DISK',
  availabilityRead: true,
  availabilityWrite: true,
  availabilityDelete: true,
  belowMinFreeSpace: false,
  attributes: {},
  ...extra,
});
export const rows = [
  row('A', { belowMinFreeSpace: true, freeBytes: 1, minFreeSpaceBytes: 2 }),
  row('B', { availabilityWrite: false }),
  row('C', {}),
];
