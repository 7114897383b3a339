export { RucioWorkloadsCard } from './RucioWorkloadsCard';
