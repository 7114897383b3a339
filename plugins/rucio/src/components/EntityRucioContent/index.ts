export { EntityRucioContent } from './EntityRucioContent';
