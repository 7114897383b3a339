export { RucioRsesCard } from './RucioRsesCard';
