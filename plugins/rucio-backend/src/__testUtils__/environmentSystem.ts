/** A catalog System naming a Rucio environment, owned by data-management. */
export function environmentSystem(
  name: string,
  environment: string,
  annotations: Record<string, string> = {},
) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'rucio.cern.ch/environment': environment, ...annotations },
    },
    spec: { owner: 'group:default/data-management' },
  };
}
