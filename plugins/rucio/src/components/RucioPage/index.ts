export { RucioPage } from './RucioPage';
