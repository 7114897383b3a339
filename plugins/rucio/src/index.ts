/**
 * The Rucio frontend plugin (legacy frontend system; the new system is at `./alpha`).
 *
 * @packageDocumentation
 */
export {
  rucioPlugin,
  RucioPage,
  EntityRucioContent,
  EntityRucioOverviewCard,
  EntityRucioRsesCard,
  EntityRucioCertificatesCard,
  EntityRucioSyncCard,
  EntityRucioDaemonsCard,
  EntityRucioFtsCard,
  EntityRucioDatabaseCard,
  EntityRucioRulesCard,
  EntityRucioTransfersCard,
  EntityRucioDriftCard,
  EntityRucioWorkloadsCard,
  EntityRucioSecretsCard,
  EntityRucioRseCard,
} from './plugin';
export { isRucioAvailable, isRucioRseEntity } from './isRucioAvailable';
export { rucioApiRef } from './api/rucioApiRef';
