import {
  type AuthService,
  type DiscoveryService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { RseRow } from '@rucio-portal/plugin-rucio-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';
import { adoptedRse } from '../generator/adoptedRse';
import { parseEnvironmentSpec } from '../generator/EnvironmentSpec';
import { writeEnvironmentRepository } from './writeEnvironmentRepository';
import { portalClient, portalError } from './portalClient';

/** RSEs per request to the rucio backend (its limit). */
const CHUNK = 100;

/**
 * `rucio:environment:adopt` — writes the repository of a Rucio environment
 * the portal already watches, declaring every RSE as Rucio serves it, the
 * rest from the template's inputs as `rucio:environment:create` does.
 *
 * @public
 */
export function createAdoptEnvironmentAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  return createTemplateAction({
    id: 'rucio:environment:adopt',
    description:
      'Writes the GitOps repository of a running Rucio environment the portal watches: every RSE declared as Rucio serves it, read through the portal as the user who runs the template; the rest as rucio:environment:create writes it.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Adopt the environment the portal watches as "prod"',
        example: stringify({
          steps: [
            {
              id: 'adopt',
              action: 'rucio:environment:adopt',
              name: 'Write the repository of the running environment',
              input: {
                from: 'prod',
                environment: {
                  name: 'prod',
                  baseDomain: 'rucio.example.org',
                  repoUrl: 'https://github.com/example/rucio-prod',
                  database: { host: 'db.example.org' },
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
          from: z.string({
            description: 'The Rucio environment the portal watches',
          }),
          environment: z
            .record(z.unknown())
            .describe(
              'The environment as for rucio:environment:create; its RSEs come from Rucio',
            ),
        }),
      output: {
        files: z => z.array(z.string()),
        entityRef: z => z.string(),
        rses: z => z.number(),
        readNow: z =>
          z.number({
            description: 'RSEs whose details were read from Rucio for this',
          }),
      },
    },
    async handler(ctx) {
      const { from } = ctx.input;
      // Bad input fails before Rucio is asked for anything.
      const parse = (adoptedRses: unknown[]) => {
        try {
          return parseEnvironmentSpec({
            ...ctx.input.environment,
            adoptedRses,
          });
        } catch (error) {
          throw new InputError((error as Error).message);
        }
      };
      parse([]);
      const client = await portalClient(options, ctx);
      let rows: RseRow[];
      try {
        rows = await client.listAllRses(from);
      } catch (error) {
        throw portalError(`the RSEs of Rucio environment ${from}`, error);
      }
      const names = rows.map(r => r.name).sort();
      const kept = rows.filter(r => r.detailsCheckedAt).length;
      ctx.logger.info(
        `Rucio environment ${from} serves ${names.length} RSEs; the portal keeps the details of ${kept}, the others are read from Rucio now`,
      );
      const details = new Map<string, RseRow>();
      const failures: string[] = [];
      let readNow = 0;
      for (let i = 0; i < names.length; i += CHUNK) {
        const chunk = names.slice(i, i + CHUNK);
        let answer;
        try {
          answer = await client.readRseDetails(from, { rses: chunk });
        } catch (error) {
          throw portalError(`the RSE details of ${from}`, error);
        }
        answer.rses.forEach(r => details.set(r.name, r));
        failures.push(
          ...answer.failures,
          ...answer.unknown.map(n => `${n}: no longer listed`),
        );
        readNow += answer.readNow;
        ctx.logger.info(
          `${Math.min(i + CHUNK, names.length)} of ${
            names.length
          } RSEs (${readNow} read from Rucio so far, at most ${
            answer.requestsPerMinute
          } requests a minute)`,
        );
      }
      if (failures.length) {
        throw new InputError(
          `Could not read ${
            failures.length
          } RSEs of ${from}, so none is written: ${failures
            .slice(0, 5)
            .join('; ')}${failures.length > 5 ? '; …' : ''}`,
        );
      }
      const spec = parse(names.map(n => adoptedRse(details.get(n)!)));
      const files = await writeEnvironmentRepository(ctx, ctx.input.path, spec);
      ctx.output('rses', names.length);
      ctx.output('readNow', readNow);
      ctx.logger.info(
        `Wrote ${files.length} files for Rucio environment ${spec.name}, declaring its ${names.length} RSEs as Rucio serves them`,
      );
    },
  });
}
