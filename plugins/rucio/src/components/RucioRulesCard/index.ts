export { RucioRulesCard } from './RucioRulesCard';
