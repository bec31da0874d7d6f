import type { IndustryFigure } from './guardrail-catalog';
import type { GuardrailId } from './guardrail-id';
import type { Confidence, Location, Remediation, ResourceRef } from './finding';
import type { GuardrailLevel, PavedRoadLevel } from './paved-road-level';
import type { GuardrailResult, GuardrailStatus } from './report';
import type { Severity } from './severity';
import type { Grade, GuardrailScore } from '../scoring/scorecard';

// The portal's REST contract (plugin-backend serves it, plugin-frontend reads it). Described route by route in
// plugin-backend/openapi.yaml; kept here so both sides compile against the same shapes.

/** A finding's lifecycle state in the portal. `open` and `reopened` count against the service. */
export const FINDING_STATUSES = ['open', 'reopened', 'fixed', 'suppressed', 'accepted'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export const ACTIVE_FINDING_STATUSES: readonly FindingStatus[] = ['open', 'reopened'];

export function isFindingStatus(value: unknown): value is FindingStatus {
  return typeof value === 'string' && (FINDING_STATUSES as readonly string[]).includes(value);
}

/** Where a stored finding came from: a default-branch repository scan or a live AWS scan. */
export type PostureSource = 'repo' | 'aws';

/** Triage actions a user with `guardrails.finding.update` may take. */
export const TRIAGE_ACTIONS = ['suppress', 'accept-risk', 'reopen'] as const;
export type TriageAction = (typeof TRIAGE_ACTIONS)[number];

export interface TriageRequest {
  action: TriageAction;
  /** Why; required for every action. */
  reason: string;
  /** ISO date or date-time after which a suppression or accepted risk lapses (required for accept-risk). */
  expiresAt?: string;
}

/** A catalog entity as the portal knows it (synced from the catalog). */
export interface EntitySummary {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  owner?: string;
  system?: string;
  lifecycle?: string;
  type?: string;
  /** `github.com/project-slug` of the entity. */
  repository?: string;
  /** `amazonaws.com/account-id` of the entity. */
  awsAccounts?: string[];
}

export interface SeverityCounts {
  critical: number;
  high: number;
  medium: number;
  low: number;
  info: number;
}

/** One line of the scorecards list. */
export interface ScorecardSummary {
  entity: EntitySummary;
  /** False until a full-scope report or live scan has been received. */
  evaluated: boolean;
  score: number | null;
  grade: Grade | null;
  level: PavedRoadLevel;
  openFindings: number;
  overdueFindings: number;
  bySeverity: SeverityCounts;
  statuses: Partial<Record<GuardrailId, GuardrailStatus>>;
  updatedAt: string | null;
}

/** What a guardrail's status rests on: one source (a repository's default branch, an AWS account). */
export interface EvidenceRef {
  sourceKey: string;
  source: PostureSource;
  status: GuardrailStatus;
  findings: number;
  reason?: string;
  reportId: string;
  scannedAt: string;
  commit?: string;
  ref?: string;
}

export interface GuardrailView extends GuardrailScore {
  title: string;
  description: string;
  pavedRoad: string;
  openFindings: number;
  evidence: EvidenceRef[];
}

export interface SourceView {
  sourceKey: string;
  source: PostureSource;
  reportId: string;
  scannedAt: string;
  receivedAt: string;
  repository?: string;
  commit?: string;
  ref?: string;
  /** True when the scan could not look at everything (errors, skipped files, denied APIs). */
  partial: boolean;
  errors: number;
}

export interface EntityScorecard extends ScorecardSummary {
  guardrails: GuardrailView[];
  next?: { level: GuardrailLevel; blockers: GuardrailId[] };
  sources: SourceView[];
}

export interface FindingTriage {
  reason: string;
  by: string;
  at: string;
  expiresAt?: string;
}

export interface FindingView {
  id: string;
  entityRef: string;
  fingerprint: string;
  ruleId: string;
  guardrail: GuardrailId;
  severity: Severity;
  confidence: Confidence;
  title: string;
  message: string;
  status: FindingStatus;
  source: PostureSource;
  sourceKey: string;
  location?: Location;
  resource?: ResourceRef;
  repository?: string;
  commit?: string;
  /** The file line at its commit, or the AWS console page of the resource. */
  link?: string;
  /** Redacted; never the secret. */
  evidence: string;
  remediation: Remediation;
  references: string[];
  firstSeenAt: string;
  lastSeenAt: string;
  fixedAt?: string;
  dueAt?: string;
  overdue: boolean;
  ageDays: number;
  triage?: FindingTriage;
}

export interface FindingEvent {
  at: string;
  from?: FindingStatus;
  to: FindingStatus;
  actor: string;
  reason?: string;
  reportId?: string;
}

export interface FindingDetail extends FindingView {
  events: FindingEvent[];
}

export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}

export interface ScoreHistoryPoint {
  day: string;
  score: number | null;
  grade: Grade | null;
  level: PavedRoadLevel;
  openFindings: number;
  overdueFindings: number;
}

export const AGING_BUCKETS = ['0-7', '8-30', '31-90', '91-180', '180+'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export interface BurndownPoint {
  day: string;
  open: number;
  overdue: number;
}

export interface SlaCounts {
  /** Open, due in more than 7 days (or no due date). */
  onTrack: number;
  /** Open, due within 7 days. */
  dueSoon: number;
  overdue: number;
}

export interface TeamRemediation {
  team: { entityRef: string; title?: string };
  /** Owned services, riskiest first. */
  services: ScorecardSummary[];
  openFindings: number;
  overdueFindings: number;
  bySeverity: SeverityCounts;
  aging: { bucket: AgingBucket; count: number }[];
  sla: SlaCounts;
  /** Mean days from first seen to fixed over the last 90 days; null with nothing fixed. */
  meanTimeToRemediateDays: number | null;
  fixedLast30Days: number;
  burndown: BurndownPoint[];
  /** The team's open findings, most urgent (overdue, then due soonest) first. */
  topFindings: FindingView[];
}

export interface GuardrailAdoption {
  guardrail: GuardrailId;
  title: string;
  level: GuardrailLevel;
  passing: number;
  failing: number;
  unknown: number;
  notApplicable: number;
  /** Share of evaluated services passing (0..1), null when none was evaluated. */
  share: number | null;
  industry?: IndustryFigure;
}

export interface OverviewTrendPoint {
  day: string;
  averageScore: number | null;
  openFindings: number;
  overdueFindings: number;
  levels: Record<PavedRoadLevel, number>;
}

export interface Overview {
  services: number;
  evaluated: number;
  levels: Record<PavedRoadLevel, number>;
  grades: Record<Grade | 'none', number>;
  openFindings: number;
  overdueFindings: number;
  adoption: GuardrailAdoption[];
  trend: OverviewTrendPoint[];
}

/** A pull-request (or other non-posture) report, listed but never scored. */
export interface PullRequestResult {
  reportId: string;
  repository?: string;
  ref?: string;
  commit?: string;
  base?: string;
  receivedAt: string;
  findings: number;
  guardrails: GuardrailResult[];
}

/** A report no catalog entity claims (yet): kept, listed, and applied when an entity claims its repository. */
export interface UnclaimedReport {
  reportId: string;
  repository?: string;
  account?: string;
  scope: 'full' | 'diff';
  receivedAt: string;
  findings: number;
}

export interface IngestResult {
  id: string;
  status: 'accepted' | 'duplicate';
  /** Entities the report was applied to; empty when no entity claims the repository. */
  entities: string[];
  /** True when the report changed posture (full scope on the default branch or a live scan). */
  posture: boolean;
  url?: string;
}
