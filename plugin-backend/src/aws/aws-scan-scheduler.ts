import type { LoggerService, SchedulerService, SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { GuardrailsOptions } from '../service/guardrails-options';
import type { IngestService } from '../service/ingest-service';
import type { AccountScanner } from './live-scan';

export const scanTaskId = (accountId: string) => `guardrails-aws-scan-${accountId}`;

/**
 * One scheduled task per configured AWS account (scope global: with several replicas each account is scanned
 * once per run), and a manual trigger. A scan that fails outright is logged and retried at the next run; a
 * partial scan is filed as partial, its undecided guardrails unknown.
 */
export class AwsScanScheduler {
  constructor(
    private readonly deps: {
      options: GuardrailsOptions['aws'];
      scheduler: SchedulerService;
      ingest: IngestService;
      scanner: AccountScanner;
      logger: LoggerService;
      clock: () => number;
    },
  ) {}

  accounts(): { accountId: string; regions?: string[]; taskId: string }[] {
    return this.deps.options.accounts.map((a) => ({ accountId: a.accountId, ...(a.regions ? { regions: a.regions } : {}), taskId: scanTaskId(a.accountId) }));
  }

  async schedule(): Promise<void> {
    const { options } = this.deps;
    const frequency: SchedulerServiceTaskScheduleDefinition['frequency'] = options.cron ? { cron: options.cron } : { minutes: options.frequencyMinutes };
    for (const account of options.accounts) {
      await this.deps.scheduler.scheduleTask({
        id: scanTaskId(account.accountId),
        frequency,
        timeout: { minutes: options.timeoutMinutes + 1 },
        initialDelay: { seconds: 30 },
        scope: 'global',
        fn: async (signal) => {
          await this.scan(account.accountId, signal);
        },
      });
    }
  }

  /** Scans one account now and files the result. */
  async scan(accountId: string, signal?: AbortSignal): Promise<void> {
    const account = this.deps.options.accounts.find((a) => a.accountId === accountId);
    if (!account) throw new NotFoundError(`AWS account ${accountId} is not configured in guardrails.aws.accounts`);
    const { logger } = this.deps;
    const started = this.deps.clock();
    try {
      const request: Parameters<AccountScanner>[0] = { target: account, now: new Date(started), timeLimitMs: this.deps.options.timeoutMinutes * 60_000, tagKeys: this.deps.options.entityTagKeys };
      if (signal) request.signal = signal;
      const scan = await this.deps.scanner(request);
      const result = await this.deps.ingest.ingestLive(scan, this.deps.options.entityTagKeys);
      logger.info(
        `Guardrails AWS scan of ${accountId}: ${scan.findings.length} finding(s)${scan.partial ? `, partial (${scan.errors.length} error(s))` : ''}, applied to ${result.entities.length ? result.entities.join(', ') : 'no entity (kept as unclaimed)'}`,
      );
    } catch (error) {
      logger.error(`Guardrails AWS scan of ${accountId} failed: ${String(error)}`);
      throw error;
    }
  }

  async trigger(accountId: string): Promise<void> {
    if (!this.deps.options.accounts.some((a) => a.accountId === accountId)) {
      throw new NotFoundError(`AWS account ${accountId} is not configured in guardrails.aws.accounts`);
    }
    await this.deps.scheduler.triggerTask(scanTaskId(accountId));
  }
}
