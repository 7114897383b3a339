import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import type { KubernetesReader } from '../clients/KubernetesReader';
import { UpstreamError } from '../clients/UpstreamError';
import { readEnvironmentConfigs } from '../config/readEnvironmentConfigs';
import type { CheckContext } from './Check';
import { secretsCheck } from './secretsCheck';
import { imageTag, workloadsCheck } from './workloadsCheck';

/**
 * The secrets and workloads checks on clusters the demo does not show: no
 * External Secrets Operator, Secrets made by hand or missing, an image pull
 * failing, a tag other than the repository's.
 */

const [env] = readEnvironmentConfigs(
  new ConfigReader({
    rucio: {
      environments: [
        {
          name: 'prod',
          rucio: { url: 'https://rucio.example.org', token: 't' },
          kubernetes: { cluster: 'c', namespace: 'rucio' },
        },
      ],
    },
  }),
);

/** A cluster answering lists by path; a path it lacks answers 404 as for a missing CRD. */
function cluster(lists: Record<string, unknown[]>): KubernetesReader {
  return {
    name: 'Kubernetes cluster c',
    async list(path: string) {
      const items = lists[path];
      if (!items) {
        throw new UpstreamError({
          upstream: 'Kubernetes cluster c',
          status: 404,
          message: `answered 404 for ${path}`,
        });
      }
      return items;
    },
    async request() {
      throw new Error('not asked');
    },
  } as unknown as KubernetesReader;
}

const context = (
  kubernetes: KubernetesReader,
  repository?: unknown,
): CheckContext =>
  ({
    env,
    clients: { kubernetes, repository },
    signal: new AbortController().signal,
    logger: mockServices.logger.mock(),
  } as unknown as CheckContext);

const deployment = (name: string, pod: object, image = 'x:1') => ({
  metadata: { name },
  spec: {
    replicas: 1,
    template: { spec: { containers: [{ name: 'c', image }], ...pod } },
  },
  status: { readyReplicas: 1 },
});

describe('secretsCheck', () => {
  it('reads a cluster without External Secrets: Secrets by hand, from templates, missing ones named with their Deployment', async () => {
    const result = await secretsCheck.run(
      context(
        cluster({
          '/apis/apps/v1/namespaces/rucio/deployments': [
            deployment('server-rucio-server', {
              volumes: [
                { secret: { secretName: 'rucio-db' } },
                { secret: { secretName: 'idp', optional: true } },
                { projected: { sources: [{ secret: { name: 'gone' } }] } },
              ],
            }),
          ],
          '/api/v1/namespaces/rucio/secrets': [
            {
              metadata: {
                name: 'rucio-db',
                labels: { 'rucio.cern.ch/environment': 'prod' },
              },
              data: { dbfullstring: 'c2VjcmV0' },
            },
            { metadata: { name: 'manual' }, data: { token: 'c2VjcmV0' } },
            {
              metadata: { name: 'default-token' },
              type: 'kubernetes.io/service-account-token',
              data: { token: 'c2VjcmV0' },
            },
          ],
          '/api/v1/namespaces/rucio/events': [],
        }),
      ),
    );
    expect(result.status).toBe('error');
    expect(result.details!.externalSecrets).toEqual([]);
    expect(
      result.details!.secrets.map(s => [s.name, s.source, s.status, s.message]),
    ).toEqual([
      [
        'gone',
        'other',
        'error',
        'Secret gone, needed by server-rucio-server, is missing from namespace rucio.',
      ],
      [
        'manual',
        'other',
        'warning',
        "Secret manual was made by hand: no ExternalSecret or cert-manager Certificate makes it and it lacks the label rucio.cern.ch/environment of the repository's Secret templates, so a new cluster would lack it.",
      ],
      [
        'rucio-db',
        'template',
        'ok',
        "Secret rucio-db comes from the repository's Secret template.",
      ],
    ]);
    expect(result.message).toBe(
      '2 of 3 Secrets need attention: Secret gone, needed by server-rucio-server, is missing from namespace rucio.',
    );
    expect(JSON.stringify(result)).not.toContain('c2VjcmV0');
  });

  it('says when the store an ExternalSecret uses is not ready', async () => {
    const result = await secretsCheck.run(
      context(
        cluster({
          '/apis/apps/v1/namespaces/rucio/deployments': [],
          '/api/v1/namespaces/rucio/secrets': [],
          '/api/v1/namespaces/rucio/events': [],
          '/apis/external-secrets.io/v1/namespaces/rucio/externalsecrets': [
            {
              metadata: { name: 'rucio-db' },
              spec: { secretStoreRef: { kind: 'SecretStore', name: 'vault' } },
              status: {
                conditions: [
                  {
                    type: 'Ready',
                    status: 'False',
                    reason: 'SecretSyncedError',
                    message: 'could not get secret data from provider',
                  },
                ],
              },
            },
          ],
          '/apis/external-secrets.io/v1/namespaces/rucio/secretstores': [
            {
              metadata: { name: 'vault' },
              status: {
                conditions: [
                  {
                    type: 'Ready',
                    status: 'False',
                    reason: 'InvalidProviderConfig',
                    message: 'unable to validate store',
                  },
                ],
              },
            },
          ],
        }),
      ),
    );
    expect(result.details!.externalSecrets[0]).toMatchObject({
      store: 'SecretStore/vault',
      storeReady: false,
      storeMessage: 'unable to validate store',
      status: 'error',
    });
    expect(result.message).toBe(
      'ExternalSecret rucio-db does not sync: could not get secret data from provider.',
    );
  });

  it('says which grant is missing when the cluster refuses to list Secrets', async () => {
    const refusing = cluster({
      '/apis/apps/v1/namespaces/rucio/deployments': [],
      '/api/v1/namespaces/rucio/events': [],
    });
    const list = refusing.list.bind(refusing);
    refusing.list = (async (path: string, options: any) => {
      if (path.endsWith('/secrets')) {
        throw new UpstreamError({
          upstream: 'Kubernetes cluster c',
          status: 403,
          message:
            'answered 403 for /api/v1/namespaces/rucio/secrets: secrets is forbidden: User "system:serviceaccount:backstage:backstage" cannot list resource "secrets" in API group "" in the namespace "rucio"',
        });
      }
      return list(path, options);
    }) as any;
    const result = await secretsCheck.run(context(refusing));
    expect(result.status).toBe('unknown');
    expect(result.message).toMatch(
      /^Kubernetes cluster c refused a read this check needs \(.*cannot list resource "secrets".*\); grant its service account get\/list on secrets, events, deployments and the external-secrets\.io kinds in namespace rucio \(a Role\)\.$/,
    );
  });
});

