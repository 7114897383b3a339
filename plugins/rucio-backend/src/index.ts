/**
 * The rucio backend plugin.
 *
 * @packageDocumentation
 */
export { rucioPlugin as default } from './plugin';
export {
  isEnvironmentOwner,
  rucioEnvironmentConditions,
  rucioEnvironmentResourceRef,
} from './permissions/rules';
export type {
  RucioEnvironmentQuery,
  RucioEnvironmentResource,
} from './permissions/rules';
