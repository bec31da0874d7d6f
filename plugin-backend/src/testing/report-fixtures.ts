import type { Finding, GuardrailResult, Report } from '@pavedroad/guardrails-core/model';
import { GUARDRAILS, REPORT_SCHEMA_VERSION } from '@pavedroad/guardrails-core/model';

/** A file finding as the CLI reports it; `key` makes the fingerprint. */
export function fileFinding(key: string, overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'aws-access-key',
    guardrail: 'no-leaked-secrets',
    severity: 'critical',
    confidence: 'high',
    title: 'AWS access key',
    message: 'An AWS access key is committed.',
    location: { path: `src/${key}.ts`, startLine: 3, startColumn: 1, endLine: 3, endColumn: 30 },
    fingerprint: `fp-${key}-0000000000`,
    evidence: 'AKIA…(20 chars)',
    remediation: { text: 'Revoke the key.', pavedRoad: 'Use OIDC.' },
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html'],
    source: 'repo',
    ...overrides,
  };
}

/** Guardrail results: every guardrail passes unless it has findings (then fails) or is listed in `unknown`. */
export function resultsFor(findings: readonly Finding[], unknown: readonly string[] = []): GuardrailResult[] {
  return GUARDRAILS.map((g) => {
    const count = findings.filter((f) => f.guardrail === g.id && !f.suppression).length;
    if (unknown.includes(g.id)) return { id: g.id, status: 'unknown', findings: count, reason: 'a file could not be parsed' };
    return { id: g.id, status: count > 0 ? 'fail' : 'pass', findings: count };
  });
}

export interface ReportOptions {
  slug?: string;
  scope?: 'full' | 'diff';
  ref?: string;
  commit?: string;
  startedAt?: string;
  unknown?: string[];
}

/** A report as the CLI writes it, valid against the shared schema. */
export function makeReport(findings: Finding[], options: ReportOptions = {}): Report {
  const scope = options.scope ?? 'full';
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'paved-road-guardrails', version: '0.1.0' },
    repository: {
      slug: options.slug ?? 'acme/payments-api',
      ref: options.ref ?? 'refs/heads/main',
      defaultBranch: 'main',
      commit: options.commit ?? 'a'.repeat(40),
    },
    scan: {
      root: '.',
      scope,
      startedAt: options.startedAt ?? '2026-11-20T10:00:00.000Z',
      durationMs: 1200,
      filesScanned: 10,
      filesSkipped: [],
    },
    findings,
    guardrails: resultsFor(findings, options.unknown),
    errors: [],
  };
}
