import * as core from '@actions/core';
import type { Report, Scorecard } from '@pavedroad/guardrails-core';

export interface OutputValues {
  report: Report;
  scorecard: Scorecard;
  sarifFile: string;
  jsonFile: string;
  reportUrl?: string;
}

/** The step outputs of action.yml. Score and grade are empty when no guardrail applies. */
export function setOutputs(values: OutputValues): void {
  const open = values.report.findings.filter((f) => !f.suppression);
  core.setOutput('findings', open.length);
  core.setOutput('critical', open.filter((f) => f.severity === 'critical').length);
  core.setOutput('high', open.filter((f) => f.severity === 'high').length);
  core.setOutput('score', values.scorecard.score ?? '');
  core.setOutput('grade', values.scorecard.grade ?? '');
  core.setOutput('level', values.scorecard.level);
  core.setOutput('sarif-file', values.sarifFile);
  core.setOutput('json-file', values.jsonFile);
  core.setOutput('report-url', values.reportUrl ?? '');
}
