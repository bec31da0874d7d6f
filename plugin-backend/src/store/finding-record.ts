import type {
  Confidence,
  FindingStatus,
  GuardrailId,
  Location,
  PostureSource,
  Remediation,
  ResourceRef,
  Severity,
} from '@pavedroad/guardrails-core/model';

/** A portal triage decision on a finding (suppress or accept risk). Times are epoch ms. */
export interface TriageRecord {
  reason: string;
  by: string;
  at: number;
  expiresAt?: number;
}

/** A stored finding with its lifecycle. Times are epoch ms. */
export interface FindingRecord {
  id: string;
  entityRef: string;
  fingerprint: string;
  sourceKey: string;
  kind: PostureSource;
  ruleId: string;
  guardrail: GuardrailId;
  severity: Severity;
  confidence: Confidence;
  title: string;
  message: string;
  location?: Location;
  resource?: ResourceRef;
  repository?: string;
  commit?: string;
  evidence: string;
  remediation: Remediation;
  references: string[];
  properties?: Record<string, string | number | boolean>;
  status: FindingStatus;
  /** Suppressed in the code (`guardrails:ignore`) rather than in the portal. */
  inlineSuppressed: boolean;
  triage?: TriageRecord;
  firstSeenAt: number;
  lastSeenAt: number;
  fixedAt?: number;
  dueAt?: number;
  lastReportId: string;
  overdueNotifiedAt?: number;
}

export interface FindingEventRecord {
  findingId: string;
  at: number;
  from?: FindingStatus;
  to: FindingStatus;
  actor: string;
  reason?: string;
  reportId?: string;
}
