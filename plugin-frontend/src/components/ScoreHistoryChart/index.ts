export { ScoreHistoryChart, historySummary } from './ScoreHistoryChart';
