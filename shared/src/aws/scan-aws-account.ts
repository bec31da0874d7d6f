import { setMaxListeners } from 'node:events';
import { guardrailResults } from '../engine/guardrail-results';
import type { AwsScanOptions, AwsScanResult } from './aws-scan-types';
import { collectAuthorizationDetails } from './collect/iam-authorization';
import { collectUsers } from './collect/iam-users';
import { readCredentialReport } from './collect/credential-report';
import { collectEc2Region } from './collect/ec2-region';
import { collectEksRegion } from './collect/eks-region';
import { LiveInventory } from './collect/live-inventory';
import { collectOrganization } from './collect/organization';
import { collectS3 } from './collect/s3-account';
import { checkInventory, LIVE_GUARDRAILS } from './engine/live-checks';
import { AccountClients } from './session/account-clients';
import { assumeScanRole, callerIdentity } from './session/assume-role';
import { regionsToScan } from './session/enabled-regions';
import { ScanContext } from './session/scan-context';

export const DEFAULT_TIME_LIMIT_MS = 15 * 60_000;
export const DEFAULT_CONCURRENCY = 4;
const DEFAULT_SESSION_NAME = 'paved-road-guardrails';

/**
 * Scans one AWS account: assumes the configured role, reads IAM, S3, Organizations and, in every scanned region,
 * EC2 and EKS into the shared resource model, and runs the same guardrail checks as the IaC scan. AWS failures
 * never throw: what could not be read is listed in `errors`, makes its guardrails `unknown` and the result
 * `partial`. Throws only on invalid options.
 */
export async function scanAwsAccount(options: AwsScanOptions): Promise<AwsScanResult> {
  const { target } = options;
  if (!/^\d{12}$/.test(target.accountId)) throw new TypeError(`the AWS account id must be 12 digits, not "${target.accountId}"`);
  const started = performance.now();
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const timeLimit = AbortSignal.timeout(timeLimitMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeLimit]) : timeLimit;
  // Every running step listens for the stop; dozens at once are expected.
  setMaxListeners(0, signal);
  const clients = new AccountClients({
    credentials: options.credentials,
    maxAttempts: options.maxAttempts,
    retryStrategy: options.retryStrategy,
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    homeRegion: options.homeRegion ?? 'us-east-1',
  });
  const ctx = new ScanContext(clients, target.accountId, options.now, signal, options.tagKeys ?? [], options.credentialReportPollMs ?? 2000);
  const inventory = new LiveInventory(target.accountId, options.tagKeys ?? []);
  const result = (extra: Partial<AwsScanResult>, regions: string[] = []): AwsScanResult => {
    const errors = ctx.errors;
    if (timeLimit.aborted) errors.push({ service: 'scan', operation: 'timeLimit', message: `the scan stopped at its time limit of ${Math.round(timeLimitMs / 1000)} s; what was not read is unknown`, code: 'TimeLimit' });
    return {
      accountId: target.accountId,
      startedAt: options.now.toISOString(),
      durationMs: Math.round(performance.now() - started),
      partial: errors.length > 0 || signal.aborted,
      findings: [],
      guardrails: [],
      errors,
      stats: { apiCalls: clients.apiCalls, ...inventory.counts, regions },
      ...extra,
    };
  };
  // Without an identity in the right account nothing can be judged: every guardrail is unknown.
  const allUnknown = () => guardrailResults(LIVE_GUARDRAILS, [], new Map(LIVE_GUARDRAILS.map((g) => [g, ctx.incompleteGuardrails.get(g)?.[0] ?? 'the account could not be scanned'])));

  if (target.roleArn) {
    const role = await assumeScanRole(ctx, target.roleArn, target.externalId, target.sessionName ?? DEFAULT_SESSION_NAME);
    if (!role) return result({ guardrails: allUnknown() });
    ctx.clients = clients.withCredentials(role);
  }
  const caller = await callerIdentity(ctx);
  if (!caller) return result({ guardrails: allUnknown() });
  if (caller.account !== target.accountId) {
    const message = `the credentials belong to account ${caller.account ?? 'unknown'}, not ${target.accountId}: check the role ARN`;
    ctx.fail({ service: 'sts', operation: 'GetCallerIdentity', guardrails: LIVE_GUARDRAILS }, { kind: 'error', code: 'WrongAccount', message });
    return result({ ...(caller.arn ? { callerArn: caller.arn } : {}), guardrails: allUnknown() });
  }

  const regions = await regionsToScan(ctx, target.regions);
  const iam = (async () => {
    const [users, report] = await Promise.all([collectAuthorizationDetails(ctx, inventory), readCredentialReport(ctx)]);
    await collectUsers(ctx, inventory, users, report);
  })();
  const [isManagementAccount] = await Promise.all([
    collectOrganization(ctx, inventory),
    iam,
    collectS3(ctx, inventory),
    ...regions.map(async (region) => {
      await collectEc2Region(ctx, inventory, region);
      await collectEksRegion(ctx, inventory, region);
    }),
  ]);

  const { findings, guardrails } = checkInventory(inventory, ctx.incompleteGuardrails);
  return result({ ...(caller.arn ? { callerArn: caller.arn } : {}), isManagementAccount, findings, guardrails }, regions);
}
