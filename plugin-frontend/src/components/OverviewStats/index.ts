export { OverviewStats } from './OverviewStats';
