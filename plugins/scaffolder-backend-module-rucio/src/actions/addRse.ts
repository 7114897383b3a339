import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { RUCIO_ENVIRONMENT_ANNOTATION } from '@internal/plugin-rucio-common';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { rseSpecSchema } from '../generator/EnvironmentSpec';
import {
  rseDefinition,
  rseEntity,
  rseFile,
  RSES_CONFIGMAP,
  RSES_DIR,
} from '../generator/rses';
import { serialize } from '../generator/writeFiles';

/**
 * `rucio:rse:add` — adds one RSE (definition, secret reference and catalog
 * Resource) to an environment repository. Running it again with the same RSE
 * changes nothing; another RSE with an existing name is refused.
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
        throw new InputError(
          `Invalid RSE: ${parsed.error.issues
            .map(i => `${i.path.join('.') || 'rse'}: ${i.message}`)
            .join('; ')}`,
        );
      }
      const rse = parsed.data;
      const root = resolveSafeChildPath(ctx.workspacePath, ctx.input.path);
      const catalogPath = path.join(root, 'catalog-info.yaml');
      let catalogText: string;
      try {
        catalogText = await fs.readFile(catalogPath, 'utf8');
      } catch {
        throw new InputError(
          `${ctx.input.path}/catalog-info.yaml is missing: is this a Rucio environment repository?`,
        );
      }
      const docs = parseAllDocuments(catalogText).map(d => d.toJS());
      const system = docs.find(d => d?.kind === 'System');
      const envName =
        system?.metadata?.annotations?.[RUCIO_ENVIRONMENT_ANNOTATION];
      if (!envName) {
        throw new InputError(
          'catalog-info.yaml has no System with the rucio.cern.ch/environment annotation',
        );
      }
      const spec = { name: envName, owner: system.spec.owner };
      const file = rseFile(rse);
      const definition = rseDefinition(spec, rse);
      const target = path.join(root, file);
      const existing = await fs
        .readFile(target, 'utf8')
        .then(parse, () => undefined);
      if (existing) {
        if (
          isDeepStrictEqual(existing, JSON.parse(JSON.stringify(definition)))
        ) {
          ctx.output('file', file);
          ctx.output('changed', false);
          return;
        }
        throw new ConflictError(
          `An RSE named ${rse.name} already exists in ${file} with another definition`,
        );
      }
      const kustomizationPath = path.join(root, RSES_DIR, 'kustomization.yaml');
      const kustomization = await fs
        .readFile(kustomizationPath, 'utf8')
        .then(parse, () => undefined);
      const generator = kustomization?.configMapGenerator?.find(
        (g: { name?: string }) => g?.name === RSES_CONFIGMAP,
      );
      if (!Array.isArray(generator?.files)) {
        throw new InputError(
          `${RSES_DIR}/kustomization.yaml has no ${RSES_CONFIGMAP} configMapGenerator: is this a Rucio environment repository?`,
        );
      }
      ctx.output('file', file);
      ctx.output('changed', true);
      if (ctx.isDryRun) return;
      await fs.writeFile(
        target,
        serialize({ path: file, content: definition }),
        'utf8',
      );
      // The Job reads the definitions from the generated ConfigMap.
      generator.files = [
        ...new Set([...generator.files, `${rse.name}.json`]),
      ].sort();
      await fs.writeFile(
        kustomizationPath,
        stringify(kustomization, { lineWidth: 0 }),
        'utf8',
      );
      const entity = rseEntity(spec, system.metadata.name, rse);
      if (
        !docs.some(
          d =>
            d?.kind === 'Resource' && d.metadata?.name === entity.metadata.name,
        )
      ) {
        await fs.writeFile(
          catalogPath,
          `${catalogText.replace(/\n*$/, '\n')}---\n${stringify(entity, {
            lineWidth: 0,
          })}`,
          'utf8',
        );
      }
      ctx.logger.info(`Added RSE ${rse.name} to environment ${envName}`);
    },
  });
}
