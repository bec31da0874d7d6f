import type { Confidence, Remediation } from '../model/finding';
import type { GuardrailId } from '../model/guardrail-id';
import type { Severity } from '../model/severity';
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
}

/** Every rule the core runs, in registry order. */
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
  return [...secrets, ...resources, ...workflows];
}

/**
 * Rule and guardrail ids that config files and suppressions may name: each rule's guardrail is included, so
 * the workflow rules bring `no-long-lived-keys-in-ci` and `ci-hardened`.
 */
export function knownIds(): Set<string> {
  return new Set([...ruleDescriptors().flatMap((r) => [r.id, r.guardrail])]);
}
