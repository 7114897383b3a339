import type {
  CheckResult,
  SecretsCheckDetails,
  WorkloadsCheckDetails,
} from '@rucio-portal/plugin-rucio-common';

const now = new Date().toISOString();

/** The workloads and secrets checks as the backend reports the demo's. */
export const workloads: CheckResult<WorkloadsCheckDetails> = {
  check: 'workloads',
  status: 'error',
  checkedAt: now,
  durationMs: 9,
  message:
    '1 of 2 Deployments need attention: Deployment daemons-hermes: daemons-hermes-0 is in CrashLoopBackOff.',
  details: {
    namespace: 'rucio',
    rucioVersion: '40.1.0',
    versionSource: 'https://github.com/org/rucio-demo/rucio-environment.yaml',
    workloads: [
      {
        name: 'daemons-hermes',
        desired: 1,
        ready: 0,
        restarts: 7,
        lastRestartAt: now,
        waiting: [{ pod: 'daemons-hermes-0', reason: 'CrashLoopBackOff' }],
        image: 'rucio/rucio-daemons:release-39.3.0',
        tag: 'release-39.3.0',
        versionMatches: false,
        status: 'error',
        message:
          'Deployment daemons-hermes: daemons-hermes-0 is in CrashLoopBackOff.',
      },
      {
        name: 'server-rucio-server',
        desired: 2,
        ready: 2,
        restarts: 0,
        waiting: [],
        image: 'rucio/rucio-server:release-40.1.0',
        tag: 'release-40.1.0',
        versionMatches: true,
        status: 'ok',
        message: 'Deployment server-rucio-server: 2 of 2 ready.',
      },
    ],
    volumeClaims: [
      {
        name: 'rucio-webui-cache',
        phase: 'Bound',
        size: '1Gi',
        usedBy: ['webui-rucio-webui'],
      },
    ],
  },
};

export const secrets: CheckResult<SecretsCheckDetails> = {
  check: 'secrets',
  status: 'error',
  checkedAt: now,
  durationMs: 7,
  message: '1 of 2 Secrets need attention: Secret rucio-rse-accounts …',
  details: {
    namespace: 'rucio',
    secrets: [
      {
        name: 'rucio-db',
        source: 'external-secret',
        keys: ['dbfullstring'],
        createdAt: now,
        usedBy: ['server-rucio-server'],
        status: 'ok',
        message: 'Secret rucio-db comes from an ExternalSecret.',
      },
      {
        name: 'rucio-rse-accounts',
        source: 'external-secret',
        keys: ['rse-accounts.cfg'],
        createdAt: now,
        usedBy: ['server-rucio-server'],
        status: 'error',
        message:
          'Secret rucio-rse-accounts, needed by server-rucio-server, its ExternalSecret does not sync: SecretSyncedError.',
      },
    ],
    externalSecrets: [
      {
        name: 'rucio-rse-accounts',
        target: 'rucio-rse-accounts',
        store: 'SecretStore/rucio-vault',
        storeReady: true,
        ready: false,
        reason: 'SecretSyncedError',
        message: 'could not get secret data from provider',
        lastError:
          'error processing spec.data[0] (key: kv/rucio/demo/rucio-rse-accounts), err: Secret does not exist',
        refreshInterval: '1h',
        refreshedAt: now,
        status: 'error',
      },
    ],
  },
};
