import type { Entity } from '@backstage/catalog-model';
import {
  RSE_STATUS_FILTERS,
  RSE_STATUS_FILTER_IDS,
  type GetEnvironmentResponse,
  type ListRsesResponse,
  type RseRow,
  type RseStatusFilter,
} from '@rucio-portal/plugin-rucio-common';
import { secrets, workloads } from './kubernetesChecks';

export const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'rucio-demo',
    annotations: { 'rucio.cern.ch/environment': 'demo' },
  },
  spec: { owner: 'group:default/data-management' },
};

const now = new Date().toISOString();
const inDays = (d: number) =>
  new Date(Date.now() + d * 86_400_000).toISOString();

/** A snapshot as the backend serves it: one check failing, others fine. */
export function environmentResponse(
  overrides: Partial<GetEnvironmentResponse> = {},
): GetEnvironmentResponse {
  return {
    environment: {
      name: 'demo',
      title: 'Demo Rucio environment',
      demo: true,
      links: {
        webui: 'https://webui.example.org',
        argocd: 'https://argocd.example.org',
      },
      status: 'error',
      collectedAt: now,
    },
    stale: false,
    permissions: { refresh: true, sync: true },
    snapshot: {
      environment: 'demo',
      title: 'Demo Rucio environment',
      collectedAt: now,
      status: 'error',
      checks: {
        server: {
          check: 'server',
          status: 'ok',
          checkedAt: now,
          durationMs: 12,
          message:
            'Rucio server https://rucio.example.org runs 40.1.0; authenticated as root (userpass).',
          details: {
            url: 'https://rucio.example.org',
            version: '40.1.0',
            account: 'root',
            authMethod: 'userpass',
          },
        },
        auth: {
          check: 'auth',
          status: 'error',
          checkedAt: now,
          durationMs: 3,
          message:
            'Rucio auth https://rucio-auth.example.org refused the connection',
        },
        daemons: {
          check: 'daemons',
          status: 'error',
          checkedAt: now,
          durationMs: 20,
          message:
            '1 of 2 daemons have no fresh heartbeat (older than 120 s): hermes.',
          details: {
            daemons: [
              {
                name: 'hermes',
                status: 'error',
                liveThreads: 0,
                hosts: [],
                pids: 0,
                lastBeat: inDays(-0.01),
                staleAfterSeconds: 120,
                expectedReplicas: 1,
                readyReplicas: 0,
              },
              {
                name: 'reaper',
                status: 'ok',
                liveThreads: 4,
                hosts: ['h1', 'h2'],
                pids: 2,
                lastBeat: now,
                staleAfterSeconds: 120,
                expectedReplicas: 2,
                readyReplicas: 2,
              },
            ],
          },
        },
        fts: {
          check: 'fts',
          status: 'ok',
          checkedAt: now,
          durationMs: 30,
          message: 'FTS3 https://fts:8446 runs 3.14.2.',
          details: {
            servers: [
              {
                url: 'https://fts:8446',
                monitoringUrl: 'https://fts:8449/fts3/ftsmon/',
                status: 'ok',
                message: 'ok',
                version: '3.14.2',
                dn: '/CN=robot',
                proxyExpiresAt: inDays(3.5),
                proxyHoursLeft: 84,
                finishedLastHour: { FINISHED: 170, FAILED: 3 },
                queued: { SUBMITTED: 500 },
                queuedCapped: true,
              },
            ],
          },
        },
        database: {
          check: 'database',
          status: 'ok',
          checkedAt: now,
          durationMs: 8,
          message: 'PostgreSQL 16.4 (primary) has 40 of 100 connections.',
          details: {
            postgres: {
              version: '16.4',
              inRecovery: false,
              connections: 40,
              maxConnections: 100,
              databaseSizeBytes: 5 * 1024 ** 3,
            },
            pgbouncer: {
              pools: [
                {
                  database: 'rucio',
                  user: 'rucio',
                  clientsActive: 10,
                  clientsWaiting: 2,
                  serversActive: 5,
                  serversIdle: 3,
                  maxWaitSeconds: 0.5,
                  poolMode: 'transaction',
                },
              ],
            },
          },
        },
        rses: {
          check: 'rses',
          status: 'warning',
          checkedAt: now,
          durationMs: 800,
          message:
            '3 RSEs: 1 not available for read or write; 1 below MinFreeSpace.',
          details: {
            total: 3,
            unavailable: 1,
            belowMinFreeSpace: 1,
            unknownUsage: 0,
            usedBytes: 3e15,
            totalBytes: 5e15,
            detailsPending: 2,
            oldestDetailsAt: new Date(Date.now() - 3600_000).toISOString(),
          },
        },
        certificates: {
          check: 'certificates',
          status: 'warning',
          checkedAt: now,
          durationMs: 40,
          message: 'TLS endpoint webui.example.org:443 expires in 12 days.',
          details: {
            certificates: [
              {
                name: 'webui.example.org:443',
                source: 'tls',
                status: 'warning',
                message: 'expires in 12 days',
                dnsNames: ['webui.example.org'],
                issuer: 'R11',
                notAfter: inDays(12),
                daysLeft: 12,
              },
              {
                name: 'rucio/rucio-server-tls',
                source: 'cert-manager',
                status: 'ok',
                message: 'Ready',
                dnsNames: ['rucio.example.org'],
                issuer: 'letsencrypt',
                notAfter: inDays(80),
                daysLeft: 80,
                ready: true,
              },
            ],
          },
        },
        sync: {
          check: 'sync',
          status: 'warning',
          checkedAt: now,
          durationMs: 15,
          message:
            '1 of 2 Argo CD objects need attention: rucio-daemons is OutOfSync/Healthy.',
          details: {
            controller: 'argocd',
            items: [
              {
                controller: 'argocd',
                kind: 'Application',
                namespace: 'argocd',
                name: 'rucio-daemons',
                syncStatus: 'OutOfSync',
                health: 'Healthy',
                revision: 'a1b2c3d',
                status: 'warning',
                url: 'https://argocd.example.org/applications/argocd/rucio-daemons',
              },
              {
                controller: 'argocd',
                kind: 'Application',
                namespace: 'argocd',
                name: 'rucio-server',
                syncStatus: 'Synced',
                health: 'Healthy',
                revision: 'a1b2c3d',
                status: 'ok',
              },
            ],
          },
        },
        rules: {
          check: 'rules',
          status: 'warning',
          checkedAt: now,
          durationMs: 30,
          message:
            '13 rules: 3 OK, 2 replicating, 4 stuck, 2 suspended; 3 STUCK for more than 24 h (limit 0); 2 SUSPENDED (limit 0); most stuck locks at SITE_B_DISK (5).',
          details: {
            source: 'database',
            alembicVersion: 'fb28a95fe288',
            byState: {
              OK: 3,
              REPLICATING: 2,
              STUCK: 4,
              SUSPENDED: 2,
              WAITING_APPROVAL: 1,
              INJECT: 1,
            },
            stuckOlder: { hours: 24, count: 3 },
            stuckLocksByRse: [
              { rse: 'SITE_B_DISK', locks: 5 },
              { rse: 'SITE_C_TAPE', locks: 2 },
            ],
          },
        },
        workloads,
        secrets,
        drift: {
          check: 'drift',
          status: 'warning',
          checkedAt: now,
          durationMs: 12,
          message:
            '2 differences between https://github.com/org/rucio-demo/tree/main/base/rses/ and Rucio (first: SITE_A_DISK limit MinFreeSpace).',
          details: {
            location: 'https://github.com/org/rucio-demo/tree/main/base/rses/',
            entityRef: 'system:default/rucio-demo',
            readAt: now,
            declared: 3,
            served: 3,
            compared: 2,
            notRead: 1,
            total: 2,
            items: [
              {
                rse: 'SITE_A_DISK',
                kind: 'limit',
                key: 'MinFreeSpace',
                repository: '10000000000000',
                rucio: '50000000000000',
              },
              {
                rse: 'SITE_D_SCRATCH',
                kind: 'undeclared',
                repository: 'absent',
                rucio: 'served',
              },
            ],
          },
        },
        transfers: {
          check: 'transfers',
          status: 'warning',
          checkedAt: now,
          durationMs: 20,
          message:
            '2 active links, 15 files queued, 8 failed in the last hour; 1 failing more than 50 % over 6 h (worst SITE_C_TAPE → SITE_A_DISK: 100 %).',
          details: {
            source: 'requests-metrics',
            totalLinks: 2,
            queuedFiles: 15,
            failedFiles1h: 8,
            links: [
              {
                source: 'SITE_A_DISK',
                destination: 'SITE_B_S3',
                queuedFiles: 15,
                queuedBytes: 15e9,
                doneFiles1h: 40,
                doneFiles6h: 440,
                failedFiles1h: 2,
                failedFiles6h: 22,
                doneBytes1h: 6e10,
                doneBytes6h: 6.6e11,
                failureRatio6h: 22 / 462,
                distance: 1,
              },
              {
                source: 'SITE_C_TAPE',
                destination: 'SITE_A_DISK',
                queuedFiles: 0,
                queuedBytes: 0,
                doneFiles1h: 0,
                doneFiles6h: 0,
                failedFiles1h: 6,
                failedFiles6h: 99,
                doneBytes1h: 0,
                doneBytes6h: 0,
                failureRatio6h: 1,
              },
            ],
          },
        },
        webui: {
          check: 'webui',
          status: 'unconfigured',
          checkedAt: now,
          durationMs: 0,
          message: 'No WebUI URL is configured.',
        },
      },
    },
    ...overrides,
  };
}

