import { InputError } from '@backstage/errors';
import {
  resolveSafeChildPath,
  type AuthService,
  type BackstageCredentials,
  type DiscoveryService,
} from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';
import { checkLiveDrift } from '../validator/checkLiveDrift';
import { validationReport } from '../validator/validationReport';
import { validateEnvironmentRepo } from '../validator/validateEnvironmentRepo';
import { portalClient, portalError, type PortalServices } from './portalClient';

/**
 * `rucio:environment:validate` — validates a Rucio environment repository in
 * the workspace and outputs the report; given a live environment, it also
 * reports the drift between the repository's RSEs and those Rucio serves,
 * read from the rucio backend as the user who runs the template.
 *
 * @public
 */
export function createValidateEnvironmentAction(options?: {
  discovery: DiscoveryService;
  auth: AuthService;
}) {
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
        environment: z =>
          z
            .string({
              description:
                'A Rucio environment the portal watches: also report where its RSEs differ from the repository',
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
        report: z =>
          z.string({
            description: 'The findings in Markdown, for a pull request body',
          }),
        drift: z =>
          z
            .array(
              z.object({
                rse: z.string(),
                kind: z.string(),
                key: z.string().optional(),
                repository: z.string(),
                rucio: z.string(),
              }),
            )
            .optional(),
      },
    },
    async handler(ctx) {
      const root = resolveSafeChildPath(ctx.workspacePath, ctx.input.path);
      const report = await validateEnvironmentRepo(root);
      const { environment } = ctx.input;
      if (environment) {
        if (!options) {
          throw new InputError(
            'This rucio:environment:validate was created without the backend services it needs to read a live environment.',
          );
        }
        const served = await servedRses(options, environment, ctx);
        const drift = checkLiveDrift(
          report.rseDefinitions,
          served,
          environment,
        );
        report.findings.push(...drift.findings);
        ctx.output('drift', drift.items);
      }
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
      ctx.output('report', validationReport(report.findings, environment));
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

/** The environment's RSE table as the portal stored it, read as the template's user. */
async function servedRses(
  services: PortalServices,
  environment: string,
  ctx: { getInitiatorCredentials(): Promise<BackstageCredentials> },
) {
  const client = await portalClient(services, ctx);
  try {
    return await client.listAllRses(environment);
  } catch (error) {
    throw portalError(`the RSEs of Rucio environment ${environment}`, error);
  }
}
