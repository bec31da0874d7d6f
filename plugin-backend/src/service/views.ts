import type {
  EntityScorecard,
  EntitySummary,
  FindingEvent,
  FindingView,
  GuardrailView,
  PullRequestResult,
  ScorecardSummary,
  SourceView,
  UnclaimedReport,
} from '@pavedroad/guardrails-core/model';
import { GUARDRAILS } from '@pavedroad/guardrails-core/model';
import type { EntityRecord } from '../store/entity-record';
import type { EntitySourceRecord } from '../store/entity-source-record';
import type { FindingEventRecord, FindingRecord } from '../store/finding-record';
import type { ReportRecord } from '../store/report-record';
import { findingLink } from './finding-link';
import { daysBetween } from './time';

const iso = (ms: number) => new Date(ms).toISOString();

export function entitySummaryOf(e: EntityRecord): EntitySummary {
  const s: EntitySummary = { entityRef: e.entityRef, kind: e.kind, namespace: e.namespace, name: e.name };
  if (e.title) s.title = e.title;
  if (e.owner) s.owner = e.owner;
  if (e.system) s.system = e.system;
  if (e.lifecycle) s.lifecycle = e.lifecycle;
  if (e.type) s.type = e.type;
  if (e.repository) s.repository = e.repository;
  if (e.awsAccounts) s.awsAccounts = e.awsAccounts;
  return s;
}

export function scorecardSummaryOf(e: EntityRecord): ScorecardSummary {
  return {
    entity: entitySummaryOf(e),
    evaluated: e.evaluated,
    score: e.score,
    grade: e.grade,
    level: e.level,
    openFindings: e.openFindings,
    overdueFindings: e.overdueFindings,
    bySeverity: e.bySeverity,
    statuses: e.statuses,
    updatedAt: e.postureUpdatedAt === undefined ? null : iso(e.postureUpdatedAt),
  };
}

function sourceViewOf(s: EntitySourceRecord): SourceView {
  const v: SourceView = {
    sourceKey: s.sourceKey,
    source: s.kind,
    reportId: s.reportId,
    scannedAt: iso(s.scannedAt),
    receivedAt: iso(s.receivedAt),
    partial: s.partial,
    errors: s.errorCount,
  };
  if (s.repository) v.repository = s.repository;
  if (s.commit) v.commit = s.commit;
  if (s.ref) v.ref = s.ref;
  return v;
}

/** The entity scorecard: catalog facts, the stored posture with its evidence, and the sources behind it. */
export function entityScorecardOf(e: EntityRecord, sources: readonly EntitySourceRecord[]): EntityScorecard {
  const card = e.posture?.scorecard;
  const guardrails: GuardrailView[] = GUARDRAILS.map((g) => {
    const score = card?.guardrails.find((s) => s.id === g.id);
    const evidence = e.posture?.evidence[g.id];
    return {
      ...(score ?? { id: g.id, level: g.level, status: 'unknown' as const, findings: 0, weight: 0, reason: 'not evaluated by any source yet' }),
      title: g.title,
      description: g.description,
      pavedRoad: g.pavedRoad,
      openFindings: evidence?.openFindings ?? 0,
      evidence: evidence?.evidence ?? [],
    };
  });
  const view: EntityScorecard = { ...scorecardSummaryOf(e), guardrails, sources: sources.map(sourceViewOf) };
  if (e.evaluated && card?.next) view.next = card.next;
  return view;
}

export function findingViewOf(f: FindingRecord, now: number, sourceBaseUrl: string): FindingView {
  const end = f.status === 'fixed' && f.fixedAt !== undefined ? f.fixedAt : now;
  const active = f.status === 'open' || f.status === 'reopened';
  const view: FindingView = {
    id: f.id,
    entityRef: f.entityRef,
    fingerprint: f.fingerprint,
    ruleId: f.ruleId,
    guardrail: f.guardrail,
    severity: f.severity,
    confidence: f.confidence,
    title: f.title,
    message: f.message,
    status: f.status,
    source: f.kind,
    sourceKey: f.sourceKey,
    evidence: f.evidence,
    remediation: f.remediation,
    references: f.references,
    firstSeenAt: iso(f.firstSeenAt),
    lastSeenAt: iso(f.lastSeenAt),
    overdue: active && f.dueAt !== undefined && f.dueAt < now,
    ageDays: daysBetween(f.firstSeenAt, end),
  };
  if (f.location) view.location = f.location;
  if (f.resource) view.resource = f.resource;
  if (f.repository) view.repository = f.repository;
  if (f.commit) view.commit = f.commit;
  const link = findingLink(f, sourceBaseUrl);
  if (link) view.link = link;
  if (f.fixedAt !== undefined) view.fixedAt = iso(f.fixedAt);
  if (f.dueAt !== undefined) view.dueAt = iso(f.dueAt);
  if (f.triage) {
    view.triage = { reason: f.triage.reason, by: f.triage.by, at: iso(f.triage.at) };
    if (f.triage.expiresAt !== undefined) view.triage.expiresAt = iso(f.triage.expiresAt);
  }
  return view;
}

export function findingEventOf(e: FindingEventRecord): FindingEvent {
  const v: FindingEvent = { at: iso(e.at), to: e.to, actor: e.actor };
  if (e.from) v.from = e.from;
  if (e.reason) v.reason = e.reason;
  if (e.reportId) v.reportId = e.reportId;
  return v;
}

export function pullRequestOf(r: ReportRecord): PullRequestResult {
  const v: PullRequestResult = { reportId: r.id, receivedAt: iso(r.receivedAt), findings: r.findingCount, guardrails: r.guardrails };
  if (r.repository) v.repository = r.repository;
  if (r.ref) v.ref = r.ref;
  if (r.commit) v.commit = r.commit;
  if (r.base) v.base = r.base;
  return v;
}

export function unclaimedOf(r: ReportRecord): UnclaimedReport {
  const v: UnclaimedReport = { reportId: r.id, scope: r.scope, receivedAt: iso(r.receivedAt), findings: r.findingCount };
  if (r.repository) v.repository = r.repository;
  if (r.accountId) v.account = r.accountId;
  return v;
}
