/** Stable error codes: callers branch on these, and the CLI maps them to exit codes. */
export type GuardrailsErrorCode = 'CONFIG_INVALID' | 'BASELINE_INVALID' | 'REPORT_INVALID' | 'USAGE' | 'IO' | 'GIT';

/** An error with a stable code and a message that says what to do; wraps its cause. */
export class GuardrailsError extends Error {
  readonly code: GuardrailsErrorCode;

  constructor(code: GuardrailsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GuardrailsError';
    this.code = code;
  }
}
