export { RucioDriftCard } from './RucioDriftCard';
