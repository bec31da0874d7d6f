import { parseEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  EntityScorecard,
  FindingDetail,
  FindingView,
  Overview,
  Page,
  PullRequestResult,
  ScoreHistoryPoint,
  ScorecardSummary,
  TeamRemediation,
  TriageRequest,
  UnclaimedReport,
} from '@pavedroad/guardrails-core/model';
import type {
  DaysRequest,
  EntityRefLike,
  FindingQuery,
  GuardrailsApi,
  PageRequest,
  ScorecardQuery,
} from './GuardrailsApi';

/** A query-string value: lists repeat the key (`?owner=a&owner=b`), undefined and empty strings are left out. */
type QueryValue = string | number | readonly string[] | undefined;

function queryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number') {
      if (value !== '') search.append(key, String(value));
      continue;
    }
    for (const item of value) search.append(key, item);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** `[kind, namespace, name]`, lowercased and encoded: the portal keys entities by their lowercase ref. */
function entitySegments(entity: EntityRefLike, defaultKind?: string): [string, string, string] {
  const ref =
    typeof entity === 'string'
      ? parseEntityRef(entity, defaultKind ? { defaultKind, defaultNamespace: 'default' } : { defaultNamespace: 'default' })
      : entity;
  const segment = (part: string) => encodeURIComponent(part.toLocaleLowerCase('en-US'));
  return [segment(ref.kind), segment(ref.namespace), segment(ref.name)];
}

function entityPath(entity: EntityRefLike): string {
  return `/${entitySegments(entity).join('/')}`;
}

/** Talks to the guardrails backend through the app's discovery and (authenticated) fetch APIs. */
export class GuardrailsClient implements GuardrailsApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  listScorecards(query: ScorecardQuery = {}): Promise<Page<ScorecardSummary>> {
    const { owner, system, kind, lifecycle, level, grade, q, sort, offset, limit } = query;
    return this.#get(`/scorecards${queryString({ owner, system, kind, lifecycle, level, grade, q, sort, offset, limit })}`);
  }

  getEntityScorecard(entity: EntityRefLike): Promise<EntityScorecard> {
    return this.#get(`/entities${entityPath(entity)}/scorecard`);
  }

  listFindings(entity: EntityRefLike, query: FindingQuery = {}): Promise<Page<FindingView>> {
    const { guardrail, severity, status, source, offset, limit } = query;
    return this.#get(
      `/entities${entityPath(entity)}/findings${queryString({ guardrail, severity, status, source, offset, limit })}`,
    );
  }

  async getScoreHistory(entity: EntityRefLike, request: DaysRequest = {}): Promise<ScoreHistoryPoint[]> {
    const body = await this.#get<{ items: ScoreHistoryPoint[] }>(
      `/entities${entityPath(entity)}/history${queryString({ days: request.days })}`,
    );
    return body.items;
  }

  listPullRequests(entity: EntityRefLike, request: PageRequest = {}): Promise<Page<PullRequestResult>> {
    return this.#get(
      `/entities${entityPath(entity)}/pull-requests${queryString({ offset: request.offset, limit: request.limit })}`,
    );
  }

  getFinding(id: string): Promise<FindingDetail> {
    return this.#get(`/findings/${encodeURIComponent(id)}`);
  }

  triageFinding(id: string, request: TriageRequest): Promise<FindingView> {
    return this.#request(`/findings/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  getTeamRemediation(team: EntityRefLike, request: DaysRequest = {}): Promise<TeamRemediation> {
    // The route has no kind segment: a team is always a Group.
    const [, namespace, name] = entitySegments(team, 'group');
    return this.#get(`/teams/${namespace}/${name}${queryString({ days: request.days })}`);
  }

  getOverview(request: DaysRequest = {}): Promise<Overview> {
    return this.#get(`/overview${queryString({ days: request.days })}`);
  }

  listUnclaimedReports(request: PageRequest = {}): Promise<Page<UnclaimedReport>> {
    return this.#get(`/reports/unclaimed${queryString({ offset: request.offset, limit: request.limit })}`);
  }

  #get<T>(path: string): Promise<T> {
    return this.#request<T>(path, { method: 'GET' });
  }

  async #request<T>(path: string, init: RequestInit): Promise<T> {
    const baseUrl = await this.#discoveryApi.getBaseUrl('guardrails');
    const response = await this.#fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    // The backend serves the contract in @pavedroad/guardrails-core/model; it validates what it stores.
    return (await response.json()) as T;
  }
}
