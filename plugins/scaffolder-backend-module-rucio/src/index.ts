/**
 * Scaffolder actions that create and validate Rucio environment repositories.
 *
 * @packageDocumentation
 */
export { scaffolderModuleRucio as default } from './module';
export { createValidateEnvironmentAction } from './actions/validateEnvironment';
export { validateEnvironmentRepo } from './validator/validateEnvironmentRepo';
export type {
  ValidationFinding,
  ValidationReport,
} from './validator/validateEnvironmentRepo';
