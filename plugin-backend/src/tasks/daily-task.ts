import type { LoggerService } from '@backstage/backend-plugin-api';
import type { GuardrailsStore } from '../store/guardrails-store';
import type { OwnerNotifier } from '../service/owner-notifier';
import { recomputePosture } from '../service/posture-service';
import { DAY_MS, utcDay } from '../service/time';
import type { TriageService } from '../service/triage-service';

/**
 * The daily run: lapsed triage decisions reopen, every evaluated entity is recomputed (findings become overdue
 * with time alone) and snapshotted for trends and burn-down, owners hear of newly overdue findings, and old
 * snapshots go.
 */
export async function runDailyTask(deps: {
  store: GuardrailsStore;
  triage: TriageService;
  notifier: OwnerNotifier;
  logger: LoggerService;
  clock: () => number;
  retentionDays: number;
}): Promise<{ expired: number; entities: number; notified: number; pruned: number }> {
  const { store, logger } = deps;
  const expired = await deps.triage.expire();
  const now = deps.clock();
  const entities = await store.listEntities({ evaluatedOnly: true });
  for (const e of entities) {
    await store.transaction(async (tx) => {
      await tx.lock(`entity:${e.entityRef}`);
      await recomputePosture(tx, e.entityRef, now);
    });
  }
  const notified = await deps.notifier.overdue();
  const pruned = await store.deleteSnapshotsBefore(utcDay(now - deps.retentionDays * DAY_MS));
  logger.info(`Guardrails daily run: ${expired} triage decision(s) expired, ${entities.length} entities snapshotted, ${notified} overdue finding(s) notified, ${pruned} old snapshot(s) pruned`);
  return { expired, entities: entities.length, notified, pruned };
}
