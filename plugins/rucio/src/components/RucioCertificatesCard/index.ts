export { RucioCertificatesCard } from './RucioCertificatesCard';
