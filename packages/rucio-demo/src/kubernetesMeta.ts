/** What every demo Kubernetes object shares. */

export const NS = 'rucio';
export const KUBERNETES_ID = 'rucio-demo';

export function meta(
  name: string,
  component: string,
  startedAt: number,
  extra: Record<string, unknown> = {},
) {
  return {
    name,
    namespace: NS,
    uid: `uid-${name}`,
    creationTimestamp: new Date(startedAt - 86_400_000)
      .toISOString()
      .replace(/\.\d+Z$/, 'Z'),
    labels: {
      'app.kubernetes.io/name': component,
      'app.kubernetes.io/part-of': 'rucio',
      'backstage.io/kubernetes-id': KUBERNETES_ID,
    },
    ...extra,
  };
}
