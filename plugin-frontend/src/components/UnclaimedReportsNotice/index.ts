export { UnclaimedReportsNotice } from './UnclaimedReportsNotice';
