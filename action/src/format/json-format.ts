import type { Report } from '@pavedroad/guardrails-core';

/** The report in the shared contract, as the portal ingests it. */
export function formatJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
