import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { ENVIRONMENT_FILE } from '../generator/environmentFile';
import {
  applyChange,
  environmentChangeSchema,
} from '../generator/environmentChanges';
import { describeIssues, withoutEmpty } from '../generator/environmentInput';
import { generateEnvironment } from '../generator/generateEnvironment';
import { findHandEdits } from '../generator/handEdits';
import { serialize, writeFiles } from '../generator/writeFiles';
import { readWorkspaceSpec } from './readWorkspaceSpec';
import { upgradeDescription } from './upgradeDescription';

/**
 * `rucio:environment:upgrade` — applies one change to the spec of an
 * environment repository in the workspace (fetched with `fetch:plain`, which
 * reads through Backstage's UrlReader), regenerates, and writes only the
 * files the change alters, so that a following `publish:github:pull-request`
 * or `publish:gitlab:merge-request` proposes exactly that difference. Files
 * edited by hand are kept; a change that would rewrite one is refused unless
 * `overwriteHandEdited` is set.
 *
 * @public
 */
export function createUpgradeEnvironmentAction() {
  return createTemplateAction({
    id: 'rucio:environment:upgrade',
    description:
      'Changes a Rucio environment repository through its rucio-environment.yaml and regenerates what the change alters, for a pull request.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Move the Secrets to Vault through External Secrets',
        example: stringify({
          steps: [
            {
              id: 'upgrade',
              action: 'rucio:environment:upgrade',
              input: {
                path: 'environment',
                change: {
                  type: 'external-secrets',
                  vaultServer: 'https://vault.example.org:8200',
                  vaultPath: 'rucio/prod',
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
          change: z
            .record(z.unknown())
            .describe(
              'type: external-secrets | overlay | monitoring | daemons | version, and its fields',
            ),
          overwriteHandEdited: z
            .boolean({
              description:
                'Rewrite files edited by hand when the change alters them',
            })
            .default(false),
        }),
      output: {
        title: z => z.string(),
        description: z => z.string(),
        branchName: z => z.string(),
        changed: z => z.array(z.string()),
        removed: z => z.array(z.string()),
        handEdited: z => z.array(z.string()),
      },
    },
    async handler(ctx) {
      // The template passes every field of its form, empty where not asked.
      const parsed = environmentChangeSchema.safeParse(
        withoutEmpty(ctx.input.change),
      );
      if (!parsed.success) {
        throw new InputError(describeIssues('change', parsed.error.issues));
      }
      const change = parsed.data;
      const root = resolveSafeChildPath(ctx.workspacePath, ctx.input.path);
      const spec = await readWorkspaceSpec(root, ctx.input.path);
      const before = generateEnvironment(spec);
      const applied = applyChange(spec, change);
      const after = generateEnvironment(applied.spec);

      const previous = new Map(before.map(f => [f.path, serialize(f)]));
      const written = after.filter(f => previous.get(f.path) !== serialize(f));
      const kept = new Set(after.map(f => f.path));
      const removed = before.map(f => f.path).filter(p => !kept.has(p));
      const edits = await findHandEdits(root, before);
      const handEdited = [...edits.edited, ...edits.missing].sort();
      const touched = new Set([...written.map(f => f.path), ...removed]);
      const overwritten = handEdited.filter(p => touched.has(p));
      if (overwritten.length && !ctx.input.overwriteHandEdited) {
        throw new ConflictError(
          `The change rewrites files edited by hand: ${overwritten.join(
            ', ',
          )}. Carry the edits into ${ENVIRONMENT_FILE} where it can express them, or ask to overwrite them.`,
        );
      }

      await writeFiles(root, written);
      for (const file of removed) {
        await fs.rm(path.join(root, file), { force: true });
      }
      const changed = written.map(f => f.path);
      ctx.output('title', applied.title);
      ctx.output(
        'description',
        upgradeDescription({
          change: change.type,
          added: changed.filter(p => !previous.has(p)),
          changed: changed.filter(p => previous.has(p)),
          removed,
          handEdited,
          overwritten,
          notes: applied.notes,
        }),
      );
      ctx.output('branchName', `rucio/${spec.name}/${change.type}`);
      ctx.output('changed', changed);
      ctx.output('removed', removed);
      ctx.output('handEdited', handEdited);
      ctx.logger.info(
        `${applied.title}: ${changed.length} files written, ${removed.length} removed, ${handEdited.length} edited by hand`,
      );
    },
  });
}
