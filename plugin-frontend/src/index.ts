export {
  EntityGuardrailsCard,
  EntityGuardrailsContent,
  EntityTeamRemediationContent,
  GuardrailsPage,
  guardrailsPlugin,
} from './plugin';
export { AWS_ACCOUNT_ID_ANNOTATION, GITHUB_PROJECT_SLUG_ANNOTATION, isGuardrailsAvailable } from './isGuardrailsAvailable';
export { GuardrailsClient, guardrailsApiRef, SCORECARD_SORTS } from './api';
export type {
  DaysRequest,
  EntityRefLike,
  FindingQuery,
  GuardrailsApi,
  PageRequest,
  ScorecardQuery,
  ScorecardSort,
} from './api';
export { rootRouteRef as guardrailsRouteRef, teamRouteRef as guardrailsTeamRouteRef } from './routes';
