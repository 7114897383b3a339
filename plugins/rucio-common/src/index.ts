/**
 * Types, constants and the REST client shared by the Rucio plugins.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './permissions';
export * from './status';
export { CHECK_VALUES, checkValue } from './checkValues';
export type { CheckValue } from './checkValues';
export * from './kubernetesStatus';
export * from './recreatability';
export * from './api';
export * from './signals';
export { DRIFT_KINDS, driftCounts, protocolKey, rseDrift } from './rseDrift';
export type {
  DriftItem,
  DriftKind,
  RseDefinition,
  RseDriftResult,
  RseProtocol,
  ServedRse,
} from './rseDrift';
export { formatBytes } from './formatBytes';
export type { ByteUnits } from './formatBytes';
export { rseEntityName, rseWebUiUrl } from './rseEntityName';
export {
  NOTIFIED_RSE_STATUSES,
  RSE_STATUS_FILTERS,
  RSE_STATUS_FILTER_IDS,
  rseUsageShare,
} from './rseStatusFilters';
export type { NotifiedRseStatus, RseStatusFilter } from './rseStatusFilters';
export { RucioStatusClient } from './RucioStatusClient';
export type { RucioStatusClientOptions } from './RucioStatusClient';
