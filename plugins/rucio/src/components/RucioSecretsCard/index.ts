export { RucioSecretsCard } from './RucioSecretsCard';
