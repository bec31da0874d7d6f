import type { Confidence, Remediation } from '../../model/finding';
import type { GuardrailId } from '../../model/guardrail-id';
import type { Severity } from '../../model/severity';
import type { Site } from '../model/attr';
import type { ResourceKind, ResourceModel, ResourceOfKind } from '../model/resources';

/** One finding a resource rule reports. */
export interface ResourceReport<M extends string> {
  messageId: M;
  /** The attribute for an explicit value, the resource block for a default. */
  at: Site;
  data?: Record<string, string>;
  severity?: Severity;
  confidence?: Confidence;
  /** Extra facts for the finding's properties (never secret values); not part of the fingerprint. */
  properties?: Readonly<Record<string, string>>;
}

export interface ResourceRuleContext<M extends string> {
  model: ResourceModel;
  report(report: ResourceReport<M>): void;
  /** The rule could not decide for this resource (unresolved value): the guardrail is `unknown`, never `pass`. */
  undecided(reason: string, at: Site): void;
}

/** A source file (or several) that a rule example scans, and the findings it expects. */
export interface RuleExample<M extends string> {
  /** Files by path; a single string is `main.tf` or `template.yaml` by format. */
  files: string | Readonly<Record<string, string>>;
  /** Expected findings: the 1-based line of the reported site and the message id; empty for good examples. */
  expect: readonly { line: number; messageId: M }[];
  /** For good examples: why nothing (or nothing more) is reported. */
  why?: string;
  /** Expect the guardrail to be undecided (unknown) for this example. */
  undecided?: boolean;
}

export interface ResourceRuleSpec<K extends ResourceKind, M extends string> {
  /** Stable id = file name; never reused. */
  id: string;
  guardrail: GuardrailId;
  title: string;
  description: string;
  severity: Severity;
  confidence: Confidence;
  /** The resource kinds the rule inspects; a guardrail with none of them in a scan is not applicable. */
  kinds: readonly K[];
  messages: Readonly<Record<M, string>>;
  remediation: Remediation;
  /** Equivalent checks in Checkov, Trivy, KICS, Prowler, Security Hub. */
  anchors: Readonly<Record<string, readonly string[]>>;
  references: readonly string[];
  examples: {
    terraform: { bad: readonly RuleExample<NoInfer<M>>[]; good: readonly RuleExample<NoInfer<M>>[] };
    cloudformation?: { bad: readonly RuleExample<NoInfer<M>>[]; good: readonly RuleExample<NoInfer<M>>[] };
  };
  check(resource: ResourceOfKind<K>, ctx: ResourceRuleContext<NoInfer<M>>): void;
}

export interface ResourceRule<K extends ResourceKind = ResourceKind, M extends string = string> extends ResourceRuleSpec<K, M> {
  readonly kind: 'resource';
}

/** Defines a resource rule; a misspelled message id is a compile error. */
export function defineResourceRule<K extends ResourceKind, M extends string>(spec: ResourceRuleSpec<K, M>): ResourceRule<K, M> {
  return { ...spec, kind: 'resource' };
}

/** A rule with its type parameters erased, for registries. */
export type AnyResourceRule = ResourceRule<ResourceKind, string>;
