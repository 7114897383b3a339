/**
 * The rucio backend plugin.
 *
 * @packageDocumentation
 */
export { rucioPlugin as default } from './plugin';
