import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as core from '@actions/core';
import type { Finding, Severity } from '@pavedroad/guardrails-core';
import { compareSeverity, computeScorecard, SEVERITIES } from '@pavedroad/guardrails-core';
import { shouldFail } from './cli/run-cli';
import { formatJson } from './format/json-format';
import { formatSarif } from './format/sarif-format';
import { runScan } from './scan/run-scan';

// GitHub shows at most 10 annotations of each level per step (docs: "Annotations" limits).
const PER_LEVEL = 10;

type AnnotationLevel = 'error' | 'warning' | 'notice';

function annotationLevel(severity: Severity): AnnotationLevel {
  return severity === 'critical' || severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'notice';
}

function annotate(findings: readonly Finding[]): void {
  const ranked = [...findings].sort((a, b) => compareSeverity(b.severity, a.severity));
  const shown: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 };
  let hidden = 0;
  for (const f of ranked) {
    const level = annotationLevel(f.severity);
    if (!f.location || shown[level] >= PER_LEVEL) {
      hidden++;
      continue;
    }
    shown[level]++;
    const props: core.AnnotationProperties = {
      title: `${f.title} (${f.ruleId})`,
      file: f.location.path,
      startLine: f.location.startLine,
      endLine: f.location.endLine,
    };
    if (f.location.startLine === f.location.endLine) {
      props.startColumn = f.location.startColumn;
      props.endColumn = f.location.endColumn;
    }
    core[level](`${f.message}\nFix: ${f.remediation.text}`, props);
  }
  if (hidden > 0) core.notice(`${hidden} more finding(s) are listed in the job summary and the SARIF report.`);
}

/** The Action: scan, annotate, write reports and outputs, and fail the step at the threshold. */
export async function run(): Promise<void> {
  try {
    const path = core.getInput('path') || '.';
    const config = core.getInput('config');
    const failOnInput = core.getInput('fail-on');
    const { report, config: loaded } = await runScan({
      paths: [path],
      cwd: process.cwd(),
      ...(config ? { configFile: config } : {}),
      now: new Date(),
    });
    const open = report.findings.filter((f) => !f.suppression);
    annotate(open);
    for (const e of report.errors) core.warning(e.message, e.path ? { file: e.path, ...(e.line ? { startLine: e.line } : {}) } : {});

    const sarifFile = core.getInput('sarif-file') || 'guardrails.sarif';
    const jsonFile = core.getInput('json-file') || 'guardrails.json';
    await writeFile(resolve(sarifFile), formatSarif(report));
    await writeFile(resolve(jsonFile), formatJson(report));

    const card = computeScorecard(report.guardrails, report.findings);
    core.setOutput('findings', open.length);
    for (const s of ['critical', 'high'] as const) core.setOutput(s, open.filter((f) => f.severity === s).length);
    core.setOutput('score', card.score ?? '');
    core.setOutput('grade', card.grade ?? '');
    core.setOutput('level', card.level);
    core.setOutput('sarif-file', sarifFile);
    core.setOutput('json-file', jsonFile);

    const counts = SEVERITIES.map((s) => `${open.filter((f) => f.severity === s).length} ${s}`).join(', ');
    const failOn = (failOnInput || loaded.failOn) as Severity | 'none';
    if (shouldFail(report, failOn)) core.setFailed(`${open.length} guardrail finding(s): ${counts}`);
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
