import type { DriftItem, DriftKind } from './rseDrift';
import type {
  SecretsCheckDetails,
  WorkloadsCheckDetails,
} from './kubernetesStatus';

/**
 * The outcome of one check.
 *
 * - `unknown`: we could not tell (for example the upstream forbade the query).
 * - `unconfigured`: the admin did not configure this part of the environment.
 *
 * @public
 */
export type CheckStatus =
  | 'ok'
  | 'warning'
  | 'error'
  | 'unknown'
  | 'unconfigured';

/**
 * The checks, in the order they are shown.
 *
 * @public
 */
export const CHECK_IDS = [
  'server',
  'auth',
  'webui',
  'daemons',
  'fts',
  'database',
  'rses',
  'certificates',
  'sync',
  'rules',
  'transfers',
  'drift',
  'workloads',
  'secrets',
] as const;

/** @public */
export type CheckId = (typeof CHECK_IDS)[number];

/**
 * The result of one check of one environment.
 *
 * @public
 */
export interface CheckResult<TDetails = unknown> {
  check: CheckId;
  status: CheckStatus;
  /** One human sentence naming the upstream and the cause. */
  message: string;
  /** ISO-8601 UTC. */
  checkedAt: string;
  durationMs: number;
  details?: TDetails;
}

const SEVERITY: Record<CheckStatus, number> = {
  unconfigured: -1,
  ok: 0,
  unknown: 1,
  warning: 2,
  error: 3,
};

/**
 * The worst of the given statuses; `unconfigured` is ignored, and a set with
 * nothing but `unconfigured` is `unconfigured`.
 *
 * @public
 */
export function worstStatus(statuses: Iterable<CheckStatus>): CheckStatus {
  let worst: CheckStatus = 'unconfigured';
  for (const status of statuses) {
    if (SEVERITY[status] > SEVERITY[worst]) {
      worst = status;
    }
  }
  return worst;
}

/** @public */
export interface ServerCheckDetails {
  url: string;
  version?: string;
  account?: string;
  authMethod?: 'userpass' | 'x509' | 'oidc' | 'token';
  /** ISO-8601 UTC expiry of the token in use. */
  tokenExpiresAt?: string;
}

/** @public */
export interface AuthCheckDetails {
  url: string;
  version?: string;
  tokenRoundTripMs?: number;
}

/** @public */
export interface WebUiCheckDetails {
  url: string;
  statusCode?: number;
  tlsValidTo?: string;
}

/** @public */
export interface DaemonStatus {
  name: string;
  status: CheckStatus;
  liveThreads: number;
  hosts: string[];
  pids: number;
  lastBeat?: string;
  staleAfterSeconds: number;
  expectedReplicas?: number;
  readyReplicas?: number;
}

/** @public */
export interface DaemonsCheckDetails {
  daemons: DaemonStatus[];
}

/** @public */
export interface FtsServerStatus {
  url: string;
  status: CheckStatus;
  message: string;
  version?: string;
  dn?: string;
  delegationId?: string;
  proxyExpiresAt?: string;
  /** Hours left on the delegated proxy (one decimal). */
  proxyHoursLeft?: number;
  /** Jobs that reached a final state in the last hour, per state. */
  finishedLastHour?: Record<string, number>;
  /** Jobs not finished yet (any age), per state. */
  queued?: Record<string, number>;
  /** The queued count stopped at the server's limit of 500 jobs. */
  queuedCapped?: boolean;
  monitoringUrl?: string;
}

/** @public */
export interface FtsCheckDetails {
  servers: FtsServerStatus[];
}

/** @public */
export interface PostgresStatus {
  version: string;
  /** The role the portal connects as. */
  role?: string;
  inRecovery: boolean;
  /** Client backends; absent when other roles' sessions are hidden from the role. */
  connections?: number;
  maxConnections: number;
  databaseSizeBytes: number;
  /** Absent when no transaction is open or other roles' sessions are hidden. */
  oldestTransactionSeconds?: number;
  replicationLagSeconds?: number;
  /**
   * Sessions PostgreSQL hides from a role without `pg_monitor`: their
   * `backend_type`, `state` and `xact_start` read as NULL.
   */
  hiddenSessions?: number;
}

/** @public */
export interface PgBouncerPool {
  database: string;
  user: string;
  clientsActive: number;
  clientsWaiting: number;
  serversActive: number;
  serversIdle: number;
  maxWaitSeconds: number;
  poolMode?: string;
}

/** @public */
export interface DatabaseCheckDetails {
  postgres?: PostgresStatus;
  pgbouncer?: { pools: PgBouncerPool[]; error?: string };
}

/** @public */
export interface RsesCheckDetails {
  total: number;
  unavailable: number;
  belowMinFreeSpace: number;
  /** RSEs whose details were read but whose free space Rucio does not report. */
  unknownUsage?: number;
  usedBytes: number;
  totalBytes: number;
  /** RSEs whose details (attributes, usage, limits, protocols) this collection read. */
  detailsRefreshed?: number;
  /** RSEs listed whose details were never read yet. */
  detailsPending?: number;
  /** When the oldest details shown were read. */
  oldestDetailsAt?: string;
}

