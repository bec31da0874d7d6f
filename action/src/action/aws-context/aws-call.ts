/** The AWS calls the context makes, named as IAM permissions (each API needs the permission of its name). */
export const AWS_CONTEXT_PERMISSIONS = [
  'sts:GetCallerIdentity',
  'iam:ListAccessKeys',
  'iam:GetAccessKeyLastUsed',
  'ec2:GetInstanceMetadataDefaults',
  'ec2:DescribeImages',
  'sts:GetAccessKeyInfo',
] as const;
export type AwsPermission = (typeof AWS_CONTEXT_PERMISSIONS)[number];

/** Each call has this long, retries included; the SDK tries at most AWS_MAX_ATTEMPTS times within it. */
export const AWS_CALL_TIMEOUT_MS = 5000;
export const AWS_MAX_ATTEMPTS = 3;

export type AwsFailureKind = 'denied' | 'throttled' | 'timeout' | 'network' | 'credentials' | 'error';

/** Why a call gave nothing. Carries the error code only: AWS messages can echo request values (a key id). */
export interface AwsFailure {
  permission: AwsPermission;
  kind: AwsFailureKind;
  code: string;
  attempts?: number;
}

export type AwsResult<T> = { ok: true; value: T } | { ok: false; failure: AwsFailure };

// Error codes as the Query protocols return them (IAM and STS `AccessDenied`/`Throttling`, EC2
// `UnauthorizedOperation`/`RequestLimitExceeded`).
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedAccess', 'OptInRequired']);
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'ThrottledException', 'RequestLimitExceeded', 'RequestThrottled', 'RequestThrottledException', 'TooManyRequestsException', 'SlowDown']);
const CREDENTIALS = new Set(['InvalidClientTokenId', 'SignatureDoesNotMatch', 'ExpiredToken', 'ExpiredTokenException', 'AuthFailure', 'InvalidAccessKeyId', 'UnrecognizedClientException', 'IncompleteSignature']);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'ENETUNREACH', 'EHOSTUNREACH', 'TimeoutError']);

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  cause?: { code?: unknown };
  $fault?: unknown;
  $metadata?: { attempts?: unknown; httpStatusCode?: unknown };
}

/** Sorts an SDK error into what the notice says about it. */
export function classifyAwsError(permission: AwsPermission, error: unknown, timedOut: boolean): AwsFailure {
  const e = (error && typeof error === 'object' ? error : {}) as ErrorShape;
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const code = typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? e.cause.code : name;
  const attempts = typeof e.$metadata?.attempts === 'number' ? e.$metadata.attempts : undefined;
  const withAttempts = (kind: AwsFailureKind, shown: string): AwsFailure => ({ permission, kind, code: shown, ...(attempts ? { attempts } : {}) });
  if (timedOut || name === 'AbortError') return withAttempts('timeout', 'timeout');
  if (DENIED.has(name)) return withAttempts('denied', name);
  if (THROTTLED.has(name)) return withAttempts('throttled', name);
  if (CREDENTIALS.has(name)) return withAttempts('credentials', name);
  // No HTTP answer and no AWS error: the request never got through (DNS, refused, reset, proxy).
  const answered = e.$fault !== undefined || e.$metadata?.httpStatusCode !== undefined;
  if (NETWORK.has(code) || NETWORK.has(name) || !answered) return withAttempts('network', /^[\w.:-]{1,80}$/.test(code) ? code : name);
  return withAttempts('error', /^[\w.:-]{1,80}$/.test(name) ? name : 'Error');
}

/**
 * One AWS call, bounded by `timeoutMs` (the SDK's own retries included) and never throwing: a failure comes back
 * as a value the caller reports once.
 */
export async function callAws<T>(permission: AwsPermission, send: (abortSignal: AbortSignal) => Promise<T>, timeoutMs = AWS_CALL_TIMEOUT_MS): Promise<AwsResult<T>> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    return { ok: true, value: await send(signal) };
  } catch (error) {
    return { ok: false, failure: classifyAwsError(permission, error, signal.aborted) };
  }
}

/** `iam:ListAccessKeys` is not allowed (AccessDenied), and the like. */
export function describeFailure(f: AwsFailure, timeoutMs = AWS_CALL_TIMEOUT_MS): string {
  const tries = f.attempts && f.attempts > 1 ? `, ${f.attempts} tries` : '';
  switch (f.kind) {
    case 'denied':
      return `\`${f.permission}\` is not allowed (${f.code})`;
    case 'throttled':
      return `\`${f.permission}\` was throttled (${f.code}${tries})`;
    case 'timeout':
      return `\`${f.permission}\` did not answer within ${timeoutMs / 1000} s`;
    case 'network':
      return `\`${f.permission}\`: AWS could not be reached (${f.code}${tries})`;
    case 'credentials':
      return `\`${f.permission}\`: AWS rejected the job's credentials (${f.code})`;
    case 'error':
      return `\`${f.permission}\` failed (${f.code}${tries})`;
  }
}
