import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsScanCredentials } from '../aws-scan-types';
import type { ScanContext } from './scan-context';
import { LIVE_GUARDRAILS } from '../engine/live-checks';

/** Re-assume this long before the session expires (a scan may outlive a one-hour session on a slow account). */
const REFRESH_BEFORE_MS = 5 * 60_000;

/**
 * Credentials of the role to scan with, assumed with the base credentials (and the external id a vendor-style
 * trust requires), refreshed before they expire. Undefined when the first AssumeRole fails.
 */
export async function assumeScanRole(ctx: ScanContext, roleArn: string, externalId: string | undefined, sessionName: string): Promise<AwsScanCredentials | undefined> {
  const sts = ctx.clients.sts();
  const assume = async (abortSignal?: AbortSignal) => {
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName, ...(externalId ? { ExternalId: externalId } : {}) }), abortSignal ? { abortSignal } : {});
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw Object.assign(new Error('sts:AssumeRole returned no credentials'), { name: 'InvalidResponse' });
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}), ...(c.Expiration ? { expiration: c.Expiration } : {}) };
  };
  const first = await ctx.step({ service: 'sts', operation: 'AssumeRole', guardrails: LIVE_GUARDRAILS }, assume);
  if (!first) return undefined;
  let current = first;
  let pending: Promise<typeof first> | undefined;
  return async () => {
    if (current.expiration && current.expiration.getTime() - Date.now() < REFRESH_BEFORE_MS) {
      pending ??= assume().finally(() => (pending = undefined));
      current = await pending;
    }
    return current;
  };
}

/** Who the scan runs as; the account must be the one configured, or every result would be about another account. */
export async function callerIdentity(ctx: ScanContext): Promise<{ arn?: string | undefined; account?: string | undefined } | undefined> {
  const sts = ctx.clients.sts();
  return ctx.step({ service: 'sts', operation: 'GetCallerIdentity', guardrails: LIVE_GUARDRAILS }, async (abortSignal) => {
    const out = await sts.send(new GetCallerIdentityCommand({}), { abortSignal });
    return { arn: out.Arn, account: out.Account };
  });
}
