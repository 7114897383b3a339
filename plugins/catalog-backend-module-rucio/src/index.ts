/**
 * Catalog module that adds the RSEs of configured Rucio environments as
 * `rucio-rse` Resource entities.
 *
 * @packageDocumentation
 */
export { catalogModuleRucio as default } from './module';
