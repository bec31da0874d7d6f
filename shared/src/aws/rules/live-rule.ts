import type { ResourceKind } from '../../iac/model/resources';
import type { ResourceRule, ResourceRuleSpec } from '../../iac/rules/resource-rule';
import { defineResourceRule } from '../../iac/rules/resource-rule';
import type { Severity } from '../../model/severity';

/** What a live rule's reference page shows where other rules show Terraform examples. */
export interface LiveRuleFacts<M extends string> {
  /** Per message id: when the live scan reports it, and its severity when that differs from the rule's. */
  reports: Readonly<Record<M, { when: string; severity?: Severity }>>;
  /** The AWS calls the judged facts come from: the evidence a finding rests on. */
  evidence: readonly string[];
  /** What is never reported, and why (the passing cases of the tests beside the rule). */
  neverReported: readonly string[];
}

export interface LiveRule<K extends ResourceKind = ResourceKind, M extends string = string> extends ResourceRule<K, M> {
  readonly live: LiveRuleFacts<M>;
}

/** A live rule with its type parameters erased, for the registry. */
export type AnyLiveRule = LiveRule<ResourceKind, string>;

/**
 * Defines a rule that only live AWS resources can trigger (key ages, the management account). It has the shape of
 * a resource rule and runs on the same engine, but no Terraform or CloudFormation example can show it, so it sits
 * in the live registry; its examples are the tests beside it, and its `live` facts document it.
 */
export function defineLiveRule<K extends ResourceKind, M extends string>(spec: Omit<ResourceRuleSpec<K, M>, 'examples'> & { live: LiveRuleFacts<NoInfer<M>> }): LiveRule<K, M> {
  return { ...defineResourceRule<K, M>({ ...spec, examples: { terraform: { bad: [], good: [] } } }), live: spec.live };
}
