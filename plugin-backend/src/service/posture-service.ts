import type { PavedRoadLevel, SeverityCounts } from '@pavedroad/guardrails-core/model';
import type { EntityRecord } from '../store/entity-record';
import { ZERO_SEVERITY_COUNTS } from '../store/entity-record';
import type { GuardrailsStore } from '../store/guardrails-store';
import { utcDay } from './time';
import { computePosture } from './posture';

/** An entity's level before and after a posture change. */
export interface LevelChange {
  entityRef: string;
  from: PavedRoadLevel;
  to: PavedRoadLevel;
  /** The entity had a posture before (a first evaluation is not a drop). */
  wasEvaluated: boolean;
}

/**
 * Recomputes and stores an entity's posture from its sources and open findings, and today's snapshot with it,
 * so history and burn-down move with every change rather than once a day.
 */
export async function recomputePosture(store: GuardrailsStore, entityRef: string, now: number): Promise<LevelChange | undefined> {
  const entity = await store.getEntity(entityRef);
  if (!entity) return undefined;
  const sources = await store.listSources(entityRef);
  const active = await store.activeCounts(entityRef);
  const overdue = await store.overdueCount(entityRef, now);
  const bySeverity: SeverityCounts = { ...ZERO_SEVERITY_COUNTS };
  for (const a of active) bySeverity[a.severity] += a.count;
  const posture = computePosture(sources, active);
  const evaluated = sources.length > 0;
  const next: EntityRecord = {
    ...entity,
    evaluated,
    score: evaluated ? posture.scorecard.score : null,
    grade: evaluated ? posture.scorecard.grade : null,
    level: evaluated ? posture.scorecard.level : 'none',
    openFindings: active.reduce((n, a) => n + a.count, 0),
    overdueFindings: overdue,
    bySeverity,
    statuses: evaluated ? posture.statuses : {},
    posture: { scorecard: posture.scorecard, evidence: posture.evidence },
    postureUpdatedAt: now,
  };
  await store.savePosture(next);
  if (evaluated) {
    await store.upsertSnapshots([
      {
        entityRef,
        day: utcDay(now),
        score: next.score,
        grade: next.grade,
        level: next.level,
        openFindings: next.openFindings,
        overdueFindings: next.overdueFindings,
        statuses: next.statuses,
      },
    ]);
  }
  return { entityRef, from: entity.level, to: next.level, wasEvaluated: entity.evaluated };
}
