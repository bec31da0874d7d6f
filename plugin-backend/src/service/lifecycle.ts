import type { Finding, PostureSource } from '@pavedroad/guardrails-core/model';
import type { FindingEventRecord, FindingRecord } from '../store/finding-record';
import type { SlaPolicy } from './sla';
import { dueAt } from './sla';

export interface ApplyReportInput {
  entityRef: string;
  sourceKey: string;
  kind: PostureSource;
  reportId: string;
  repository?: string;
  /** The scanned commit: file findings link to their lines at it. */
  commit?: string;
  now: number;
  sla: SlaPolicy;
  findings: readonly Finding[];
  /** The entity's stored findings of this source, and any other with a fingerprint in the report. */
  existing: ReadonlyMap<string, FindingRecord>;
  /** Guardrails the scan could not decide: their findings are not fixed by being absent. */
  undecidedGuardrails?: ReadonlySet<string>;
  /** Files the scan could not read or parse: their findings are not fixed by being absent. */
  undecidedPaths?: ReadonlySet<string>;
  newId: () => string;
}

export interface ApplyReportOutcome {
  /** Findings of the report that are new or changed (state, severity, text, place): written in full. */
  seen: FindingRecord[];
  /** Findings of the report that are unchanged but for being seen again: only their last-seen mark moves. */
  touched: FindingRecord[];
  /** Stored findings of this source the report no longer has: now fixed. */
  fixed: FindingRecord[];
  events: FindingEventRecord[];
}

const REPORT_ACTOR = 'report';

/** Deduplicates by fingerprint; the first occurrence wins (a report may repeat a finding across formats). */
function uniqueByFingerprint(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => (seen.has(f.fingerprint) ? false : (seen.add(f.fingerprint), true)));
}

function content(f: Finding, input: ApplyReportInput, previous: FindingRecord | undefined): Omit<FindingRecord, 'status' | 'inlineSuppressed' | 'firstSeenAt' | 'dueAt'> {
  const record: Omit<FindingRecord, 'status' | 'inlineSuppressed' | 'firstSeenAt' | 'dueAt'> = {
    id: previous?.id ?? input.newId(),
    entityRef: input.entityRef,
    fingerprint: f.fingerprint,
    sourceKey: input.sourceKey,
    kind: input.kind,
    ruleId: f.ruleId,
    guardrail: f.guardrail,
    severity: f.severity,
    confidence: f.confidence,
    title: f.title,
    message: f.message,
    evidence: f.evidence,
    remediation: f.remediation,
    references: f.references,
    lastSeenAt: input.now,
    lastReportId: input.reportId,
  };
  if (f.location) record.location = f.location;
  if (f.resource) record.resource = f.resource;
  if (input.repository) record.repository = input.repository;
  const commit = f.commit ?? input.commit;
  if (commit) record.commit = commit;
  if (f.properties) record.properties = f.properties;
  if (previous?.triage) record.triage = previous.triage;
  if (previous?.overdueNotifiedAt !== undefined) record.overdueNotifiedAt = previous.overdueNotifiedAt;
  return record;
}

// What a report may change about a finding it sees again; `lastSeenAt`, `lastReportId` and the scanned commit
// move on every report and are written in bulk.
const CONTENT: readonly (keyof FindingRecord)[] = [
  'sourceKey', 'kind', 'ruleId', 'guardrail', 'severity', 'confidence', 'title', 'message', 'location', 'resource', 'repository',
  'evidence', 'remediation', 'references', 'properties', 'status', 'inlineSuppressed', 'triage', 'firstSeenAt', 'fixedAt', 'dueAt', 'overdueNotifiedAt',
];

function unchanged(previous: FindingRecord, next: FindingRecord): boolean {
  for (const k of CONTENT) {
    const a = previous[k];
    const b = next[k];
    if (!sameValue(a, b)) return false;
  }
  return true;
}

/** Structural equality of the small JSON values a finding holds (location, remediation, references, ...). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Applies one full-scope report of one source to an entity's findings: new findings open, findings seen again
 * stay as they are (fixed ones reopen), findings of this source the report no longer has are fixed, inline
 * suppressions follow the code, portal triage survives until it expires. Pure: the caller stores the outcome.
 */
