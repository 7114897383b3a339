export { RucioFtsCard } from './RucioFtsCard';
