export { ScorecardCard } from './ScorecardCard';
export type { FindingsPreview } from './ScorecardCard';
