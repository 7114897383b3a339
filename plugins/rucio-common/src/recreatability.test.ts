import type { SecretStatus } from './kubernetesStatus';
import { recreatability } from './recreatability';
import type { CheckResult, EnvironmentSnapshot } from './status';

const result = <T>(
  check: string,
  status: string,
  message: string,
  details?: T,
) =>
  ({
    check,
    status,
    message,
    checkedAt: '2026-12-05T00:00:00Z',
    durationMs: 1,
    details,
  } as CheckResult<T>);

const secret = (over: Partial<SecretStatus>): SecretStatus => ({
  name: 'rucio-db',
  source: 'external-secret',
  keys: ['dbfullstring'],
  usedBy: ['server'],
  status: 'ok',
  message: 'Secret rucio-db comes from an ExternalSecret.',
  ...over,
});

/** A collection where everything is as the repository says. */
function healthy(): EnvironmentSnapshot {
  return {
    environment: 'prod',
    title: 'Prod',
    collectedAt: '2026-12-05T00:00:00Z',
    status: 'ok',
    checks: {
      workloads: result('workloads', 'ok', 'all ready', {
        namespace: 'rucio',
        workloads: [],
        volumeClaims: [],
      }),
      secrets: result('secrets', 'ok', 'all present', {
        namespace: 'rucio',
        externalSecrets: [],
        secrets: [
          secret({}),
          secret({ name: 'tls', source: 'cert-manager' }),
          secret({ name: 'admin', source: 'template' }),
        ],
      }),
      drift: result('drift', 'ok', 'as declared', { total: 0 } as any),
      sync: result('sync', 'ok', 'in sync', {
        controller: 'argocd',
        items: [],
      }),
    },
  } as EnvironmentSnapshot;
}

describe('recreatability', () => {
  it('says yes when nothing keeps state and everything comes from the repository', () => {
    expect(recreatability(healthy())).toEqual({
      state: 'yes',
      reason:
        'Recreatable from the repository: no PersistentVolumeClaim, 3 Secrets from templates, External Secrets or cert-manager, no drift, GitOps in sync.',
    });
  });

  it('gives the first reason, in the order claims, Secrets, drift, sync', () => {
    const s = healthy();
    s.checks.sync = result('sync', 'warning', 'rucio-daemons is OutOfSync');
    s.checks.drift = result('drift', 'warning', '1 difference', {
      total: 1,
    } as any);
    s.checks.secrets!.details!.secrets.push(
      secret({
        name: 'manual',
        source: 'other',
        status: 'warning',
        message: 'Secret manual was made by hand.',
      }),
    );
    s.checks.workloads!.details!.volumeClaims.push(
      { name: 'cache', usedBy: ['webui'] },
      { name: 'other', usedBy: [] },
    );
    const reasons = [];
    for (const fix of [
      () => (s.checks.workloads!.details!.volumeClaims = []),
      () => s.checks.secrets!.details!.secrets.pop(),
      () => (s.checks.drift!.details!.total = 0),
      () => (s.checks.sync = healthy().checks.sync),
    ]) {
      reasons.push(recreatability(s));
      fix();
    }
    reasons.push(recreatability(s));
    expect(reasons.map(r => [r.state, r.check, r.reason])).toEqual([
      [
        'no',
        'workloads',
        'PersistentVolumeClaim cache holds state in the cluster (mounted by webui), and 1 more.',
      ],
      ['no', 'secrets', 'Secret manual was made by hand.'],
      ['no', 'drift', '1 difference'],
      ['no', 'sync', 'rucio-daemons is OutOfSync'],
      ['yes', undefined, expect.stringMatching(/^Recreatable/)],
    ]);
  });

  it('names a missing Secret before one made by hand, and an ExternalSecret that does not sync', () => {
    const s = healthy();
    const { secrets, externalSecrets } = s.checks.secrets!.details!;
    secrets.push(
      secret({ name: 'manual', source: 'other', status: 'warning' }),
      secret({
        name: 'gone',
        missing: true,
        status: 'error',
        message: 'Secret gone is missing.',
      }),
    );
    expect(recreatability(s).reason).toBe('Secret gone is missing.');
    secrets.splice(3);
    externalSecrets.push({
      name: 'unused',
      target: 'unused',
      store: 'SecretStore/vault',
      status: 'error',
      message: 'could not get secret data from provider',
      lastError: 'err: Secret does not exist',
    });
    expect(recreatability(s)).toEqual({
      state: 'no',
      check: 'secrets',
      reason:
        'ExternalSecret unused does not sync: could not get secret data from provider (err: Secret does not exist).',
    });
  });

  it('counts a Deployment on another release than the repository names as drift', () => {
    const s = healthy();
    s.checks.workloads!.details!.rucioVersion = '40.4.1';
    s.checks.workloads!.details!.workloads.push({
      name: 'daemons-reaper',
      desired: 1,
      ready: 1,
      restarts: 0,
      waiting: [],
      tag: 'release-39.3.0',
      versionMatches: false,
      status: 'warning',
      message: '',
    });
    expect(recreatability(s)).toEqual({
      state: 'no',
      check: 'workloads',
      reason:
        "Deployment daemons-reaper runs release-39.3.0, but the repository's rucioVersion is 40.4.1.",
    });
  });

  it('cannot tell without the Kubernetes checks or GitOps', () => {
    const s = healthy();
    s.checks.workloads = result(
      'workloads',
      'unconfigured',
      'No Kubernetes namespace is configured.',
    );
    expect(recreatability(s)).toEqual({
      state: 'unknown',
      check: 'workloads',
      reason:
        'Whether a volume holds state could not be told: No Kubernetes namespace is configured.',
    });
    const t = healthy();
    delete t.checks.sync;
    expect(recreatability(t)).toMatchObject({
      state: 'unknown',
      check: 'sync',
      reason: 'Whether GitOps is in sync is not collected.',
    });
  });
});
