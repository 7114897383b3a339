import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';
import { parseEnvironmentSpec } from '../generator/EnvironmentSpec';
import { generateEnvironment } from '../generator/generateEnvironment';
import { writeFiles } from '../generator/writeFiles';
import { validateEnvironmentRepo } from '../validator/validateEnvironmentRepo';

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
      const files = generateEnvironment(spec);
      const root = resolveSafeChildPath(ctx.workspacePath, ctx.input.path);
      ctx.output(
        'files',
        files.map(f => f.path),
      );
      ctx.output(
        'entityRef',
        `system:default/${spec.system ?? `rucio-${spec.name}`}`,
      );
      // A dry run (the template editor's preview) runs in a temporary
      // workspace: writing there is what lets the preview show the files and
      // the next step validate them, as fetch:template does.
      await writeFiles(root, files);
      const report = await validateEnvironmentRepo(root);
      if (!report.valid) {
        throw new InputError(
          `The generated repository does not validate: ${report.findings
            .map(f => `${f.file}: ${f.message}`)
            .join('; ')}`,
        );
      }
      ctx.logger.info(
        `Wrote ${files.length} files for Rucio environment ${spec.name}`,
      );
    },
  });
}
