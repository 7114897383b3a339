/**
 * Types, constants and the REST client shared by the Rucio plugins.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './permissions';
export * from './status';
export * from './api';
export * from './signals';
export { rseDrift, protocolKey } from './rseDrift';
export type {
  DriftItem,
  DriftKind,
  RseDefinition,
  RseDriftResult,
  RseProtocol,
  ServedRse,
} from './rseDrift';
export { rseEntityName } from './rseEntityName';
export { RucioStatusClient } from './RucioStatusClient';
export type { RucioStatusClientOptions } from './RucioStatusClient';
