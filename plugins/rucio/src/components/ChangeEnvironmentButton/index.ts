export { ChangeEnvironmentButton } from './ChangeEnvironmentButton';
