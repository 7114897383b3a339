import { stringify } from 'yaml';
import type { EnvironmentSpec } from './EnvironmentSpec';
import { LABEL } from './names';

/** The Secret Argo CD or Flux reads the (usually private) repository with. */
export function gitopsRepositorySecretName(spec: EnvironmentSpec) {
  return `rucio-${spec.name}-repository`;
}

/**
 * A template, without values, of the repository credential. The controller
 * needs it before it can apply anything from the repository, so it is created
 * by hand with every secrets backend, in the controller's namespace.
 */
export function gitopsRepositorySecret(spec: EnvironmentSpec) {
  const name = gitopsRepositorySecretName(spec);
  const argocd = spec.gitops === 'argocd';
  const namespace = argocd ? 'argocd' : 'flux-system';
  const keys = argocd
    ? [
        [
          'url',
          `${spec.repoUrl} (Argo CD matches credentials to the repository by it)`,
        ],
        ['username', 'a user or token name with read access'],
        ['password', 'its token (or use sshPrivateKey for an SSH URL)'],
      ]
    : [
        ['username', 'a user or token name with read access'],
        ['password', 'its token (or identity/known_hosts for an SSH URL)'],
      ];
  return {
    path: 'secrets/gitops-repository.yaml',
    content: [
      `# Template only: the credential ${
        argocd ? 'Argo CD' : 'Flux'
      } reads this repository with.`,
      `# Create it before the first sync, never commit its values. For example:`,
      `#   kubectl -n ${namespace} create secret generic ${name} ${keys
        .map(([key]) => `--from-literal=${key}=<${key}>`)
        .join(' ')}${
        argocd
          ? ` && kubectl -n ${namespace} label secret ${name} argocd.argoproj.io/secret-type=repository`
          : ''
      }`,
      ...keys.map(([key, description]) => `# ${key}: ${description}`),
      stringify(
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: {
            name,
            namespace,
            labels: {
              [LABEL]: spec.name,
              ...(argocd
                ? { 'argocd.argoproj.io/secret-type': 'repository' }
                : {}),
            },
          },
          type: 'Opaque',
        },
        { lineWidth: 0 },
      ),
    ].join('\n'),
  };
}
