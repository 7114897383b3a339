import type { RseProtocol } from './rseDrift';
import type { RseStatusFilter } from './rseStatusFilters';
import type { CheckId, CheckStatus, EnvironmentSnapshot } from './status';

/** @public */
export interface RucioEnvironmentLinks {
  webui?: string;
  argocd?: string;
  grafana?: string;
}

/**
 * What the portal knows about one configured environment, without secrets.
 *
 * @public
 */
export interface RucioEnvironmentSummary {
  name: string;
  title: string;
  /** The environment is the built-in stand-in, not a real deployment. */
  demo: boolean;
  links: RucioEnvironmentLinks;
  status: CheckStatus;
  collectedAt?: string;
}

/**
 * A check of an environment that is not OK, as the Rucio page lists it.
 *
 * @public
 */
export interface CheckProblem {
  check: CheckId;
  status: CheckStatus;
  message: string;
}

/**
 * One environment on the Rucio page.
 *
 * @public
 */
export interface RucioEnvironmentListItem extends RucioEnvironmentSummary {
  /** The catalog System that speaks for the environment, when there is one to trust. */
  system?: string;
  /** That System's owner: the environment's owners. */
  owner?: string;
  /** The checks of the latest collection that are neither OK nor unconfigured. */
  problems: CheckProblem[];
}

/** @public */
export interface ListEnvironmentsResponse {
  items: RucioEnvironmentListItem[];
}

/** @public */
export interface GetEnvironmentResponse {
  environment: RucioEnvironmentSummary;
  /** `undefined` until the first collection has finished. */
  snapshot?: EnvironmentSnapshot;
  /** The snapshot is older than two collection intervals. */
  stale: boolean;
  /** What the caller may do. */
  permissions: { refresh: boolean; sync: boolean };
}

/** @public */
export interface RseRow {
  name: string;
  type: 'DISK' | 'TAPE' | 'UNKNOWN';
  availabilityRead: boolean;
  availabilityWrite: boolean;
  availabilityDelete: boolean;
  usedBytes?: number;
  freeBytes?: number;
  totalBytes?: number;
  files?: number;
  minFreeSpaceBytes?: number;
  belowMinFreeSpace: boolean;
  attributes: Record<string, string | boolean>;
  /** How the RSE is reached, from `/rses/<rse>/protocols`. */
  protocols?: RseProtocol[];
  /** Every limit of `/rses/<rse>/limits`. */
  limits?: Record<string, number>;
  /** The RSE's `updated_at` in Rucio's list: a change moves it up the rotation. */
  updatedAt?: string;
  /**
   * When its attributes, usage, limits and protocols were read; they refresh
   * on a rotation, while availability comes from every collection's list.
   */
  detailsCheckedAt?: string;
  /**
   * Days until the free space falls below MinFreeSpace, from a straight line
   * through the last 7 days of free space (0: below already). Absent with
   * fewer than 3 days of figures, no decline, or no MinFreeSpace.
   */
  minFreeSpaceDays?: number;
}

/**
 * `POST /environments/:name/rses/details`: the details of up to 100 RSEs,
 * for adoption. Those the portal keeps are answered as kept; the others are
 * read from Rucio now, at the environment's adoption rate.
 *
 * @public
 */
export interface ReadRseDetailsRequest {
  rses: string[];
}

/** @public */
export interface ReadRseDetailsResponse {
  /** The RSEs asked for whose details are known, in the order asked. */
  rses: RseRow[];
  /** How many of them were read from Rucio for this request. */
  readNow: number;
  /** Names the environment's last collection does not list. */
  unknown: string[];
  /** RSEs whose details could not be read now, with the reason. */
  failures: string[];
  /** The rate the reads of this request kept to. */
  requestsPerMinute: number;
}

/**
 * What the RSE table sorts by: every column. Values not known sort last in
 * either direction.
 *
 * @public
 */
export const RSE_SORT_FIELDS = [
  'name',
  'type',
  'availability',
  'usage',
  'used',
  'free',
  'total',
  'files',
  'site',
  'detailsCheckedAt',
  'minFreeSpaceDays',
] as const;

/** @public */
export type RseSortField = (typeof RSE_SORT_FIELDS)[number];

/** @public */
export interface ListRsesRequest {
  q?: string;
  offset?: number;
  limit?: number;
  sort?: RseSortField;
  order?: 'asc' | 'desc';
  /** Only the RSEs in this state. */
  status?: RseStatusFilter;
}

/** @public */
export interface ListRsesResponse {
  items: RseRow[];
  total: number;
  offset: number;
  limit: number;
  collectedAt?: string;
  /** RSEs of the whole list in each state, whatever `q` and `status` narrow. */
  counts: Record<RseStatusFilter, number>;
}

/** @public */
export interface HistoryPoint {
  check: CheckId;
  status: CheckStatus;
  checkedAt: string;
}

/**
 * One check in one hour: the worst status of the hour's collections and the
 * last figure the check has (`CHECK_VALUES`).
 *
 * @public
 */
export interface CheckHour {
  check: CheckId;
  /** ISO-8601 UTC start of the hour. */
  hour: string;
  status: CheckStatus;
  value?: number;
  collections: number;
}

/** @public */
export interface GetHistoryResponse {
  /** The last collections, one point per check each. */
  items: HistoryPoint[];
  /** The last 7 days, one point per check and hour, oldest first. */
  hours: CheckHour[];
}

/**
 * One figure of an RSE's space: the last read of its hour or day.
 *
 * @public
 */
export interface RseSpacePoint {
  /** ISO-8601 UTC start of the hour or day. */
  at: string;
  usedBytes: number;
  freeBytes?: number;
  totalBytes?: number;
}

/**
 * `GET /environments/:name/rses/:rse/space`: the RSE's space over time, as
 * read at each detail read and thinned.
 *
 * @public
 */
export interface GetRseSpaceResponse {
  rse: string;
  /** Hourly over the last 7 days, oldest first. */
  hours: RseSpacePoint[];
  /** Daily over the last 90 days, oldest first. */
  days: RseSpacePoint[];
  minFreeSpaceBytes?: number;
  /** As on the RSE's row: days until below MinFreeSpace. */
  minFreeSpaceDays?: number;
}

/** @public */
export interface SyncRequest {
  kind: 'Application' | 'Kustomization' | 'HelmRelease';
  name: string;
}

/** @public */
export interface SyncResponse extends SyncRequest {
  controller: 'argocd' | 'flux';
  namespace: string;
  requestedAt: string;
}

/** @public */
export interface HealthResponse {
  status: 'ok';
  environments: number;
}

/**
 * The REST API of the rucio backend plugin, as the frontend and other
 * plugins see it.
 *
 * @public
 */
export interface RucioStatusApi {
  getHealth(): Promise<HealthResponse>;
  listEnvironments(): Promise<ListEnvironmentsResponse>;
  getEnvironment(name: string): Promise<GetEnvironmentResponse>;
  listRses(name: string, request?: ListRsesRequest): Promise<ListRsesResponse>;
  getHistory(name: string): Promise<GetHistoryResponse>;
  getRseSpace(name: string, rse: string): Promise<GetRseSpaceResponse>;
  refresh(name: string): Promise<void>;
  sync(name: string, request: SyncRequest): Promise<SyncResponse>;
}
