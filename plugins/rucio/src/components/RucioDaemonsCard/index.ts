export { RucioDaemonsCard } from './RucioDaemonsCard';
