export { RucioRseEntityCard } from './RucioRseEntityCard';
