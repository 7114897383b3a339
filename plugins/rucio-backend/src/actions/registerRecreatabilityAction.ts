import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  recreatability,
  type EnvironmentSnapshot,
} from '@rucio-portal/plugin-rucio-common';

/**
 * `get-recreatability`: whether an environment could be recreated from its
 * repository, from its latest collection, with the first reason it could
 * not; the line at the top of the Rucio tab.
 */
export function registerRecreatabilityAction(options: {
  registry: ActionsRegistryService;
  environments: (
    credentials: BackstageCredentials,
    name?: string,
  ) => Promise<
    Array<{
      env: { name: string };
      latest?: { snapshot: EnvironmentSnapshot };
    }>
  >;
}) {
  options.registry.register({
    name: 'get-recreatability',
    title: 'Can a Rucio environment be recreated from its repository?',
    description:
      'Whether the environment could be recreated from its repository alone: no PersistentVolumeClaim, every Secret from a template, External Secrets or cert-manager, no drift from the repository, GitOps in sync. Otherwise the first reason, and the check that shows it.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          environment: z.string().describe('The environment name'),
        }),
      output: z =>
        z.object({
          environment: z.string(),
          state: z.enum(['yes', 'no', 'unknown']),
          reason: z.string(),
          check: z.string().optional(),
          collectedAt: z.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const [{ env, latest }] = await options.environments(
        credentials,
        input.environment,
      );
      if (!latest) {
        return {
          output: {
            environment: env.name,
            state: 'unknown' as const,
            reason: 'The portal has not collected this environment yet.',
          },
        };
      }
      return {
        output: {
          environment: env.name,
          ...recreatability(latest.snapshot),
          collectedAt: latest.snapshot.collectedAt,
        },
      };
    },
  });
}
