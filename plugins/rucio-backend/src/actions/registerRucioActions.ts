import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CHECK_IDS,
  rucioEnvironmentReadPermission,
  type RseRow,
} from '@rucio-portal/plugin-rucio-common';
import type { RucioEnvironmentService } from '../service/RucioEnvironmentService';
import { registerRecreatabilityAction } from './registerRecreatabilityAction';

/** "Near MinFreeSpace": less free than this many times the limit. */
export const NEAR_MIN_FREE_SPACE = 1.1;

const READ_ONLY = { readOnly: true, idempotent: true, destructive: false };

/**
 * Registers the plugin's read-only actions with Backstage's actions registry
 * (exposed as MCP tools by `@backstage/plugin-mcp-actions-backend`). Each
 * answers from the stored collections, as the caller: an environment the
 * caller may not read (`rucio.environment.read`, per environment) is neither
 * listed nor answered. The registry's `visibilityPermission` takes only basic
 * permissions, so the actions themselves are visible to every caller.
 */
export function registerRucioActions(options: {
  actionsRegistry: ActionsRegistryService;
  service: RucioEnvironmentService;
  permissions: PermissionsService;
}) {
  const { actionsRegistry: registry, service, permissions } = options;

  /**
   * The named environment, or every one the caller may read; each with its
   * latest collection. A named one the caller may not read is refused before
   * it is looked up, so the refusal tells nothing of it.
   */
  async function environments(
    credentials: BackstageCredentials,
    name?: string,
  ) {
    const names = name ? [name] : service.environments.map(e => e.name);
    const decisions = await permissions.authorize(
      names.map(resourceRef => ({
        permission: rucioEnvironmentReadPermission,
        resourceRef,
      })),
      { credentials },
    );
    const allowed = names.filter(
      (_, i) => decisions[i].result === AuthorizeResult.ALLOW,
    );
    if (name && !allowed.length) {
      throw new NotAllowedError(
        `${rucioEnvironmentReadPermission.name}: you may not read Rucio environment ${name}`,
      );
    }
    return Promise.all(
      allowed.map(async n => {
        const env = service.get(n);
        return { env, latest: await service.latest(env.name) };
      }),
    );
  }

  registry.register({
    name: 'get-rucio-environment-status',
    title: 'Get the status of a Rucio environment',
    description:
      'The status of every check of one Rucio environment the portal watches (server, auth, WebUI, daemons, FTS3, database, RSEs, certificates, GitOps sync, rules, transfers, drift), with each message and when it was collected.',
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          environment: z.string().describe('The environment name'),
        }),
      output: z =>
        z.object({
          environment: z.string(),
          title: z.string(),
          status: z.string(),
          collectedAt: z.string().optional(),
          stale: z.boolean(),
          checks: z.array(
            z.object({
              check: z.enum(CHECK_IDS),
              status: z.string(),
              message: z.string(),
              checkedAt: z.string(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const [{ env, latest }] = await environments(
        credentials,
        input.environment,
      );
      const snapshot = latest?.snapshot;
      return {
        output: {
          environment: env.name,
          title: env.title ?? env.name,
          status: snapshot?.status ?? 'unknown',
          collectedAt: snapshot?.collectedAt,
          stale: service.isStale(env),
          checks: CHECK_IDS.flatMap(id => {
            const result = snapshot?.checks[id];
            return result
              ? [
                  {
                    check: id,
                    status: result.status,
                    message: result.message,
                    checkedAt: result.checkedAt,
                  },
                ]
              : [];
          }),
        },
      };
    },
  });

  registry.register({
    name: 'list-rucio-rses',
    title: 'List the RSEs of a Rucio environment',
    description: `RSEs of one Rucio environment with availability, usage and MinFreeSpace. Filter by name, site, country, tier or city; "nearMinFreeSpace" keeps RSEs with less than ${NEAR_MIN_FREE_SPACE} × their MinFreeSpace free, "closedForWrites" those Rucio lists with availability_write false.`,
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          environment: z.string().describe('The environment name'),
          filter: z
            .string()
            .optional()
            .describe('Part of the name, site, country, tier or city'),
          nearMinFreeSpace: z.boolean().optional(),
          closedForWrites: z.boolean().optional(),
          sort: z
            .enum(['name', 'type', 'used', 'free', 'total', 'usage'])
            .optional(),
          order: z.enum(['asc', 'desc']).optional(),
          limit: z.number().int().min(1).max(500).optional(),
        }),
      output: z =>
        z.object({
          total: z.number(),
          collectedAt: z.string().optional(),
          rses: z.array(
            z.object({
              name: z.string(),
              type: z.string(),
              availabilityRead: z.boolean(),
              availabilityWrite: z.boolean(),
              availabilityDelete: z.boolean(),
              usedBytes: z.number().optional(),
              freeBytes: z.number().optional(),
              totalBytes: z.number().optional(),
              minFreeSpaceBytes: z.number().optional(),
              belowMinFreeSpace: z.boolean(),
              nearMinFreeSpace: z.boolean(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      await environments(credentials, input.environment);
      const near = (r: RseRow) =>
        r.minFreeSpaceBytes !== undefined &&
        r.freeBytes !== undefined &&
        r.freeBytes < r.minFreeSpaceBytes * NEAR_MIN_FREE_SPACE;
      const page = await service.listRses(
        service.get(input.environment).name,
        {
          q: input.filter,
          sort: input.sort,
          order: input.order,
          limit: input.limit ?? 50,
        },
        r =>
          (!input.nearMinFreeSpace || near(r)) &&
          (!input.closedForWrites || !r.availabilityWrite),
      );
      return {
        output: {
          total: page.total,
          collectedAt: page.collectedAt,
          rses: page.items.map(r => ({
            name: r.name,
            type: r.type,
            availabilityRead: r.availabilityRead,
            availabilityWrite: r.availabilityWrite,
            availabilityDelete: r.availabilityDelete,
            usedBytes: r.usedBytes,
            freeBytes: r.freeBytes,
            totalBytes: r.totalBytes,
            minFreeSpaceBytes: r.minFreeSpaceBytes,
            belowMinFreeSpace: r.belowMinFreeSpace,
            nearMinFreeSpace: near(r),
          })),
        },
      };
    },
  });

  registry.register({
    name: 'list-expiring-certificates',
    title: 'List expiring certificates',
    description:
      'Certificates (TLS endpoints and cert-manager Certificates) that expire within the given number of days, across every Rucio environment the caller may read, soonest first.',
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          days: z.number().min(0).max(3650).default(21),
        }),
      output: z =>
        z.object({
          certificates: z.array(
            z.object({
              environment: z.string(),
              name: z.string(),
              source: z.string(),
              status: z.string(),
              daysLeft: z.number(),
              notAfter: z.string().optional(),
              message: z.string(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const days = input.days ?? 21;
      const certificates = (await environments(credentials))
        .flatMap(({ env, latest }) =>
          (
            latest?.snapshot.checks.certificates?.details?.certificates ?? []
          ).flatMap(c =>
            c.daysLeft !== undefined && c.daysLeft <= days
              ? [
                  {
                    environment: env.name,
                    name: c.name,
                    source: c.source,
                    status: c.status,
                    daysLeft: c.daysLeft,
                    notAfter: c.notAfter,
                    message: c.message,
                  },
                ]
              : [],
          ),
        )
        .sort((a, b) => a.daysLeft - b.daysLeft);
      return { output: { certificates } };
    },
  });

  registry.register({
    name: 'list-stuck-rules-summary',
    title: 'Summarise stuck replication rules',
    description:
      'Per Rucio environment (one or all the caller may read): rules by state, STUCK rules older than the threshold and the RSEs holding most stuck locks, or why the numbers are not available.',
    attributes: READ_ONLY,
    schema: {
      input: z => z.object({ environment: z.string().optional() }),
      output: z =>
        z.object({
          environments: z.array(
            z.object({
              environment: z.string(),
              status: z.string(),
              message: z.string(),
              byState: z.record(z.number()).optional(),
              stuckOlder: z
                .object({ hours: z.number(), count: z.number() })
                .optional(),
              stuckLocksByRse: z
                .array(z.object({ rse: z.string(), locks: z.number() }))
                .optional(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      return {
        output: {
          environments: (
            await environments(credentials, input.environment)
          ).map(({ env, latest }) => {
            const rules = latest?.snapshot.checks.rules;
            return {
              environment: env.name,
              status: rules?.status ?? 'unknown',
              message: rules?.message ?? 'Not collected yet.',
              byState: rules?.details?.byState,
              stuckOlder: rules?.details?.stuckOlder,
              stuckLocksByRse: rules?.details?.stuckLocksByRse,
            };
          }),
        },
      };
    },
  });

  registry.register({
    name: 'list-failing-transfer-links',
    title: 'List failing transfer links',
    description:
      'RSE → RSE links whose transfers failed more than the given share over 6 h (default: each environment’s own limit), worst first, with queued, done and failed files.',
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          environment: z.string().optional(),
          minFailureRatio: z.number().min(0).max(1).optional(),
          limit: z.number().int().min(1).max(200).default(20),
        }),
      output: z =>
        z.object({
          links: z.array(
            z.object({
              environment: z.string(),
              source: z.string(),
              destination: z.string(),
              failureRatio6h: z.number(),
              failedFiles6h: z.number(),
              doneFiles6h: z.number(),
              queuedFiles: z.number(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const links = (await environments(credentials, input.environment))
        .flatMap(({ env, latest }) => {
          const limit =
            input.minFailureRatio ?? env.dataPlane.linkFailureRatioWarning;
          return (latest?.snapshot.checks.transfers?.details?.links ?? [])
            .filter(l => (l.failureRatio6h ?? 0) > limit)
            .map(l => ({
              environment: env.name,
              source: l.source,
              destination: l.destination,
              failureRatio6h: l.failureRatio6h ?? 0,
              failedFiles6h: l.failedFiles6h,
              doneFiles6h: l.doneFiles6h,
              queuedFiles: l.queuedFiles,
            }));
        })
        .sort((a, b) => b.failureRatio6h - a.failureRatio6h)
        .slice(0, input.limit ?? 20);
      return { output: { links } };
    },
  });

  registerRecreatabilityAction({ registry, environments });
}
