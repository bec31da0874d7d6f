import { NotFoundError } from '@backstage/errors';
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
  UnclaimedReport,
  Grade,
  GuardrailAdoption,
} from '@pavedroad/guardrails-core/model';
import { GUARDRAILS, levelRank, ACTIVE_FINDING_STATUSES } from '@pavedroad/guardrails-core/model';
import type { EntityRecord } from '../store/entity-record';
import type { FindingQuery, GuardrailsStore, PageRequest, ScorecardQuery } from '../store/guardrails-store';
import { agingBuckets, carriedForward, emptyLevels, fixedSince, lastDays, meanTimeToRemediate, slaCounts } from './rollups';
import { DAY_MS, utcDay } from './time';
import { entityScorecardOf, findingEventOf, findingViewOf, pullRequestOf, scorecardSummaryOf, unclaimedOf } from './views';

const TEAM_TOP_FINDINGS = 20;

/** Riskiest first: overdue findings, then critical and high ones, then the lowest score. */
function byRisk(a: EntityRecord, b: EntityRecord): number {
  return (
    b.overdueFindings - a.overdueFindings ||
    b.bySeverity.critical - a.bySeverity.critical ||
    b.bySeverity.high - a.bySeverity.high ||
    (a.score ?? 101) - (b.score ?? 101) ||
    a.entityRef.localeCompare(b.entityRef)
  );
}

/** The days from the first with any data (a new installation has no history to draw); at least today. */
function sinceFirstData(days: readonly string[], carried: ReadonlyMap<string, unknown[]>): string[] {
  const first = days.findIndex((d) => (carried.get(d)?.length ?? 0) > 0);
  return first < 0 ? days.slice(-1) : days.slice(first);
}

/** The read side of the portal: scorecards, findings, history, team and organisation roll-ups. */
export class ScorecardService {
  constructor(private readonly deps: { store: GuardrailsStore; clock: () => number; sourceBaseUrl: string }) {}

