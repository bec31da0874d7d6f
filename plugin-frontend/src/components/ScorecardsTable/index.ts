export { ScorecardsTable } from './ScorecardsTable';
export type { ScorecardFilterOptions, ScorecardsTableProps } from './ScorecardsTable';
export { DEFAULT_SCORECARD_FILTERS, scorecardQuery } from './scorecardFilters';
export type { ScorecardFilters } from './scorecardFilters';
