import type { Report } from '@pavedroad/guardrails-core';
import { GuardrailsError, describeSchemaIssues, reportSchema } from '@pavedroad/guardrails-core';

const MAX_ISSUES_SHOWN = 5;
const HOW_TO_WRITE = 'write one with `guardrails scan --format json --output FILE` (or the Action\'s json-file)';

/** A JSON report in the shared contract, read from `text`; an error names `file` and each bad field. */
export function parseReport(text: string, file: string): Report {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new GuardrailsError('REPORT_INVALID', `${file}: not valid JSON (${(error as Error).message}); ${HOW_TO_WRITE}`, { cause: error });
  }
  const parsed = reportSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = describeSchemaIssues(parsed.error.issues, { max: MAX_ISSUES_SHOWN });
    throw new GuardrailsError('REPORT_INVALID', `${file}: not a guardrails JSON report: ${problems}; ${HOW_TO_WRITE}`);
  }
  return parsed.data;
}
