import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  CheckId,
  CheckResult,
  EnvironmentSnapshot,
  RseRow,
} from '@rucio-portal/plugin-rucio-common';
import { worstStatus } from '@rucio-portal/plugin-rucio-common';
import type { Check } from '../checks/Check';
import type { EnvironmentClients } from '../clients/EnvironmentClients';
import type { EnvironmentConfig } from '../config/readEnvironmentConfigs';

/** What one collection produced. */
export interface Collection {
  snapshot: EnvironmentSnapshot;
  rses?: RseRow[];
}

// Walking 1,000s of RSEs takes longer than one request; give it more room.
const RSE_TIMEOUT_FACTOR = 6;

/**
 * Runs every check of an environment in parallel, each with its own timeout
 * and AbortSignal. Never throws: a failing check becomes an `error` result
 * and the others are kept.
 */
export class Collector {
  static create(options: { logger: LoggerService; checks: Check[] }) {
    return new Collector(options.logger, options.checks);
  }

  private constructor(
    private readonly logger: LoggerService,
    private readonly checks: Check[],
  ) {}

  /**
   * `signal` stops the whole collection (the scheduler aborts it on shutdown
   * or when the task times out).
   */
  async collect(
    env: EnvironmentConfig,
    clients: EnvironmentClients,
    signal?: AbortSignal,
    previous?: { rses?: RseRow[] },
  ): Promise<Collection> {
    let rses: RseRow[] | undefined;
    let rsesFinished: (rows: RseRow[] | undefined) => void = () => {};
    const rsesDone = new Promise<RseRow[] | undefined>(resolve => {
      rsesFinished = resolve;
    });
    if (!this.checks.some(c => c.id === 'rses')) rsesFinished(undefined);
    const results = await Promise.all(
      this.checks.map(async check => {
        // A check that waits for the RSE table starts with the others (its
        // own reads overlap the RSE walk), so it gets the walk's time too.
        const factor =
          (check.id === 'rses' ? RSE_TIMEOUT_FACTOR : 1) +
          (check.afterRses ? RSE_TIMEOUT_FACTOR : 0);
        const timeoutS = env.schedule.checkTimeoutSeconds * factor;
        const result = await this.runOne(
          check,
          env,
          clients,
          timeoutS * 1000,
          signal,
          previous?.rses,
          () => rsesDone,
        );
        if (check.id === 'rses') {
          rses = result.rses;
          rsesFinished(rses);
        }
        return result.result;
      }),
    );
    const checks: EnvironmentSnapshot['checks'] = {};
    for (const result of results) {
      (checks as Record<CheckId, CheckResult>)[result.check] = result;
    }
    return {
      snapshot: {
        environment: env.name,
        title: env.title ?? env.name,
        collectedAt: new Date().toISOString(),
        status: worstStatus(results.map(r => r.status)),
        checks,
      },
      rses,
    };
  }

  private async runOne(
    check: Check,
    env: EnvironmentConfig,
    clients: EnvironmentClients,
    timeoutMs: number,
    stop?: AbortSignal,
    previousRses?: RseRow[],
    currentRses: () => Promise<RseRow[] | undefined> = async () => undefined,
  ): Promise<{ result: CheckResult; rses?: RseRow[] }> {
    const start = Date.now();
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let stopNow: (error: Error) => void = () => {};
    // Abort the check's requests a little before the deadline, so that the
    // check's own error (naming the upstream) wins over the generic one.
    const abortTimer = setTimeout(
      () => controller.abort(new Error('check timeout')),
      timeoutMs * 0.9,
    );
    const timedOut = new Promise<never>((_, reject) => {
      stopNow = reject;
      timer = setTimeout(() => {
        controller.abort(new Error('check timeout'));
        reject(
          new Error(
            `The ${check.id} check did not finish within ${
              timeoutMs / 1000
            } s.`,
          ),
        );
      }, timeoutMs);
    });
    const onStop = () => {
      controller.abort(new Error('collection stopped'));
      stopNow(
        new Error(`The ${check.id} check was stopped with the collection.`),
      );
    };
    if (stop?.aborted) onStop();
    stop?.addEventListener('abort', onStop);
    const base = { check: check.id, checkedAt: new Date(start).toISOString() };
    try {
      const outcome = await Promise.race([
        check.run({
          env,
          clients,
          signal: controller.signal,
          logger: this.logger.child({ environment: env.name, check: check.id }),
          previousRses,
          currentRses,
        }),
        timedOut,
      ]);
      return {
        result: {
          ...base,
          status: outcome.status,
          message: outcome.message,
          durationMs: Date.now() - start,
          details: outcome.details,
        },
        rses: outcome.rses,
      };
    } catch (error) {
      let message = (error as Error)?.message ?? String(error);
      if (
        controller.signal.aborted &&
        !message.includes('within') &&
        !stop?.aborted
      ) {
        message = `${message} (the ${check.id} check timed out after ${
          timeoutMs / 1000
        } s)`;
      }
      this.logger.warn(
        `Rucio check ${check.id} of ${env.name} failed: ${message}`,
      );
      return {
        result: {
          ...base,
          status: 'error',
          message,
          durationMs: Date.now() - start,
        },
      };
    } finally {
      stop?.removeEventListener('abort', onStop);
      clearTimeout(timer);
      clearTimeout(abortTimer);
      // Let whatever is still running in the check stop.
      controller.abort();
      timedOut.catch(() => {});
    }
  }
}
