import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { levelRank } from '@pavedroad/guardrails-core/model';
import type { FindingRecord } from '../store/finding-record';
import type { GuardrailsStore } from '../store/guardrails-store';
import type { LevelChange } from './posture-service';

const OVERDUE_BATCH = 500;

/**
 * Tells owners, through the Backstage notifications service, when a service drops a paved-road level and when
 * findings pass their due date. Overdue findings are marked once told, so replicas and reruns never repeat.
 * Without the notifications backend the sends fail; the portal logs it and carries on.
 */
export class OwnerNotifier {
  constructor(
    private readonly deps: {
      store: GuardrailsStore;
      notifications?: NotificationService;
      logger: LoggerService;
      clock: () => number;
      entityUrl: (entityRef: string) => string | undefined;
    },
  ) {}

  async #send(recipient: string, payload: Parameters<NotificationService['send']>[0]['payload']): Promise<boolean> {
    if (!this.deps.notifications) return false;
    try {
      await this.deps.notifications.send({ recipients: { type: 'entity', entityRef: recipient }, payload });
      return true;
    } catch (error) {
      this.deps.logger.warn(`Could not notify ${recipient} (is the notifications backend installed?): ${String(error)}`);
      return false;
    }
  }

  async levelChanges(changes: readonly LevelChange[]): Promise<void> {
    for (const change of changes) {
      if (!change.wasEvaluated || levelRank(change.to) >= levelRank(change.from)) continue;
      const entity = await this.deps.store.getEntity(change.entityRef);
      const link = this.deps.entityUrl(change.entityRef);
      await this.#send(entity?.owner ?? change.entityRef, {
        title: `${entity?.title ?? entity?.name ?? change.entityRef} dropped from ${change.from} to ${change.to}`,
        description: 'A guardrail it met before now fails or cannot be decided. Open its guardrails tab for the findings and the paved-road fix.',
        severity: 'high',
        topic: 'guardrails-level',
        scope: `guardrails-level:${change.entityRef}:${change.to}`,
        ...(link ? { link } : {}),
      });
    }
  }

  /** One notification per entity for the findings that newly passed their due date. Returns how many were told. */
  async overdue(): Promise<number> {
    const now = this.deps.clock();
    const findings = await this.deps.store.overdueUnnotified(now, OVERDUE_BATCH);
    const byEntity = new Map<string, FindingRecord[]>();
    for (const f of findings) byEntity.set(f.entityRef, [...(byEntity.get(f.entityRef) ?? []), f]);
    let told = 0;
    for (const [entityRef, list] of byEntity) {
      const entity = await this.deps.store.getEntity(entityRef);
      const name = entity?.title ?? entity?.name ?? entityRef;
      const link = this.deps.entityUrl(entityRef);
      const sent = await this.#send(entity?.owner ?? entityRef, {
        title: `${list.length} guardrail finding${list.length === 1 ? '' : 's'} of ${name} passed the due date`,
        description: list.slice(0, 5).map((f) => `${f.severity}: ${f.title}`).join('\n'),
        severity: list.some((f) => f.severity === 'critical') ? 'critical' : 'high',
        topic: 'guardrails-overdue',
        ...(link ? { link } : {}),
      });
      if (sent) {
        await this.deps.store.markOverdueNotified(list.map((f) => f.id), now);
        told += list.length;
      }
    }
    return told;
  }
}
