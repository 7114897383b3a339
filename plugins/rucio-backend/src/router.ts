import type { HealthResponse } from '@internal/plugin-rucio-common';
import express from 'express';
import Router from 'express-promise-router';

/** @internal */
export interface RouterOptions {
  environmentCount: number;
}

/** @internal */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  router.use(express.json());

  // The httpRouter's credentials barrier already refused unauthenticated callers.
  router.get('/health', (_req, res) => {
    const body: HealthResponse = {
      status: 'ok',
      environments: options.environmentCount,
    };
    res.json(body);
  });

  return router;
}
