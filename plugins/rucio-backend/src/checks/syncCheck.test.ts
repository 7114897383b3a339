import { ConfigReader } from '@backstage/config';
import type { KubernetesReader } from '../clients/KubernetesReader';
import { readEnvironmentConfigs } from '../config/readEnvironmentConfigs';
import { syncCheck } from './syncCheck';

/**
 * Applications as Argo CD reports them (pkg/apis/application/v1alpha1
 * types.go, SyncStatus): `revision` for one source, `revisions` for the
 * multi-source Applications the generator writes (chart + values repository).
 */
const applications = [
  {
    metadata: { name: 'rucio-base-prod-prod', namespace: 'argocd' },
    spec: { source: { repoURL: 'https://git.example.org/rucio-prod' } },
    status: {
      sync: {
        status: 'Synced',
        revision: '4f1c2b9e8d7a6c5b4a3f2e1d0c9b8a7f6e5d4c3b',
      },
      health: { status: 'Healthy' },
    },
  },
  {
    metadata: { name: 'rucio-server-prod-prod', namespace: 'argocd' },
    spec: {
      sources: [
        {
          repoURL: 'https://rucio.github.io/helm-charts',
          chart: 'rucio-server',
        },
        { repoURL: 'https://git.example.org/rucio-prod', ref: 'values' },
      ],
    },
    status: {
      sync: {
        status: 'Synced',
        revisions: ['40.0.0', '4f1c2b9e8d7a6c5b4a3f2e1d0c9b8a7f6e5d4c3b'],
      },
      health: { status: 'Healthy' },
    },
  },
];

describe('syncCheck with Argo CD', () => {
  it('shows the revision of single-source and the revisions of multi-source Applications', async () => {
    const [env] = readEnvironmentConfigs(
      new ConfigReader({
        rucio: {
          environments: [
            {
              name: 'prod',
              rucio: { url: 'https://rucio.example.org', token: 't' },
              kubernetes: { cluster: 'c', namespace: 'rucio' },
              gitops: { controller: 'argocd', namespace: 'argocd' },
            },
          ],
        },
      }),
    );
    const kubernetes = {
      name: 'Kubernetes cluster c',
      list: async () => applications,
    } as unknown as KubernetesReader;
    const result = await syncCheck.run({
      env,
      clients: { kubernetes },
      signal: AbortSignal.timeout(1000),
    } as any);
    expect(result.details!.items.map(i => [i.name, i.revision])).toEqual([
      ['rucio-base-prod-prod', '4f1c2b9'],
      ['rucio-server-prod-prod', '40.0.0, 4f1c2b9'],
    ]);
  });
});
