import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  CheckDetailsMap,
  CheckId,
  CheckStatus,
  RseRow,
} from '@rucio-portal/plugin-rucio-common';
import type { EnvironmentConfig } from '../config/readEnvironmentConfigs';
import type { EnvironmentClients } from '../clients/EnvironmentClients';

/** What a check gets for one run. */
export interface CheckContext {
  env: EnvironmentConfig;
  clients: EnvironmentClients;
  /** Aborted when the check's own timeout passes. */
  signal: AbortSignal;
  logger: LoggerService;
  /** The RSE rows of the last stored collection (the RSE check reuses their details). */
  previousRses?: RseRow[];
  /**
   * The RSE table of this collection, once the RSE check finished (undefined
   * when it failed); for checks that declare `afterRses`.
   */
  currentRses?: () => Promise<RseRow[] | undefined>;
}

/** What a check returns; the collector adds the timing. */
export interface CheckOutcome<K extends CheckId = CheckId> {
  status: CheckStatus;
  message: string;
  details?: CheckDetailsMap[K];
  /** Only the RSE check: the full table, stored beside the snapshot. */
  rses?: RseRow[];
}

/** One thing to check about an environment. Adding a check = one file + one line in `checks/index.ts`. */
export interface Check<K extends CheckId = CheckId> {
  id: K;
  /** Waits for this collection's RSE table (and gets the RSE check's time). */
  afterRses?: boolean;
  run(ctx: CheckContext): Promise<CheckOutcome<K>>;
}
