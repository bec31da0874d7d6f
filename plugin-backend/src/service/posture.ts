import type { EvidenceRef, GuardrailId, GuardrailResult, GuardrailStatus, Scorecard, Severity } from '@pavedroad/guardrails-core/model';
import { GUARDRAILS, compareSeverity, computeScorecardFromWorst } from '@pavedroad/guardrails-core/model';
import type { EntitySourceRecord } from '../store/entity-source-record';

/** Open findings of one guardrail of an entity. */
export interface ActiveCount {
  guardrail: GuardrailId;
  severity: Severity;
  count: number;
}

export interface EntityPosture {
  scorecard: Scorecard;
  /** Per guardrail: the open findings and what each source said. */
  evidence: Partial<Record<GuardrailId, { openFindings: number; evidence: EvidenceRef[] }>>;
  statuses: Partial<Record<GuardrailId, GuardrailStatus>>;
}

function evidenceOf(source: EntitySourceRecord, result: GuardrailResult): EvidenceRef {
  const ref: EvidenceRef = {
    sourceKey: source.sourceKey,
    source: source.kind,
    status: result.status,
    findings: result.findings,
    reportId: source.reportId,
    scannedAt: new Date(source.scannedAt).toISOString(),
  };
  if (result.reason) ref.reason = result.reason;
  if (source.commit) ref.commit = source.commit;
  if (source.ref) ref.ref = source.ref;
  return ref;
}

/**
 * One guardrail's status from every source's evidence and the open findings in the portal. Open findings fail
 * it whatever a source said; a source that could not decide keeps it unknown; a failure whose findings were all
 * triaged in the portal passes; nothing evaluated is unknown, never pass.
 */
export function mergeGuardrail(evidence: readonly EvidenceRef[], openFindings: number): { status: GuardrailStatus; reason?: string } {
  if (openFindings > 0) return { status: 'fail' };
  if (evidence.length === 0) return { status: 'unknown', reason: 'not evaluated by any source yet' };
  const unknown = evidence.filter((e) => e.status === 'unknown');
  if (unknown.length > 0) {
    return { status: 'unknown', reason: unknown.map((e) => `${e.sourceKey}: ${e.reason ?? 'could not be decided'}`).join('; ') };
  }
  if (evidence.some((e) => e.status === 'fail')) return { status: 'pass', reason: 'every finding is suppressed or accepted' };
  if (evidence.some((e) => e.status === 'pass')) return { status: 'pass' };
  const why = evidence.find((e) => e.reason)?.reason;
  return why ? { status: 'not-applicable', reason: why } : { status: 'not-applicable' };
}

/** An entity's posture from its sources' latest evidence and its open findings. Pure. */
export function computePosture(sources: readonly EntitySourceRecord[], active: readonly ActiveCount[]): EntityPosture {
  const counts = new Map<GuardrailId, number>();
  const worst = new Map<GuardrailId, Severity>();
  for (const a of active) {
    if (a.count <= 0) continue;
    if (a.severity !== 'info') counts.set(a.guardrail, (counts.get(a.guardrail) ?? 0) + a.count);
    const current = worst.get(a.guardrail);
    if (a.severity !== 'info' && (!current || compareSeverity(a.severity, current) > 0)) worst.set(a.guardrail, a.severity);
  }

  const results: GuardrailResult[] = [];
  const evidence: EntityPosture['evidence'] = {};
  const statuses: EntityPosture['statuses'] = {};
  for (const g of GUARDRAILS) {
    const refs: EvidenceRef[] = [];
    for (const source of sources) {
      const result = source.guardrails.find((r) => r.id === g.id);
      if (result) refs.push(evidenceOf(source, result));
    }
    const open = counts.get(g.id) ?? 0;
    const merged = mergeGuardrail(refs, open);
    const result: GuardrailResult = { id: g.id, status: merged.status, findings: open };
    if (merged.reason) result.reason = merged.reason;
    results.push(result);
    evidence[g.id] = { openFindings: open, evidence: refs };
    statuses[g.id] = merged.status;
  }
  return { scorecard: computeScorecardFromWorst(results, worst), evidence, statuses };
}
