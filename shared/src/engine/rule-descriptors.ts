import type { Confidence, Remediation } from '../model/finding';
import type { GuardrailId } from '../model/guardrail-id';
import type { Severity } from '../model/severity';
import { LIVE_RULES } from '../aws/live-rule-registry';
import { RESOURCE_RULES } from '../iac/resource-rule-registry';
import { FILE_RULES, SECRET_RULES } from '../secrets/secret-rule-registry';
import { WORKFLOW_RULES } from '../workflows/workflow-rule-registry';

/** What reporters (SARIF, docs, the portal) need to know about a rule, whatever its kind. */
export interface RuleDescriptor {
  id: string;
  guardrail: GuardrailId;
  title: string;
  description: string;
  provider: string;
  severity: Severity;
  confidence: Confidence;
  remediation: Remediation;
  anchors: Readonly<Record<string, readonly string[]>>;
  references: readonly string[];
  /** Rules of the live AWS scan: what it reports and when, and the AWS calls behind it (no Terraform examples). */
  live?: LiveRuleDescription;
}

export interface LiveRuleDescription {
  reports: readonly { messageId: string; when: string; severity: Severity }[];
  evidence: readonly string[];
}

/** Every rule the core runs, in registry order: the repository scan's, then the live AWS scan's own. */
export function ruleDescriptors(): RuleDescriptor[] {
  const resources = RESOURCE_RULES.map((r): RuleDescriptor => ({
    id: r.id,
    guardrail: r.guardrail,
    title: r.title,
    description: r.description,
    provider: 'Terraform / CloudFormation',
    severity: r.severity,
    confidence: r.confidence,
    remediation: r.remediation,
    anchors: r.anchors,
    references: r.references,
  }));
  const secrets = [...SECRET_RULES, ...FILE_RULES].map((r): RuleDescriptor => ({
    id: r.id,
    guardrail: 'no-leaked-secrets',
    title: r.title,
    description: r.description,
    provider: r.provider,
    severity: r.severity,
    confidence: r.confidence,
    remediation: r.remediation,
    anchors: r.anchors,
    references: r.references,
  }));
  const live = LIVE_RULES.map((r): RuleDescriptor => ({
    id: r.id,
    guardrail: r.guardrail,
    title: r.title,
    description: r.description,
    provider: 'AWS account (live scan)',
    severity: r.severity,
    confidence: r.confidence,
    remediation: r.remediation,
    anchors: r.anchors,
    references: r.references,
    live: {
      reports: Object.entries(r.live.reports).map(([messageId, report]) => ({ messageId, when: report.when, severity: report.severity ?? r.severity })),
      evidence: r.live.evidence,
    },
  }));
  const workflows = WORKFLOW_RULES.map((r): RuleDescriptor => ({
    id: r.id,
    guardrail: r.guardrail,
    title: r.title,
    description: r.description,
    provider: r.provider,
    severity: r.severity,
    confidence: r.confidence,
    remediation: r.remediation,
    anchors: r.anchors,
    references: r.references,
  }));
  return [...secrets, ...resources, ...workflows, ...live];
}

/**
 * Rule and guardrail ids that config files and suppressions may name: each rule's guardrail is included, so
 * the workflow rules bring `no-long-lived-keys-in-ci` and `ci-hardened`.
 */
export function knownIds(): Set<string> {
  return new Set([...ruleDescriptors().flatMap((r) => [r.id, r.guardrail])]);
}
