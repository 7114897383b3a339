/**
 * Scaffolder actions that create and validate Rucio environment repositories.
 *
 * @packageDocumentation
 */
export { scaffolderModuleRucio as default } from './module';
export { createValidateEnvironmentAction } from './actions/validateEnvironment';
export { createCreateEnvironmentAction } from './actions/createEnvironment';
export { createAddRseAction } from './actions/addRse';
export { createUpgradeEnvironmentAction } from './actions/upgradeEnvironment';
export { createAdoptEnvironmentAction } from './actions/adoptEnvironment';
export {
  environmentSpecSchema,
  parseEnvironmentSpec,
} from './generator/EnvironmentSpec';
export type { GeneratedFile } from './generator/GeneratedFile';
export type { EnvironmentSpec } from './generator/EnvironmentSpec';
export { generateEnvironment } from './generator/generateEnvironment';
export { validateEnvironmentRepo } from './validator/validateEnvironmentRepo';
export type { ValidationReport } from './validator/validateEnvironmentRepo';
export type { ValidationFinding } from './validator/ValidationFinding';
