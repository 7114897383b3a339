import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'yaml';
import { describeIssues } from '../generator/environmentInput';
import { ENVIRONMENT_FILE } from '../generator/environmentFile';
import { rseSpecSchema } from '../generator/rseSpec';
import { generateEnvironment } from '../generator/generateEnvironment';
import { rseFile } from '../generator/rses';
import { writeFiles } from '../generator/writeFiles';
import { readWorkspaceSpec } from './readWorkspaceSpec';

/**
 * `rucio:rse:add` — adds one RSE to the environment's spec
 * (`rucio-environment.yaml`) and regenerates the repository from it, so the
 * definition, the catalog Resource and whatever the RSE needs elsewhere (its
 * FTS3 attribute, the signing credentials mounted into server and daemons,
 * their Secret templates or ExternalSecrets) arrive together. Running it
 * again with the same RSE changes nothing; another RSE with an existing name
 * is refused.
 *
 * @public
 */
export function createAddRseAction() {
  return createTemplateAction({
    id: 'rucio:rse:add',
    description:
      'Adds an RSE to a Rucio environment repository in the workspace.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Add a POSIX RSE served over WebDAV',
        example: stringify({
          steps: [
            {
              id: 'rse',
              action: 'rucio:rse:add',
              input: {
                path: '.',
                rse: {
                  name: 'SITE_POSIX',
                  kind: 'posix',
                  endpoint: 'webdav.site.example.org',
                  path: '/data/rucio/',
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
            .string({ description: 'The repository inside the workspace' })
            .default('.'),
          rse: z
            .record(z.unknown())
            .describe(
              'name, kind (s3|gcs|azure|posix|archive), endpoint, bucket, path, tape',
            ),
        }),
      output: {
        file: z => z.string(),
        changed: z => z.boolean(),
      },
    },
    async handler(ctx) {
      const parsed = rseSpecSchema.safeParse(ctx.input.rse);
      if (!parsed.success) {
        throw new InputError(describeIssues('RSE', parsed.error.issues, 'rse'));
      }
      const rse = parsed.data;
      const root = resolveSafeChildPath(ctx.workspacePath, ctx.input.path);
      const spec = await readWorkspaceSpec(root, ctx.input.path);
      const file = rseFile(rse);
      const existing = spec.rses.find(r => r.name === rse.name);
      if (existing) {
        if (isDeepStrictEqual(existing, rse)) {
          ctx.output('file', file);
          ctx.output('changed', false);
          return;
        }
        throw new ConflictError(
          `An RSE named ${rse.name} already exists in ${ENVIRONMENT_FILE} with another definition`,
        );
      }
      if (spec.adoptedRses.some(r => r.rse === rse.name)) {
        throw new ConflictError(
          `RSE ${rse.name} was adopted from Rucio and is declared as it was served (adoptedRses in ${ENVIRONMENT_FILE}); edit that definition instead`,
        );
      }
      const files = generateEnvironment({ ...spec, rses: [...spec.rses, rse] });
      ctx.output('file', file);
      ctx.output('changed', true);
      await writeFiles(root, files);
      ctx.logger.info(
        `Added RSE ${rse.name} to environment ${spec.name}; regenerated ${files.length} files`,
      );
    },
  });
}
