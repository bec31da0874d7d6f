import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { Severity } from '@pavedroad/guardrails-core/model';
import { SEVERITIES } from '@pavedroad/guardrails-core/model';
import type { CallerBinding } from './caller-binding';
import type { SlaPolicy } from './sla';
import { DEFAULT_SLA } from './sla';

export interface AwsAccountOptions {
  accountId: string;
  roleArn?: string;
  externalId?: string;
  regions?: string[];
}

/** Every `guardrails.*` setting, read once at startup (described in config.d.ts). */
export interface GuardrailsOptions {
  maxBodySize: string;
  bindings: CallerBinding[];
  sla: SlaPolicy;
  catalogSyncMinutes: number;
  snapshotCron: string;
  retentionDays: number;
  notificationsEnabled: boolean;
  sourceBaseUrl: string;
  portalBaseUrl?: string;
  aws: {
    accounts: AwsAccountOptions[];
    cron?: string;
    frequencyMinutes: number;
    timeoutMinutes: number;
    entityTagKeys: string[];
  };
}

function positive(config: Config | undefined, key: string, fallback: number): number {
  const value = config?.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new InputError(`guardrails.${key} must be a positive number, got ${value}`);
  return value;
}

/** Reads `guardrails.*`; a wrong value stops startup with the key that is wrong. */
export function readGuardrailsOptions(root: Config): GuardrailsOptions {
  const config = root.getOptionalConfig('guardrails');
  const sla: Record<Severity, number | undefined> = { ...DEFAULT_SLA };
  for (const severity of SEVERITIES) {
    const days = config?.getOptionalNumber(`sla.${severity}`);
    if (days !== undefined) {
      if (!(days > 0)) throw new InputError(`guardrails.sla.${severity} must be a positive number of days, got ${days}`);
      sla[severity] = days;
    }
  }
  const bindings = (config?.getOptionalConfigArray('ingest.bindings') ?? []).map((b) => ({
    subject: b.getString('subject'),
    repositories: b.getStringArray('repositories'),
  }));
  const accounts = (config?.getOptionalConfigArray('aws.accounts') ?? []).map((a, i) => {
    const accountId = a.getString('accountId');
    if (!/^\d{12}$/.test(accountId)) throw new InputError(`guardrails.aws.accounts[${i}].accountId must be 12 digits, got ${accountId}`);
    const account: AwsAccountOptions = { accountId };
    const roleArn = a.getOptionalString('roleArn');
    if (roleArn) account.roleArn = roleArn;
    const externalId = a.getOptionalString('externalId');
    if (externalId) account.externalId = externalId;
    const regions = a.getOptionalStringArray('regions');
    if (regions) account.regions = regions;
    return account;
  });
  const options: GuardrailsOptions = {
    maxBodySize: config?.getOptionalString('ingest.maxBodySize') ?? '20mb',
    bindings,
    sla,
    catalogSyncMinutes: positive(config, 'catalogSync.frequencyMinutes', 10),
    snapshotCron: config?.getOptionalString('snapshots.cron') ?? '15 0 * * *',
    retentionDays: positive(config, 'snapshots.retentionDays', 400),
    notificationsEnabled: config?.getOptionalBoolean('notifications.enabled') ?? true,
    sourceBaseUrl: config?.getOptionalString('sourceBaseUrl') ?? 'https://github.com',
    aws: {
      accounts,
      frequencyMinutes: positive(config, 'aws.schedule.frequencyMinutes', 360),
      timeoutMinutes: positive(config, 'aws.schedule.timeoutMinutes', 15),
      entityTagKeys: config?.getOptionalStringArray('aws.entityTagKeys') ?? ['backstage.io/component'],
    },
  };
  const cron = config?.getOptionalString('aws.schedule.cron');
  if (cron) options.aws.cron = cron;
  const portal = config?.getOptionalString('portalBaseUrl') ?? root.getOptionalString('app.baseUrl');
  if (portal) options.portalBaseUrl = portal;
  return options;
}
