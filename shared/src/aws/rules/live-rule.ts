import type { ResourceKind } from '../../iac/model/resources';
import type { ResourceRule, ResourceRuleSpec } from '../../iac/rules/resource-rule';
import { defineResourceRule } from '../../iac/rules/resource-rule';

/**
 * Defines a rule that only live AWS resources can trigger (key ages, the management account). It has the shape of
 * a resource rule and runs on the same engine, but no Terraform or CloudFormation example can show it, so it sits
 * in the live registry; its examples are the tests beside it.
 */
export function defineLiveRule<K extends ResourceKind, M extends string>(spec: Omit<ResourceRuleSpec<K, M>, 'examples'>): ResourceRule<K, M> {
  return defineResourceRule<K, M>({ ...spec, examples: { terraform: { bad: [], good: [] } } });
}
