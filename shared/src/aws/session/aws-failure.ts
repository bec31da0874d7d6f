/** Why an AWS call gave no answer, in the terms a guardrail's `unknown` reason uses. */
export type AwsFailureKind = 'denied' | 'region-disabled' | 'throttled' | 'timeout' | 'aborted' | 'error';

export interface AwsFailure {
  kind: AwsFailureKind;
  /** The AWS error code (`AccessDenied`, `UnauthorizedOperation`, ...) or the error's name. */
  code: string;
  message: string;
}

// Codes by meaning, across IAM/EC2 (Query), EKS/Organizations (JSON) and S3 (REST-XML).
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedAccess', 'AuthorizationError', 'Forbidden']);
// An opt-in region that is not enabled rejects the account's credentials (EC2 `AuthFailure`, STS-signed calls elsewhere).
const REGION_DISABLED = new Set(['OptInRequired', 'AuthFailure', 'UnrecognizedClientException', 'InvalidClientTokenId']);
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException', 'SlowDown', 'RequestThrottled']);
const TIMEOUT = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'ETIMEDOUT', 'ECONNRESET', 'ECONNREFUSED', 'EAI_AGAIN']);

/** Sorts an error thrown by an SDK call. */
export function classifyAwsError(error: unknown): AwsFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; code?: unknown; Code?: unknown; message?: unknown };
  const code = [e.Code, e.code, e.name].find((c): c is string => typeof c === 'string' && c !== 'Error') ?? 'Error';
  const message = (typeof e.message === 'string' && e.message ? e.message : String(error)).split('\n')[0]!;
  if (code === 'AbortError') return { kind: 'aborted', code, message };
  if (DENIED.has(code)) return { kind: 'denied', code, message };
  if (REGION_DISABLED.has(code)) return { kind: 'region-disabled', code, message };
  if (THROTTLED.has(code)) return { kind: 'throttled', code, message };
  if (TIMEOUT.has(code)) return { kind: 'timeout', code, message };
  return { kind: 'error', code, message };
}

/** `was denied (AccessDenied)`: the phrase after the operation in a reason. */
export function describeFailure(f: AwsFailure): string {
  switch (f.kind) {
    case 'denied':
      return `was denied (${f.code}): grant the scan role this permission`;
    case 'region-disabled':
      return `was rejected (${f.code}): the region is probably not enabled for the account (opt-in region)`;
    case 'throttled':
      return `was still throttled after the SDK's retries (${f.code})`;
    case 'timeout':
      return `timed out (${f.code})`;
    case 'aborted':
      return 'was not completed: the scan was stopped (time limit or cancellation)';
    case 'error':
      return `failed (${f.code}: ${f.message})`;
  }
}
