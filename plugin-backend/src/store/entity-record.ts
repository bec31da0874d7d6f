import type {
  EntitySummary,
  GuardrailId,
  GuardrailStatus,
  Grade,
  PavedRoadLevel,
  SeverityCounts,
} from '@pavedroad/guardrails-core/model';
import type { EntityPosture } from '../service/posture';

/** What the portal keeps of an entity's computed posture. */
export type StoredPosture = Pick<EntityPosture, 'scorecard' | 'evidence'>;

/** A catalog entity the portal tracks, with its current posture. Times are epoch ms. */
export interface EntityRecord extends EntitySummary {
  inCatalog: boolean;
  evaluated: boolean;
  score: number | null;
  grade: Grade | null;
  level: PavedRoadLevel;
  openFindings: number;
  overdueFindings: number;
  bySeverity: SeverityCounts;
  statuses: Partial<Record<GuardrailId, GuardrailStatus>>;
  posture?: StoredPosture;
  postureUpdatedAt?: number;
  syncedAt: number;
}

export const ZERO_SEVERITY_COUNTS: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
