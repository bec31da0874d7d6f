export { ScorecardHeadline } from './ScorecardHeadline';
