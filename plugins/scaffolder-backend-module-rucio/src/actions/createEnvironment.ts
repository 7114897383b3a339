import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';
import { parseEnvironmentSpec } from '../generator/EnvironmentSpec';
import { writeEnvironmentRepository } from './writeEnvironmentRepository';

/**
 * `rucio:environment:create` — writes a complete GitOps repository for a Rucio
 * environment into the workspace, then validates it.
 *
 * @public
 */
export function createCreateEnvironmentAction() {
  return createTemplateAction({
    id: 'rucio:environment:create',
    description:
      'Writes a GitOps repository for a Rucio environment (Helm values, Kustomize overlays, Argo CD or Flux, cert-manager, PgBouncer, RSEs, catalog-info.yaml) and validates it.',
    supportsDryRun: true,
    examples: [
      {
        description: 'A production environment with Argo CD and one S3 RSE',
        example: stringify({
          steps: [
            {
              id: 'rucio',
              action: 'rucio:environment:create',
              name: 'Generate the environment repository',
              input: {
                path: '.',
                environment: {
                  name: 'prod',
                  baseDomain: 'rucio.example.org',
                  overlays: ['staging', 'prod'],
                  repoUrl: 'https://github.com/example/rucio-prod',
                  tls: { issuer: 'letsencrypt', acmeEmail: 'ops@example.org' },
                  database: { host: 'db.example.org' },
                  rses: [
                    {
                      name: 'EXAMPLE_S3',
                      kind: 's3',
                      endpoint: 's3.example.org',
                      bucket: 'rucio',
                    },
                  ],
                  owner: 'group:default/data-management',
                },
              },
            },
          ],
        }),
      },
    ],
    schema: {
      input: z =>
        z.object({
          path: z
            .string({ description: 'Folder inside the workspace' })
            .default('.'),
          environment: z
            .record(z.unknown())
            .describe('The environment; see EnvironmentSpec in the README'),
        }),
      output: {
        files: z => z.array(z.string()),
        entityRef: z => z.string(),
      },
    },
    async handler(ctx) {
      let spec;
      try {
        spec = parseEnvironmentSpec(ctx.input.environment);
      } catch (error) {
        throw new InputError((error as Error).message);
      }
      const files = await writeEnvironmentRepository(ctx, ctx.input.path, spec);
      ctx.logger.info(
        `Wrote ${files.length} files for Rucio environment ${spec.name}`,
      );
    },
  });
}
