import { CustomErrorBase } from '@backstage/errors';

/** A report body over `guardrails.ingest.maxBodySize`; answered with 413. */
export class PayloadTooLargeError extends CustomErrorBase {
  override name = 'PayloadTooLargeError' as const;
  readonly statusCode = 413;
}
