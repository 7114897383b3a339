export { RucioOverviewCard } from './RucioOverviewCard';