export function applyReport(input: ApplyReportInput): ApplyReportOutcome {
  const { now } = input;
  const events: FindingEventRecord[] = [];
  const event = (record: FindingRecord, from: FindingRecord['status'] | undefined, reason?: string) => {
    const e: FindingEventRecord = { findingId: record.id, at: now, to: record.status, actor: REPORT_ACTOR, reportId: input.reportId };
    if (from) e.from = from;
    if (reason) e.reason = reason;
    events.push(e);
  };

  const seen: FindingRecord[] = [];
  const touched: FindingRecord[] = [];
  const present = new Set<string>();
  for (const f of uniqueByFingerprint(input.findings)) {
    present.add(f.fingerprint);
    const previous = input.existing.get(f.fingerprint);
    const base = content(f, input, previous);
    const inline = f.suppression !== undefined;
    if (!previous) {
      const record: FindingRecord = { ...base, status: inline ? 'suppressed' : 'open', inlineSuppressed: inline, firstSeenAt: now };
      const due = dueAt(input.sla, f.severity, now);
      if (due !== undefined) record.dueAt = due;
      seen.push(record);
      event(record, undefined, inline ? `suppressed in code: ${f.suppression?.reason ?? ''}` : undefined);
      continue;
    }

    const record: FindingRecord = { ...base, status: previous.status, inlineSuppressed: previous.inlineSuppressed, firstSeenAt: previous.firstSeenAt };
    const due = previous.severity === f.severity ? previous.dueAt : dueAt(input.sla, f.severity, previous.firstSeenAt);
    if (due !== undefined) record.dueAt = due;

    const triageLapsed = record.triage?.expiresAt !== undefined && record.triage.expiresAt <= now;
    let reason: string | undefined;
    if (inline) {
      if (record.status !== 'suppressed' || !record.inlineSuppressed) {
        record.status = 'suppressed';
        record.inlineSuppressed = true;
        reason = `suppressed in code: ${f.suppression?.reason ?? ''}`;
      }
    } else if (previous.status === 'fixed') {
      record.status = 'reopened';
      record.inlineSuppressed = false;
      delete record.triage;
      reason = 'seen again after it was fixed';
    } else if (previous.inlineSuppressed) {
      record.status = 'open';
      record.inlineSuppressed = false;
      reason = 'the inline suppression was removed';
    } else if ((previous.status === 'suppressed' || previous.status === 'accepted') && triageLapsed) {
      record.status = 'reopened';
      delete record.triage;
      reason = 'the triage decision expired';
    }
    if (unchanged(previous, record)) touched.push(record);
    else seen.push(record);
    if (record.status !== previous.status) event(record, previous.status, reason);
  }

  const fixed: FindingRecord[] = [];
  for (const previous of input.existing.values()) {
    if (previous.sourceKey !== input.sourceKey || present.has(previous.fingerprint) || previous.status === 'fixed') continue;
    // Absent because the scan could not look is not fixed: unknown is never pass.
    if (input.undecidedGuardrails?.has(previous.guardrail)) continue;
    if (previous.location && input.undecidedPaths?.has(previous.location.path)) continue;
    const record: FindingRecord = { ...previous, status: 'fixed', fixedAt: now, inlineSuppressed: false };
    fixed.push(record);
    event(record, previous.status, 'no longer reported by a full scan');
  }
  return { seen, touched, fixed, events };
}

/**
 * A report older than what the entity already has from the same source changes no state, but its findings the
 * portal has never seen are kept as history: the newer scan did not have them, so they are recorded as fixed.
 */
export function applyStaleReport(input: ApplyReportInput): ApplyReportOutcome {
  const seen: FindingRecord[] = [];
  const events: FindingEventRecord[] = [];
  for (const f of uniqueByFingerprint(input.findings)) {
    if (input.existing.has(f.fingerprint)) continue;
    const record: FindingRecord = { ...content(f, input, undefined), status: 'fixed', inlineSuppressed: false, firstSeenAt: input.now, fixedAt: input.now };
    seen.push(record);
    events.push({ findingId: record.id, at: input.now, to: 'fixed', actor: REPORT_ACTOR, reportId: input.reportId, reason: 'reported by an older scan that arrived after a newer one without it' });
  }
  return { seen, touched: [], fixed: [], events };
}
