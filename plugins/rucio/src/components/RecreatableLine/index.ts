export { RecreatableLine } from './RecreatableLine';
