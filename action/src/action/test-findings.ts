// Findings for unit tests, shaped as the core makes them (evidence already redacted).
import type { Finding, Report, Severity } from '@pavedroad/guardrails-core';
import { REPORT_SCHEMA_VERSION } from '@pavedroad/guardrails-core';

export function finding(severity: Severity, path: string, line: number, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId: `rule-${severity}`,
    guardrail: severity === 'medium' ? 'ci-hardened' : 'no-leaked-secrets',
    severity,
    confidence: 'high',
    title: `A ${severity} problem`,
    message: `Something ${severity} at line ${line} (AKIA…(20 chars)).`,
    location: { path, startLine: line, startColumn: 3, endLine: line, endColumn: 9 },
    fingerprint: `fp-${severity}-${path}-${line}`,
    evidence: 'AKIA…(20 chars)',
    remediation: { text: 'Rotate it.', pavedRoad: 'Use OIDC.' },
    references: [],
    source: 'pr',
    ...extra,
  };
}

/** `count` findings of a severity, one per line of one file. */
export const many = (severity: Severity, count: number, path = `src/${severity}.ts`) => Array.from({ length: count }, (_, i) => finding(severity, path, i + 1));

export function report(findings: Finding[]): Report {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'Paved Road Guardrails', version: '0.0.0-test' },
    scan: { root: '.', scope: 'diff', startedAt: '2026-11-28T12:00:00.000Z', durationMs: 5, filesScanned: 3, filesSkipped: [] },
    findings,
    guardrails: [
      { id: 'no-leaked-secrets', status: findings.some((f) => f.guardrail === 'no-leaked-secrets') ? 'fail' : 'pass', findings: findings.filter((f) => f.guardrail === 'no-leaked-secrets').length },
      { id: 'ci-hardened', status: findings.some((f) => f.guardrail === 'ci-hardened') ? 'fail' : 'pass', findings: findings.filter((f) => f.guardrail === 'ci-hardened').length },
    ],
    errors: [],
  };
}
