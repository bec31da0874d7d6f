import type { AccountScanner } from './live-scan';

/** The core's live AWS scan, loaded only when accounts are configured (the AWS SDK is large). */
export const awsScanner: AccountScanner = async (request) => {
  const { scanAwsAccount } = await import('@pavedroad/guardrails-core/aws');
  return scanAwsAccount({ target: request.target, now: request.now, timeLimitMs: request.timeLimitMs, tagKeys: request.tagKeys, ...(request.signal ? { signal: request.signal } : {}) });
};
