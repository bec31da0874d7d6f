import type { Confidence, Remediation } from '../model/finding';
import type { GuardrailId } from '../model/guardrail-id';
import type { Severity } from '../model/severity';
import { FILE_RULES, SECRET_RULES } from '../secrets/secret-rule-registry';

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
  return [...SECRET_RULES, ...FILE_RULES].map((r) => ({
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
}

/** Rule and guardrail ids that config files and suppressions may name. */
export function knownIds(): Set<string> {
  return new Set([...ruleDescriptors().map((r) => r.id), 'no-leaked-secrets']);
}