describe('workloadsCheck', () => {
  const pods = (name: string, waiting?: string) => [
    {
      metadata: {
        name: `${name}-5f7c9-abcde`,
        ownerReferences: [{ kind: 'ReplicaSet', name: `${name}-5f7c9` }],
      },
      status: {
        containerStatuses: [
          {
            name: 'c',
            restartCount: 0,
            state: waiting
              ? {
                  waiting: {
                    reason: waiting,
                    message: 'Back-off pulling image',
                  },
                }
              : { running: {} },
          },
        ],
      },
    },
  ];

  it('names an image that cannot be pulled and a tag other than the repository’s', async () => {
    const repository = {
      locate: async () => ({
        entityRef: 'system:default/prod',
        location: 'https://git.example.org/prod/base/rses/',
      }),
      readRucioVersion: async () => ({
        url: 'https://git.example.org/prod/rucio-environment.yaml',
        rucioVersion: '40.4.1',
      }),
    };
    const result = await workloadsCheck.run(
      context(
        cluster({
          '/apis/apps/v1/namespaces/rucio/deployments': [
            deployment(
              'server-rucio-server',
              {},
              'rucio/rucio-server:release-40.4.1',
            ),
            deployment(
              'daemons-reaper',
              {},
              'rucio/rucio-daemons:release-39.3.0',
            ),
          ],
          '/api/v1/namespaces/rucio/pods': [
            ...pods('server-rucio-server'),
            ...pods('daemons-reaper', 'ImagePullBackOff'),
          ],
          '/api/v1/namespaces/rucio/persistentvolumeclaims': [],
        }),
        repository,
      ),
    );
    expect(result.status).toBe('error');
    expect(
      result.details!.workloads.map(w => [w.name, w.status, w.message]),
    ).toEqual([
      [
        'daemons-reaper',
        'error',
        "Deployment daemons-reaper: daemons-reaper-5f7c9-abcde is in ImagePullBackOff (Back-off pulling image); runs release-39.3.0, but the repository's rucioVersion is 40.4.1.",
      ],
      [
        'server-rucio-server',
        'ok',
        'Deployment server-rucio-server: 1 of 1 ready.',
      ],
    ]);
  });

  it('checks workloads without a repository, leaving the version unchecked', async () => {
    const result = await workloadsCheck.run(
      context(
        cluster({
          '/apis/apps/v1/namespaces/rucio/deployments': [
            deployment('webui', {}),
          ],
          '/api/v1/namespaces/rucio/pods': pods('webui'),
          '/api/v1/namespaces/rucio/persistentvolumeclaims': [],
        }),
      ),
    );
    expect(result).toMatchObject({
      status: 'ok',
      message: '1 Deployment in rucio, all ready; no PersistentVolumeClaim.',
      details: { versionSource: 'no repository reader' },
    });
    expect(result.details!.workloads[0].versionMatches).toBeUndefined();
  });

  it.each([
    ['rucio/rucio-server:release-40.4.1', 'release-40.4.1'],
    ['registry:5000/rucio/webui:40.4.1@sha256:abc', '40.4.1'],
    ['registry:5000/rucio/webui', undefined],
  ])('reads the tag of %s', (image, tag) => {
    expect(imageTag(image)).toBe(tag);
  });
});
