import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Finding, Report, Severity } from '@pavedroad/guardrails-core';
import { getGuardrail, ruleDescriptors, securitySeverityScore } from '@pavedroad/guardrails-core';
import { TOOL_NAME, TOOL_URI, TOOL_VERSION } from '../version';

function level(severity: Severity): Result.level {
  switch (severity) {
    case 'critical':
    case 'high':
      return 'error';
    case 'medium':
      return 'warning';
    case 'low':
    case 'info':
      return 'note';
  }
}

const PRECISION = { high: 'very-high', medium: 'high', low: 'medium' } as const;

export interface SarifOptions {
  /** Distinguishes this analysis from others on the same commit in code scanning. */
  category?: string;
}

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it: rules with help and `security-severity`, 1-based regions,
 * `partialFingerprints` from the content fingerprint, suppressions for suppressed findings. No secret values:
 * messages and evidence are already redacted.
 */
export function formatSarif(report: Report, options: SarifOptions = {}): string {
  const descriptors = ruleDescriptors();
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  const rules: ReportingDescriptor[] = descriptors.map((d) => {
    const guardrail = getGuardrail(d.guardrail);
    return {
      id: d.id,
      name: d.title.replace(/[^A-Za-z0-9]+/g, ' ').trim().replace(/ (\w)/g, (_m, ch: string) => ch.toUpperCase()),
      shortDescription: { text: d.title },
      fullDescription: { text: d.description },
      help: {
        text: `${d.remediation.text}\n\nPaved road: ${d.remediation.pavedRoad}`,
        markdown: `${d.description}\n\n**Fix:** ${d.remediation.text}\n\n**Paved road:** ${d.remediation.pavedRoad}\n\nGuardrail: \`${guardrail.id}\` (${guardrail.title}).${d.references.length ? `\n\nReferences:\n${d.references.map((r) => `- ${r}`).join('\n')}` : ''}`,
      },
      ...(d.references[0] ? { helpUri: d.references[0] } : {}),
      defaultConfiguration: { level: level(d.severity) },
      properties: {
        tags: ['security', guardrail.id, d.provider],
        precision: PRECISION[d.confidence],
        'security-severity': securitySeverityScore(d.severity),
      },
    };
  });

  const results: Result[] = report.findings.filter((f) => f.location).map((f) => result(f, index.get(f.ruleId)));

  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: TOOL_VERSION, semanticVersion: TOOL_VERSION, informationUri: TOOL_URI, rules } },
        automationDetails: { id: `${options.category ?? 'guardrails'}/` },
        results,
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.errors.map((e) => ({
              level: 'warning' as const,
              message: { text: e.message },
              ...(e.path
                ? { locations: [{ physicalLocation: { artifactLocation: { uri: e.path, uriBaseId: '%SRCROOT%' }, ...(e.line ? { region: { startLine: e.line } } : {}) } }] }
                : {}),
            })),
          },
        ],
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function result(f: Finding, ruleIndex: number | undefined): Result {
  const loc = f.location!;
  const r: Result = {
    ruleId: f.ruleId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: level(f.severity),
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(loc.path), uriBaseId: '%SRCROOT%' },
          region: {
            startLine: loc.startLine,
            startColumn: Math.max(1, loc.startColumn),
            endLine: loc.endLine,
            endColumn: Math.max(1, loc.endColumn),
          },
        },
      },
    ],
    partialFingerprints: { 'guardrailsFingerprint/v1': f.fingerprint },
    properties: {
      guardrail: f.guardrail,
      severity: f.severity,
      confidence: f.confidence,
      evidence: f.evidence,
      ...(f.commit ? { commit: f.commit } : {}),
      ...(f.properties ?? {}),
    },
  };
  if (f.suppression) {
    r.suppressions = [{ kind: f.suppression.kind === 'inline' ? 'inSource' : 'external', justification: f.suppression.reason }];
  }
  return r;
}
