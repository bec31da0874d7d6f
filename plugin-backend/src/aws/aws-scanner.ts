import { scanAwsAccount } from '@pavedroad/guardrails-core/aws';
import type { AccountScanner } from './live-scan';

/** The core's live AWS scan with the SDK's default credential chain (the backend's role, or env credentials). */
export const awsScanner: AccountScanner = (request) =>
  scanAwsAccount({ target: request.target, now: request.now, timeLimitMs: request.timeLimitMs, tagKeys: request.tagKeys, ...(request.signal ? { signal: request.signal } : {}) });
