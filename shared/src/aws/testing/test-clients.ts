import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { ALPHABETS, fakeSecret } from '../../secrets/fake-secret';
import type { AwsRetryStrategy, AwsScanOptions } from '../aws-scan-types';

/** Static credentials for a simulated account: the SDK must not look for real ones (or probe IMDS). */
export const SIMULATED_CREDENTIALS = {
  accessKeyId: 'AKIA' + fakeSecret('simulated scanner key', ALPHABETS.base32, 16),
  secretAccessKey: fakeSecret('simulated scanner secret', ALPHABETS.base64, 40),
};

/** The SDK's standard retries (3 attempts) without waiting between them. */
export function fastRetryStrategy(attempts = 3): AwsRetryStrategy {
  return new ConfiguredRetryStrategy(attempts, () => 0);
}

/** Scan options that point the real SDK at the simulator: static credentials, instant retries, fast report polls. */
export function simulatedScanOptions(overrides: Partial<AwsScanOptions> & Pick<AwsScanOptions, 'target'>): AwsScanOptions {
  return { credentials: SIMULATED_CREDENTIALS, retryStrategy: fastRetryStrategy(), credentialReportPollMs: 1, now: new Date('2026-11-28T12:00:00Z'), ...overrides };
}
