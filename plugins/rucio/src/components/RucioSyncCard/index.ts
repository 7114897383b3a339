export { RucioSyncCard } from './RucioSyncCard';
