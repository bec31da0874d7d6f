import type { FindingStatus, GuardrailId, PavedRoadLevel, PostureSource, Severity, Grade } from '@pavedroad/guardrails-core/model';
import type { ActiveCount } from '../service/posture';
import type { EntityRecord } from './entity-record';
import type { EntitySourceRecord } from './entity-source-record';
import type { FindingEventRecord, FindingRecord } from './finding-record';
import type { ReportRecord } from './report-record';

export interface PageRequest {
  offset: number;
  limit: number;
}

export const SCORECARD_SORTS = ['score', '-score', 'name', '-name', 'open', '-open', 'overdue', '-overdue'] as const;
export type ScorecardSort = (typeof SCORECARD_SORTS)[number];

export interface ScorecardQuery extends PageRequest {
  owner?: string[];
  system?: string[];
  kind?: string[];
  lifecycle?: string[];
  level?: PavedRoadLevel[];
  grade?: Grade[];
  /** Part of the name or title. */
  q?: string;
  sort: ScorecardSort;
}

export interface FindingQuery extends PageRequest {
  entityRefs: string[];
  guardrail?: GuardrailId[];
  severity?: Severity[];
  status?: FindingStatus[];
  source?: PostureSource[];
}

export interface SnapshotRecord {
  entityRef: string;
  day: string;
  score: number | null;
  grade: Grade | null;
  level: PavedRoadLevel;
  openFindings: number;
  overdueFindings: number;
  statuses: Partial<Record<GuardrailId, string>>;
}

/** A finding's timing facts, for aging, SLA and time-to-remediate figures. */
export interface FindingTiming {
  status: FindingStatus;
  severity: Severity;
  firstSeenAt: number;
  dueAt?: number;
  fixedAt?: number;
}

/** The portal's storage. The knex implementation runs on SQLite and PostgreSQL. */
export interface GuardrailsStore {
  /** Runs `fn` in one transaction; everything it writes lands together or not at all. */
  transaction<T>(fn: (store: GuardrailsStore) => Promise<T>): Promise<T>;
  /** Serialises writers of `key` until the transaction ends (PostgreSQL advisory lock; SQLite has one writer). */
  lock(key: string): Promise<void>;

  upsertEntities(entities: readonly EntityRecord[]): Promise<void>;
  /** Entities the catalog no longer has are kept (their history matters) but marked out of the catalog. */
  markEntitiesOutOfCatalog(keep: readonly string[]): Promise<void>;
  getEntity(entityRef: string): Promise<EntityRecord | undefined>;
  getEntities(entityRefs: readonly string[]): Promise<EntityRecord[]>;
  listEntities(options?: { owner?: string; evaluatedOnly?: boolean }): Promise<EntityRecord[]>;
  entitiesForRepository(repository: string): Promise<string[]>;
  entitiesForAccount(accountId: string): Promise<string[]>;
  listScorecards(query: ScorecardQuery): Promise<{ items: EntityRecord[]; total: number }>;
  savePosture(entity: EntityRecord): Promise<void>;

  getReport(id: string): Promise<ReportRecord | undefined>;
  insertReport(report: ReportRecord): Promise<void>;
  claimReport(id: string, entityRefs: readonly string[]): Promise<void>;
  listUnclaimed(page: PageRequest): Promise<{ items: ReportRecord[]; total: number }>;
  /** Unclaimed posture reports of a repository or account, newest scan first. */
  unclaimedPostureReports(sourceKey: string): Promise<ReportRecord[]>;
  listPullRequests(repository: string, page: PageRequest): Promise<{ items: ReportRecord[]; total: number }>;

  getSource(entityRef: string, sourceKey: string): Promise<EntitySourceRecord | undefined>;
  listSources(entityRef: string): Promise<EntitySourceRecord[]>;
  upsertSource(source: EntitySourceRecord): Promise<void>;

  /** The entity's findings of one source, plus any other of its findings with one of these fingerprints. */
  findingsForApply(entityRef: string, sourceKey: string, fingerprints: readonly string[]): Promise<Map<string, FindingRecord>>;
  saveFindings(findings: readonly FindingRecord[]): Promise<void>;
  /** Marks findings of an entity as seen again by a report (and at its commit). */
  touchFindings(entityRef: string, fingerprints: readonly string[], seen: { at: number; reportId: string; commit?: string }): Promise<void>;
  insertEvents(events: readonly FindingEventRecord[]): Promise<void>;
  activeCounts(entityRef: string): Promise<ActiveCount[]>;
  overdueCount(entityRef: string, now: number): Promise<number>;
  listFindings(query: FindingQuery): Promise<{ items: FindingRecord[]; total: number }>;
  getFinding(id: string): Promise<FindingRecord | undefined>;
  listEvents(findingId: string): Promise<FindingEventRecord[]>;
  findingTimings(entityRefs: readonly string[], fixedSince: number): Promise<FindingTiming[]>;
  /** Active or triaged findings whose due date passed and whose owners were not told yet. */
  overdueUnnotified(now: number, limit: number): Promise<FindingRecord[]>;
  markOverdueNotified(ids: readonly string[], at: number): Promise<void>;
  /** Suppressions and accepted risks whose expiry passed. */
  expiredTriage(now: number, limit: number): Promise<FindingRecord[]>;
  entitiesWithActiveFindings(): Promise<string[]>;

  upsertSnapshots(snapshots: readonly SnapshotRecord[]): Promise<void>;
  snapshots(entityRefs: readonly string[] | 'all', sinceDay: string): Promise<SnapshotRecord[]>;
  deleteSnapshotsBefore(day: string): Promise<number>;
}
