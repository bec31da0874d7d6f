import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  EntityScorecard,
  FindingDetail,
  FindingStatus,
  FindingView,
  Grade,
  GuardrailId,
  Overview,
  Page,
  PavedRoadLevel,
  PostureSource,
  PullRequestResult,
  ScoreHistoryPoint,
  ScorecardSummary,
  Severity,
  TeamRemediation,
  TriageRequest,
  UnclaimedReport,
} from '@pavedroad/guardrails-core/model';

/** An entity as a `kind:namespace/name` string or its parts. */
export type EntityRefLike = string | CompoundEntityRef;

/** Sort keys the scorecards list accepts; a leading `-` sorts descending. */
export const SCORECARD_SORTS = ['score', '-score', 'name', '-name', 'open', '-open', 'overdue', '-overdue'] as const;
export type ScorecardSort = (typeof SCORECARD_SORTS)[number];

export interface PageRequest {
  offset?: number | undefined;
  limit?: number | undefined;
}

/** Filters of `GET /scorecards`; every list is OR-ed within itself and AND-ed with the others. */
export interface ScorecardQuery extends PageRequest {
  owner?: readonly string[] | undefined;
  system?: readonly string[] | undefined;
  kind?: readonly string[] | undefined;
  lifecycle?: readonly string[] | undefined;
  level?: readonly PavedRoadLevel[] | undefined;
  grade?: readonly Grade[] | undefined;
  q?: string | undefined;
  sort?: ScorecardSort | undefined;
}

/** Filters of `GET /entities/:kind/:namespace/:name/findings`. */
export interface FindingQuery extends PageRequest {
  guardrail?: readonly GuardrailId[] | undefined;
  severity?: readonly Severity[] | undefined;
  status?: readonly FindingStatus[] | undefined;
  source?: readonly PostureSource[] | undefined;
}

export interface DaysRequest {
  /** How many days back; the backend defaults to 90. */
  days?: number | undefined;
}

/** The guardrails backend (`/api/guardrails`), as the portal reads it. */
export interface GuardrailsApi {
  listScorecards(query?: ScorecardQuery): Promise<Page<ScorecardSummary>>;
  /** Rejects with a 404 `ResponseError` when the portal does not know the entity. */
  getEntityScorecard(entity: EntityRefLike): Promise<EntityScorecard>;
  /** Rejects with a 403 `ResponseError` without `guardrails.finding.read`. */
  listFindings(entity: EntityRefLike, query?: FindingQuery): Promise<Page<FindingView>>;
  getScoreHistory(entity: EntityRefLike, request?: DaysRequest): Promise<ScoreHistoryPoint[]>;
  listPullRequests(entity: EntityRefLike, request?: PageRequest): Promise<Page<PullRequestResult>>;
  getFinding(id: string): Promise<FindingDetail>;
  triageFinding(id: string, request: TriageRequest): Promise<FindingView>;
  /** `team` is a Group entity. */
  getTeamRemediation(team: EntityRefLike, request?: DaysRequest): Promise<TeamRemediation>;
  getOverview(request?: DaysRequest): Promise<Overview>;
  listUnclaimedReports(request?: PageRequest): Promise<Page<UnclaimedReport>>;
}

export const guardrailsApiRef = createApiRef<GuardrailsApi>({ id: 'plugin.guardrails.service' });
