import type { Finding } from '../model/finding';
import { GUARDRAILS } from '../model/guardrail-catalog';
import type { GuardrailId } from '../model/guardrail-id';
import type { GuardrailLevel, PavedRoadLevel } from '../model/paved-road-level';
import { GUARDRAIL_LEVELS } from '../model/paved-road-level';
import type { GuardrailResult, GuardrailStatus } from '../model/report';
import type { Severity } from '../model/severity';
import { compareSeverity } from '../model/severity';

export type Grade = 'A' | 'B' | 'C' | 'D' | 'F';

export interface GuardrailScore {
  id: GuardrailId;
  level: GuardrailLevel;
  /** `unknown` when the scan did not evaluate this guardrail at all. */
  status: GuardrailStatus;
  findings: number;
  worstSeverity?: Severity;
  weight: number;
  /** 0..1, or undefined for not-applicable. */
  credit?: number;
  reason?: string;
}

export interface Scorecard {
  /** 0-100, or null when no guardrail applies. */
  score: number | null;
  grade: Grade | null;
  level: PavedRoadLevel;
  /** The next level up and the guardrails that keep the service from it. */
  next?: { level: GuardrailLevel; blockers: GuardrailId[] };
  guardrails: GuardrailScore[];
}

/**
 * The scoring weights, documented in docs/scoring.md and pinned by tests.
 * Lower levels weigh more: they are the basics an attacker tries first.
 */
export const LEVEL_WEIGHT: Record<GuardrailLevel, number> = { bronze: 3, silver: 2, gold: 1 };

/** Credit for a failing guardrail, by its worst open finding. */
export const FAIL_CREDIT: Record<Severity, number> = { critical: 0, high: 0.2, medium: 0.5, low: 0.8, info: 1 };

/** An undecided guardrail earns half: it is neither proven safe nor shown broken. */
export const UNKNOWN_CREDIT = 0.5;

/** The best grade a service with an open finding of this severity can have. */
export const GRADE_CAP: Partial<Record<Severity, Grade>> = { critical: 'D', high: 'C' };

const GRADE_FLOOR: readonly [Grade, number][] = [
  ['A', 90],
  ['B', 80],
  ['C', 70],
  ['D', 60],
];

function gradeFor(score: number): Grade {
  for (const [grade, floor] of GRADE_FLOOR) if (score >= floor) return grade;
  return 'F';
}

function worse(a: Grade, b: Grade): Grade {
  return a > b ? a : b;
}

function creditFor(status: GuardrailStatus, worst: Severity | undefined): number | undefined {
  switch (status) {
    case 'pass':
      return 1;
    case 'unknown':
      return UNKNOWN_CREDIT;
    case 'not-applicable':
      return undefined;
    case 'fail':
      return worst ? FAIL_CREDIT[worst] : 0;
  }
}

/**
 * Turns guardrail results and findings into a scorecard. Pure: the same input always gives the same card.
 * Guardrails the scan did not evaluate count as `unknown`, never as `pass`.
 */
export function computeScorecard(results: readonly GuardrailResult[], findings: readonly Finding[]): Scorecard {
  const worstById = new Map<GuardrailId, Severity>();
  for (const f of findings) {
    if (f.suppression) continue;
    const current = worstById.get(f.guardrail);
    if (!current || compareSeverity(f.severity, current) > 0) worstById.set(f.guardrail, f.severity);
  }
  return computeScorecardFromWorst(results, worstById);
}

/**
 * The same scoring when the findings are not at hand (the portal keeps them in its database): the worst open
 * severity per guardrail stands in for the findings.
 */
export function computeScorecardFromWorst(
  results: readonly GuardrailResult[],
  worstById: ReadonlyMap<GuardrailId, Severity>,
): Scorecard {
  const byId = new Map(results.map((r) => [r.id, r]));

  const guardrails: GuardrailScore[] = GUARDRAILS.map((g) => {
    const result = byId.get(g.id);
    const status: GuardrailStatus = result?.status ?? 'unknown';
    const worst = worstById.get(g.id);
    const credit = creditFor(status, worst);
    const score: GuardrailScore = {
      id: g.id,
      level: g.level,
      status,
      findings: result?.findings ?? 0,
      weight: LEVEL_WEIGHT[g.level],
    };
    if (worst) score.worstSeverity = worst;
    if (credit !== undefined) score.credit = credit;
    const reason = result ? result.reason : 'not evaluated by this scan';
    if (reason !== undefined) score.reason = reason;
    return score;
  });

  let weighted = 0;
  let total = 0;
  for (const g of guardrails) {
    if (g.credit === undefined) continue;
    weighted += g.weight * g.credit;
    total += g.weight;
  }
  const score = total === 0 ? null : Math.round((100 * weighted) / total);

  let grade: Grade | null = score === null ? null : gradeFor(score);
  if (grade !== null) {
    for (const g of guardrails) {
      const cap = g.worstSeverity && g.status === 'fail' ? GRADE_CAP[g.worstSeverity] : undefined;
      if (cap) grade = worse(grade, cap);
    }
  }

  let level: PavedRoadLevel = 'none';
  let next: Scorecard['next'];
  for (const candidate of GUARDRAIL_LEVELS) {
    const blockers = guardrails
      .filter((g) => g.level === candidate && g.status !== 'pass' && g.status !== 'not-applicable')
      .map((g) => g.id);
    if (blockers.length > 0) {
      next = { level: candidate, blockers };
      break;
    }
    level = candidate;
  }

  const card: Scorecard = { score, grade, level, guardrails };
  if (next) card.next = next;
  return card;
}
