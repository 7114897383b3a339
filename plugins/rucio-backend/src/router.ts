import type {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  CHECK_IDS,
  rucioEnvironmentReadPermission,
  rucioEnvironmentRefreshPermission,
  rucioGitopsSyncPermission,
  RSE_SORT_FIELDS,
  RSE_STATUS_FILTER_IDS,
  type RseStatusFilter,
  type GetEnvironmentResponse,
  type HealthResponse,
  type GetHistoryResponse,
  type ListEnvironmentsResponse,
} from '@rucio-portal/plugin-rucio-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { EnvironmentBodyCache } from './service/EnvironmentBodyCache';
import type { RucioEnvironmentService } from './service/RucioEnvironmentService';

/** @internal */
export interface RouterOptions {
  service: RucioEnvironmentService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
}

const rseDetailsBody = z
  .object({
    rses: z.array(z.string().min(1).max(200)).min(1).max(100),
  })
  .strict();

const rsesQuery = z
  .object({
    q: z.string().max(200).optional(),
    offset: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
    sort: z.enum(RSE_SORT_FIELDS).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    status: z
      .enum(RSE_STATUS_FILTER_IDS as [RseStatusFilter, ...RseStatusFilter[]])
      .optional(),
  })
  .strict();

/**
 * The REST API under `/api/rucio`. Reads answer from the store only; refresh
 * enqueues a collection and returns at once.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, httpAuth, permissions, auditor } = options;
  const router = Router();
  const bodies = EnvironmentBodyCache.create();
  router.use(express.json());

  // Reads are frequent and permission decisions change rarely: keep each
  // caller's decisions for a few seconds, and share one that is being asked
  // (a burst of reads after expiry asks the permission backend once).
  // Mutations always ask afresh.
  const decisions = new Map<
    string,
    { at: number; allowed: Promise<boolean> }
  >();
  const DECISION_TTL_MS = 10_000;

  async function decideAll(
    req: express.Request,
    items: Array<{ permission: ResourcePermission; environment: string }>,
    mode: { fresh?: boolean } = {},
  ): Promise<boolean[]> {
    const credentials = await httpAuth.credentials(req);
    const principal = credentials.principal as {
      type?: string;
      userEntityRef?: string;
      subject?: string;
    };
    const who = principal.userEntityRef ?? principal.subject ?? principal.type;
    const keys = items.map(i => `${who}|${i.permission.name}|${i.environment}`);
    const now = Date.now();
    const results = keys.map(key => {
      const cached = decisions.get(key);
      return !mode.fresh && cached && now - cached.at <= DECISION_TTL_MS
        ? cached.allowed
        : undefined;
    });
    const missing = items
      .map((item, index) => ({ item, index }))
      .filter(({ index }) => !results[index]);
    if (missing.length) {
      const answers = permissions.authorize(
        missing.map(({ item }) => ({
          permission: item.permission,
          resourceRef: item.environment,
        })),
        { credentials },
      );
      if (decisions.size > 10_000) decisions.clear();
      missing.forEach(({ index }, i) => {
        const key = keys[index];
        const allowed = answers.then(
          a => a[i].result === AuthorizeResult.ALLOW,
        );
        const entry = { at: now, allowed };
        decisions.set(key, entry);
        results[index] = allowed;
        // A failed decision is not kept; whoever awaits it gets the error.
        allowed.catch(() => {
          if (decisions.get(key) === entry) decisions.delete(key);
        });
      });
    }
    return Promise.all(results as Array<Promise<boolean>>);
  }

  async function decide(
    req: express.Request,
    permission: ResourcePermission,
    environment: string,
  ) {
    const [allowed] = await decideAll(req, [{ permission, environment }], {
      fresh: req.method !== 'GET',
    });
    return allowed;
  }

  /** Asked before the environment is looked up, so a refusal tells nothing of it. */
  async function requireRead(req: express.Request, environment: string) {
    if (!(await decide(req, rucioEnvironmentReadPermission, environment))) {
      throw new NotAllowedError(
        `${rucioEnvironmentReadPermission.name}: you may not read Rucio environment ${environment}`,
      );
    }
  }

  // The httpRouter's credentials barrier already refused unauthenticated callers.
  router.get('/health', (_req, res) => {
    const body: HealthResponse = {
      status: 'ok',
      environments: service.environments.length,
    };
    res.json(body);
  });

  router.get('/environments', async (req, res) => {
    // Only the environments the caller may read are listed.
    const readable = await decideAll(
      req,
      service.environments.map(env => ({
        permission: rucioEnvironmentReadPermission,
        environment: env.name,
      })),
    );
    const listed = service.environments.filter((_, i) => readable[i]);
    const body: ListEnvironmentsResponse = {
      items: await Promise.all(listed.map(env => service.listItem(env))),
    };
    res.json(body);
  });

  router.get('/environments/:name', async (req, res) => {
    const name = req.params.name;
    // What the caller may do is decided apart from the read, by the owners
    // in the catalog: when that cannot be decided, the status is still shown
    // and the buttons are not.
    const [[read], [refresh, sync]] = await Promise.all([
      decideAll(req, [
        { permission: rucioEnvironmentReadPermission, environment: name },
      ]),
      decideAll(req, [
        { permission: rucioEnvironmentRefreshPermission, environment: name },
        { permission: rucioGitopsSyncPermission, environment: name },
      ]).catch(() => [false, false]),
    ]);
    if (!read) {
      throw new NotAllowedError(
        `${rucioEnvironmentReadPermission.name}: you may not read Rucio environment ${name}`,
      );
    }
    const env = service.get(name);
    const latest = await service.latest(env.name);
    const stale = service.isStale(env);
    const rights = { refresh, sync: sync && !!env.gitops };
    const { json, etag } = bodies.get(
      JSON.stringify([
        env.name,
        latest?.snapshot.collectedAt,
        stale,
        rights.refresh,
        rights.sync,
      ]),
      (): GetEnvironmentResponse => ({
        environment: service.summary(env),
        snapshot: latest?.snapshot,
        stale,
        permissions: rights,
      }),
    );
    // Express answers 304 itself when If-None-Match matches this ETag.
    res.set('ETag', etag).type('json').send(json);
  });

  router.get('/environments/:name/rses', async (req, res) => {
    await requireRead(req, req.params.name);
    const parsed = rsesQuery.safeParse(req.query);
    if (!parsed.success) {
      throw new InputError(
        `Invalid RSE query: ${parsed.error.issues
          .map(i => `${i.path.join('.') || 'query'}: ${i.message}`)
          .join('; ')}`,
      );
    }
    res.json(await service.listRses(req.params.name, parsed.data));
  });

  router.get('/environments/:name/rses/:rse/space', async (req, res) => {
    await requireRead(req, req.params.name);
    res.json(await service.rseSpace(req.params.name, req.params.rse));
  });

  router.get('/environments/:name/history', async (req, res) => {
    await requireRead(req, req.params.name);
    const env = service.get(req.params.name);
    const check = req.query.check;
    if (
      check !== undefined &&
      !(CHECK_IDS as readonly unknown[]).includes(check)
    ) {
      throw new InputError(
        `Invalid history query: check must be one of ${CHECK_IDS.join(', ')}`,
      );
    }
    const [items, hours] = await Promise.all([
      service.history(env.name),
      service.checkHours(env.name),
    ]);
    const body: GetHistoryResponse = check
      ? {
          items: items.filter(i => i.check === check),
          hours: hours.filter(h => h.check === check),
        }
      : { items, hours };
    res.json(body);
  });

  /**
   * Refresh and sync are a person's acts: service principals, which the
   * permission framework never puts to the policy, may do neither.
   */
  async function requireUser(req: express.Request, permission: string) {
    const principal = (await httpAuth.credentials(req)).principal as {
      type?: string;
      userEntityRef?: string;
    };
    if (principal.type !== 'user' || !principal.userEntityRef) {
      throw new NotAllowedError(`${permission} is for signed-in users`);
    }
    return principal.userEntityRef;
  }

  router.post('/environments/:name/refresh', async (req, res) => {
    const env = service.get(req.params.name);
    const audit = await auditor.createEvent({
      eventId: 'environment-refresh',
      severityLevel: 'low',
      request: req,
      meta: { environment: env.name },
    });
    try {
      await requireUser(req, rucioEnvironmentRefreshPermission.name);
      if (!(await decide(req, rucioEnvironmentRefreshPermission, env.name))) {
        throw new NotAllowedError(
          `${rucioEnvironmentRefreshPermission.name}: only owners of ${env.name} may refresh it`,
        );
      }
      await service.refresh(env.name);
      await audit.success();
      res.status(202).end();
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });

  const syncBody = z
    .object({
      kind: z.enum(['Application', 'Kustomization', 'HelmRelease']),
      name: z.string().min(1).max(253),
    })
    .strict();

  // Adoption reads what Rucio serves of each RSE: a person's act, since what
  // is not kept is read from Rucio now (at the environment's adoption rate).
  router.post('/environments/:name/rses/details', async (req, res) => {
    await requireRead(req, req.params.name);
    await requireUser(req, 'Reading RSE details for adoption');
    const parsed = rseDetailsBody.safeParse(req.body);
    if (!parsed.success) {
      throw new InputError(
        `Invalid RSE details request: ${parsed.error.issues
          .map(i => `${i.path.join('.') || 'body'}: ${i.message}`)
          .join('; ')}`,
      );
    }
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    res.json(
      await service.readRseDetails(
        req.params.name,
        parsed.data.rses,
        controller.signal,
      ),
    );
  });

  router.post('/environments/:name/sync', async (req, res) => {
    const env = service.get(req.params.name);
    const parsed = syncBody.safeParse(req.body);
    if (!parsed.success) {
      throw new InputError(
        `Invalid sync request: ${parsed.error.issues
          .map(i => `${i.path.join('.') || 'body'}: ${i.message}`)
          .join('; ')}`,
      );
    }
    const audit = await auditor.createEvent({
      eventId: 'gitops-sync',
      severityLevel: 'medium',
      request: req,
      meta: { environment: env.name, ...parsed.data },
    });
    try {
      const initiator = await requireUser(req, rucioGitopsSyncPermission.name);
      if (!(await decide(req, rucioGitopsSyncPermission, env.name))) {
        throw new NotAllowedError(
          `${rucioGitopsSyncPermission.name}: only owners of ${env.name} may sync its GitOps objects`,
        );
      }
      const result = await service.sync(env.name, parsed.data, initiator);
      await audit.success({ meta: result });
      res.status(202).json(result);
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });

  return router;
}
