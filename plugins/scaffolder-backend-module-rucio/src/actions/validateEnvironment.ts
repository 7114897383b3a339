import { InputError } from '@backstage/errors';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';
import { validateEnvironmentRepo } from '../validator/validateEnvironmentRepo';

/**
 * `rucio:environment:validate` — validates a Rucio environment repository in
 * the workspace and outputs the report.
 *
 * @public
 */
export function createValidateEnvironmentAction() {
  return createTemplateAction({
    id: 'rucio:environment:validate',
    description:
      'Validates a Rucio environment repository in the workspace (also one edited by hand) and outputs a report.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Validate the repository at the workspace root',
        example: stringify({
          steps: [
            {
              id: 'validate',
              action: 'rucio:environment:validate',
              name: 'Validate the environment repository',
              input: { path: '.' },
            },
          ],
        }),
      },
    ],
    schema: {
      input: {
        path: z =>
          z.string({ description: 'Folder inside the workspace' }).default('.'),
        failOnError: z =>
          z
            .boolean({
              description:
                'Fail the step when an error is found (default true)',
            })
            .optional(),
      },
      output: {
        valid: z => z.boolean(),
        errors: z => z.number(),
        warnings: z => z.number(),
        findings: z =>
          z.array(
            z.object({
              severity: z.enum(['error', 'warning']),
              file: z.string(),
              message: z.string(),
            }),
          ),
      },
    },
    async handler(ctx) {
      const root = resolveSafeChildPath(ctx.workspacePath, ctx.input.path);
      const report = await validateEnvironmentRepo(root);
      const errors = report.findings.filter(f => f.severity === 'error');
      for (const finding of report.findings) {
        ctx.logger.info(
          `${finding.severity}: ${finding.file}: ${finding.message}`,
        );
      }
      ctx.output('valid', report.valid);
      ctx.output('errors', errors.length);
      ctx.output('warnings', report.findings.length - errors.length);
      ctx.output('findings', report.findings);
      // The scaffolder does not apply schema defaults to the input it passes
      // in, so an absent failOnError means the default: fail.
      if (!report.valid && ctx.input.failOnError !== false) {
        throw new InputError(
          `The environment repository is invalid: ${errors
            .map(e => `${e.file}: ${e.message}`)
            .join('; ')}`,
        );
      }
    },
  });
}
