export { guardrailsApiRef, SCORECARD_SORTS } from './GuardrailsApi';
export type {
  DaysRequest,
  EntityRefLike,
  FindingQuery,
  GuardrailsApi,
  PageRequest,
  ScorecardQuery,
  ScorecardSort,
} from './GuardrailsApi';
export { GuardrailsClient } from './GuardrailsClient';
export { responseStatus } from './responseStatus';