/**
 * Rucio's rule states (`RuleState`, lib/rucio/db/sqla/constants.py), by the
 * one-letter code its database and `GET /rules/?state=` use.
 *
 * @public
 */
export const RULE_STATES = {
  O: 'OK',
  R: 'REPLICATING',
  S: 'STUCK',
  U: 'SUSPENDED',
  W: 'WAITING_APPROVAL',
  I: 'INJECT',
} as const;

/** @public */
export type RuleState = (typeof RULE_STATES)[keyof typeof RULE_STATES];

/** @public */
export interface RulesCheckDetails {
  /** Where the counts come from: Rucio's REST API has no rule counts. */
  source: 'database';
  /** Rucio's schema version (`alembic_version`), read before anything else. */
  alembicVersion: string;
  byState: Record<RuleState, number>;
  /** STUCK rules stuck for longer than `hours`. */
  stuckOlder: { hours: number; count: number };
  /** The RSEs with the most stuck locks, most first. */
  stuckLocksByRse: Array<{ rse: string; locks: number }>;
}

/**
 * One source → destination link: files and bytes queued now, files done and
 * failed over the last 1 h and 6 h.
 *
 * @public
 */
export interface TransferLink {
  source: string;
  destination: string;
  queuedFiles: number;
  queuedBytes: number;
  doneFiles1h: number;
  doneFiles6h: number;
  failedFiles1h: number;
  failedFiles6h: number;
  doneBytes1h: number;
  doneBytes6h: number;
  /** failed / (done + failed) over 6 h; absent without finished transfers. */
  failureRatio6h?: number;
  distance?: number;
}

/** @public */
export interface TransfersCheckDetails {
  /** `GET /requests/metrics` (Rucio ≥ 33) or Rucio's database. */
  source: 'requests-metrics' | 'database';
  alembicVersion?: string;
  /**
   * From the database only: when done and failed transfers were last read
   * from `requests_history` (ISO-8601 UTC). Rucio has no index for that
   * question, so it is read at most every `historyMinutes`, not at every
   * collection; queued transfers are read at every collection.
   */
  history?: { readAt: string; everyMinutes: number };
  totalLinks: number;
  queuedFiles: number;
  failedFiles1h: number;
  /** The busiest and the most failing links (at most 50). */
  links: TransferLink[];
}

/** @public */
export interface DriftCheckDetails {
  /** The folder read: `<source location>base/rses/`. */
  location: string;
  /** The catalog entity whose `backstage.io/source-location` named it. */
  entityRef: string;
  /** When the repository was last read (it is re-read on its own interval). */
  readAt: string;
  declared: number;
  served: number;
  /** Declared RSEs whose attributes, protocols and limits were compared. */
  compared: number;
  /** Declared RSEs whose details Rucio has not been asked for yet. */
  notRead: number;
  /** Every difference, or the first 200 of them, what matters first. */
  items: DriftItem[];
  /** How many differences there are in all. */
  total: number;
  /** How many of each kind, of all of them (not only those kept). */
  counts?: Record<DriftKind, number>;
}

/** @public */
export interface CertificateStatus {
  /** The `host:port` probed, or `namespace/name` of a cert-manager Certificate. */
  name: string;
  source: 'tls' | 'cert-manager';
  status: CheckStatus;
  message: string;
  dnsNames: string[];
  issuer?: string;
  notAfter?: string;
  daysLeft?: number;
  /** What the days left alone say, by the `tls` thresholds (the chip's colour). */
  daysStatus?: CheckStatus;
  /** Why clients would refuse it whatever its days: not trusted, another host, not Ready. */
  problem?: string;
  ready?: boolean;
}

/** @public */
export interface CertificatesCheckDetails {
  certificates: CertificateStatus[];
}

/** @public */
export interface SyncItem {
  controller: 'argocd' | 'flux';
  kind: string;
  namespace: string;
  name: string;
  syncStatus?: string;
  health?: string;
  revision?: string;
  lastSyncedAt?: string;
  message?: string;
  status: CheckStatus;
  url?: string;
}

/** @public */
export interface SyncCheckDetails {
  controller: 'argocd' | 'flux';
  items: SyncItem[];
}

/**
 * Maps each check to the type of its details.
 *
 * @public
 */
export interface CheckDetailsMap {
  server: ServerCheckDetails;
  auth: AuthCheckDetails;
  webui: WebUiCheckDetails;
  daemons: DaemonsCheckDetails;
  fts: FtsCheckDetails;
  database: DatabaseCheckDetails;
  rses: RsesCheckDetails;
  certificates: CertificatesCheckDetails;
  sync: SyncCheckDetails;
  rules: RulesCheckDetails;
  transfers: TransfersCheckDetails;
  drift: DriftCheckDetails;
  workloads: WorkloadsCheckDetails;
  secrets: SecretsCheckDetails;
}

/**
 * Everything collected about one environment in one run.
 *
 * @public
 */
export interface EnvironmentSnapshot {
  environment: string;
  title: string;
  /** ISO-8601 UTC. */
  collectedAt: string;
  status: CheckStatus;
  checks: { [K in CheckId]?: CheckResult<CheckDetailsMap[K]> };
}
