import { GetAccessKeyLastUsedCommand, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsResult } from './aws-call';
import { AWS_CALL_TIMEOUT_MS, callAws } from './aws-call';
import type { AwsSession } from './aws-session';

/** The long-lived IAM user key the job signs in with. */
export interface CallerKey {
  /** `IAM user \`ci-deploy\``, or `the root user`. */
  principal: string;
  account: string;
  created: Date;
  /** Absent when IAM has no record of its use (tracking started 2015-04-22). */
  lastUsed?: Date;
}

// `arn:aws:iam::123456789012:user/path/name`; `...:root` for the account's root user.
const USER_ARN = /^arn:aws[\w-]*:iam::(\d{12}):(?:user\/(?:[^/]*\/)*([^/]+)|(root))$/;

/**
 * The job's own access key, when it is a long-lived one (`AKIA`, an IAM user's or root's): who it belongs to
 * (`sts:GetCallerIdentity`), when it was created (`iam:ListAccessKeys`) and last used (`iam:GetAccessKeyLastUsed`).
 * Undefined for temporary credentials (`ASIA`: a role, OIDC, SSO), without calling anything.
 */
export async function readCallerKey(session: Pick<AwsSession, 'sts' | 'iam' | 'accessKeyId'>, timeoutMs = AWS_CALL_TIMEOUT_MS): Promise<AwsResult<CallerKey | undefined>> {
  if (!session.accessKeyId.startsWith('AKIA')) return { ok: true, value: undefined };
  const identity = await callAws('sts:GetCallerIdentity', (abortSignal) => session.sts.send(new GetCallerIdentityCommand({}), { abortSignal }), timeoutMs);
  if (!identity.ok) return identity;
  const arn = USER_ARN.exec(identity.value.Arn ?? '');
  if (!arn) return { ok: true, value: undefined };
  const principal = arn[3] ? 'the root user' : `IAM user \`${arn[2]}\``;

  // Without UserName IAM lists the caller's own keys, so the policy can be scoped to `user/${aws:username}`.
  const keys = await callAws('iam:ListAccessKeys', (abortSignal) => session.iam.send(new ListAccessKeysCommand({}), { abortSignal }), timeoutMs);
  if (!keys.ok) return keys;
  const key = keys.value.AccessKeyMetadata?.find((k) => k.AccessKeyId === session.accessKeyId);
  if (!key?.CreateDate) return { ok: true, value: undefined };

  const used = await callAws('iam:GetAccessKeyLastUsed', (abortSignal) => session.iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: session.accessKeyId }), { abortSignal }), timeoutMs);
  if (!used.ok) return used;
  const lastUsed = used.value.AccessKeyLastUsed?.LastUsedDate;
  return { ok: true, value: { principal, account: arn[1]!, created: key.CreateDate, ...(lastUsed ? { lastUsed } : {}) } };
}
