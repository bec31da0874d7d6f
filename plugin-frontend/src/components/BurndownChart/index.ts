export { BurndownChart, burndownSummary } from './BurndownChart';
