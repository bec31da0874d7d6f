import type { Report } from '@pavedroad/guardrails-core';
import { GuardrailsError, reportSchema } from '@pavedroad/guardrails-core';

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
    const issues = parsed.error.issues;
    const shown = issues.slice(0, MAX_ISSUES_SHOWN).map((i) => `${i.path.map(String).join('.') || '(top level)'}: ${i.message}`);
    const more = issues.length > MAX_ISSUES_SHOWN ? `; and ${issues.length - MAX_ISSUES_SHOWN} more` : '';
    throw new GuardrailsError('REPORT_INVALID', `${file}: not a guardrails JSON report: ${shown.join('; ')}${more}; ${HOW_TO_WRITE}`);
  }
  return parsed.data;
}