function rse(name: string, extra: Partial<RseRow> = {}): RseRow {
  return {
    name,
    type: 'DISK',
    availabilityRead: true,
    availabilityWrite: true,
    availabilityDelete: true,
    usedBytes: 1e15,
    freeBytes: 1e15,
    totalBytes: 2e15,
    files: 12345,
    belowMinFreeSpace: false,
    attributes: { site: 'CERN-PROD', country: 'CH', tier: '0' },
    ...extra,
  };
}

export const RSES: RseRow[] = [
  rse('CERN-PROD_DATADISK', {
    // Details read on the rotation an hour ago; the others not yet.
    detailsCheckedAt: new Date(Date.now() - 3600_000).toISOString(),
  }),
  rse('DESY-HH_SCRATCHDISK', {
    belowMinFreeSpace: true,
    minFreeSpaceBytes: 5e13,
    attributes: { site: 'DESY-HH', country: 'DE', tier: '1' },
  }),
  rse('PIC_TAPE', {
    protocols: [
      {
        scheme: 'root',
        hostname: 'xrootd.pic.es',
        port: 1094,
        prefix: '//tape/rucio/',
      },
    ],
    type: 'TAPE',
    availabilityWrite: false,
    attributes: { site: 'PIC', country: 'ES', tier: '1' },
  }),
];

/** What the backend's /rses endpoint does with q, offset and limit. */
export function rsesResponse(url: URL): ListRsesResponse {
  const q = url.searchParams.get('q')?.toLowerCase();
  const offset = Number(url.searchParams.get('offset') ?? 0);
  const limit = Number(url.searchParams.get('limit') ?? 25);
  const status = url.searchParams.get('status') as RseStatusFilter | null;
  const matching = q
    ? RSES.filter(
        r =>
          r.name.toLowerCase().includes(q) ||
          String(r.attributes.country).toLowerCase() === q,
      )
    : RSES;
  const rows = status
    ? matching.filter(RSE_STATUS_FILTERS[status].matches)
    : matching;
  return {
    items: rows.slice(offset, offset + limit),
    total: rows.length,
    offset,
    limit,
    counts: Object.fromEntries(
      RSE_STATUS_FILTER_IDS.map(id => [
        id,
        RSES.filter(RSE_STATUS_FILTERS[id].matches).length,
      ]),
    ) as ListRsesResponse['counts'],
  };
}
