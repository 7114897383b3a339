export { RucioDatabaseCard } from './RucioDatabaseCard';