  async #entity(entityRef: string): Promise<EntityRecord> {
    const entity = await this.deps.store.getEntity(entityRef);
    if (!entity) throw new NotFoundError(`No guardrails data for ${entityRef}: the entity has no github.com/project-slug or amazonaws.com/account-id annotation, or the catalog has not been synced yet`);
    return entity;
  }

  async listScorecards(query: ScorecardQuery): Promise<Page<ScorecardSummary>> {
    const { items, total } = await this.deps.store.listScorecards(query);
    return { items: items.map(scorecardSummaryOf), total, offset: query.offset, limit: query.limit };
  }

  async entityScorecard(entityRef: string): Promise<EntityScorecard> {
    const entity = await this.#entity(entityRef);
    return entityScorecardOf(entity, await this.deps.store.listSources(entityRef));
  }

  async findings(query: FindingQuery): Promise<Page<FindingView>> {
    for (const ref of query.entityRefs) await this.#entity(ref);
    const { items, total } = await this.deps.store.listFindings(query);
    const now = this.deps.clock();
    return { items: items.map((f) => findingViewOf(f, now, this.deps.sourceBaseUrl)), total, offset: query.offset, limit: query.limit };
  }

  async finding(id: string): Promise<FindingDetail> {
    const f = await this.deps.store.getFinding(id);
    if (!f) throw new NotFoundError(`No finding ${id}`);
    const events = await this.deps.store.listEvents(id);
    return { ...findingViewOf(f, this.deps.clock(), this.deps.sourceBaseUrl), events: events.map(findingEventOf) };
  }

  async history(entityRef: string, days: number): Promise<{ items: ScoreHistoryPoint[] }> {
    await this.#entity(entityRef);
    const now = this.deps.clock();
    const snapshots = await this.deps.store.snapshots([entityRef], utcDay(now - (days - 1) * DAY_MS));
    return {
      items: snapshots.map((s) => ({ day: s.day, score: s.score, grade: s.grade, level: s.level, openFindings: s.openFindings, overdueFindings: s.overdueFindings })),
    };
  }

  async pullRequests(entityRef: string, page: PageRequest): Promise<Page<PullRequestResult>> {
    const entity = await this.#entity(entityRef);
    if (!entity.repository) return { items: [], total: 0, ...page };
    const { items, total } = await this.deps.store.listPullRequests(entity.repository, page);
    return { items: items.map(pullRequestOf), total, ...page };
  }

  async unclaimed(page: PageRequest): Promise<Page<UnclaimedReport>> {
    const { items, total } = await this.deps.store.listUnclaimed(page);
    return { items: items.map(unclaimedOf), total, ...page };
  }

  /**
   * A team's remediation view: the services it owns, their open and overdue findings, aging, SLA status,
   * time to remediate and burn-down. `canReadFindings` filters the findings shown to what the caller may read.
   */
  async team(teamRef: string, days: number, canReadFindings: (entityRefs: string[]) => Promise<string[]>, teamTitle?: string): Promise<TeamRemediation> {
    const now = this.deps.clock();
    const entities = (await this.deps.store.listEntities({ owner: teamRef })).sort(byRisk);
    const refs = entities.map((e) => e.entityRef);
    const since90 = now - 90 * DAY_MS;
    const timings = await this.deps.store.findingTimings(refs, since90);
    const allDays = lastDays(now, days);
    const snapshots = await this.deps.store.snapshots(refs, allDays[0] ?? utcDay(now));
    const dayList = sinceFirstData(allDays, carriedForward(snapshots, allDays));
    const carried = carriedForward(snapshots, dayList);
    const readable = await canReadFindings(refs);
    const top =
      readable.length === 0
        ? { items: [] }
        : await this.deps.store.listFindings({ entityRefs: readable, status: [...ACTIVE_FINDING_STATUSES], offset: 0, limit: TEAM_TOP_FINDINGS });
    const bySeverity = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
    for (const e of entities) for (const k of Object.keys(bySeverity) as (keyof typeof bySeverity)[]) bySeverity[k] += e.bySeverity[k];
    const team: TeamRemediation['team'] = { entityRef: teamRef };
    if (teamTitle) team.title = teamTitle;
    return {
      team,
      services: entities.map(scorecardSummaryOf),
      openFindings: entities.reduce((n, e) => n + e.openFindings, 0),
      overdueFindings: entities.reduce((n, e) => n + e.overdueFindings, 0),
      bySeverity,
      aging: agingBuckets(timings, now),
      sla: slaCounts(timings, now),
      meanTimeToRemediateDays: meanTimeToRemediate(timings, since90),
      fixedLast30Days: fixedSince(timings, now - 30 * DAY_MS),
      burndown: dayList.map((day) => {
        const list = carried.get(day) ?? [];
        return { day, open: list.reduce((n, s) => n + s.openFindings, 0), overdue: list.reduce((n, s) => n + s.overdueFindings, 0) };
      }),
      topFindings: top.items
        .map((f) => findingViewOf(f, now, this.deps.sourceBaseUrl))
        .sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999')),
    };
  }

  /** Adoption of every guardrail across services, next to the industry figure; levels, grades and trends. */
  async overview(days: number): Promise<Overview> {
    const now = this.deps.clock();
    const entities = await this.deps.store.listEntities();
    const evaluated = entities.filter((e) => e.evaluated);
    const levels = emptyLevels();
    const grades: Record<Grade | 'none', number> = { A: 0, B: 0, C: 0, D: 0, F: 0, none: 0 };
    for (const e of entities) {
      if (!e.evaluated) continue;
      levels[e.level]++;
      grades[e.grade ?? 'none']++;
    }
    const adoption: GuardrailAdoption[] = GUARDRAILS.map((g) => {
      const a: GuardrailAdoption = { guardrail: g.id, title: g.title, level: g.level, passing: 0, failing: 0, unknown: 0, notApplicable: 0, share: null };
      for (const e of evaluated) {
        switch (e.statuses[g.id] ?? 'unknown') {
          case 'pass':
            a.passing++;
            break;
          case 'fail':
            a.failing++;
            break;
          case 'unknown':
            a.unknown++;
            break;
          case 'not-applicable':
            a.notApplicable++;
            break;
        }
      }
      const decided = a.passing + a.failing + a.unknown;
      a.share = decided === 0 ? null : Math.round((a.passing / decided) * 1000) / 1000;
      if (g.figure) a.industry = g.figure;
      return a;
    });
    const allDays = lastDays(now, days);
    const refs = new Set(entities.map((e) => e.entityRef));
    const snapshots = (await this.deps.store.snapshots('all', allDays[0] ?? utcDay(now))).filter((s) => refs.has(s.entityRef));
    const dayList = sinceFirstData(allDays, carriedForward(snapshots, allDays));
    const carried = carriedForward(snapshots, dayList);
    const trend = dayList.map((day) => {
      const list = carried.get(day) ?? [];
      const scored = list.filter((s) => s.score !== null);
      const dayLevels = emptyLevels();
      for (const s of list) dayLevels[s.level]++;
      return {
        day,
        averageScore: scored.length === 0 ? null : Math.round(scored.reduce((n, s) => n + (s.score ?? 0), 0) / scored.length),
        openFindings: list.reduce((n, s) => n + s.openFindings, 0),
        overdueFindings: list.reduce((n, s) => n + s.overdueFindings, 0),
        levels: dayLevels,
      };
    });
    return {
      services: entities.length,
      evaluated: evaluated.length,
      levels,
      grades,
      openFindings: entities.reduce((n, e) => n + e.openFindings, 0),
      overdueFindings: entities.reduce((n, e) => n + e.overdueFindings, 0),
      adoption,
      trend,
    };
  }

  /** True when `to` is a lower paved-road level than `from`. */
  static isDrop(from: EntityRecord['level'], to: EntityRecord['level']): boolean {
    return levelRank(to) < levelRank(from);
  }
}
