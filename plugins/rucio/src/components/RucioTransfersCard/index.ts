export { RucioTransfersCard } from './RucioTransfersCard';
