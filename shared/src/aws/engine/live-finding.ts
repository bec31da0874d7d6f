import { formatMessage } from '../../engine/format-message';
import { fingerprint } from '../../fingerprint';
import type { Resource } from '../../iac/model/resources';
import type { AnyResourceRule, ResourceReport } from '../../iac/rules/resource-rule';
import type { Finding } from '../../model/finding';
import type { LiveInventory } from '../collect/live-inventory';

/**
 * Message data that changes from scan to scan for the same problem (names, counts, ages, the instances that use a
 * role): left out of the fingerprint, so a finding keeps its identity, and its lifecycle, while it persists.
 */
const VOLATILE_DATA = new Set(['name', 'workloads', 'caveat', 'age', 'unused', 'count', 'examples']);

/**
 * A finding about a live resource: located by ARN (account, region), no file. The fingerprint is the rule, the
 * resource's ARN and model address, and what the problem is: the rule's `issue` property when it gives one
 * (an access key crossing from 1 to 3 years old stays one finding), else the message id and its stable data.
 */
export function liveFinding(rule: AnyResourceRule, resource: Resource, report: ResourceReport<string>, inventory: LiveInventory): Finding | undefined {
  // The finding is about the resource the rule judged (a role), even when the evidence sits elsewhere (its policy).
  const site = 'resource' in resource.site ? resource.site : report.at;
  if (!('resource' in site)) return undefined;
  const ref = site.resource;
  const evidenceAt = 'resource' in report.at ? report.at.resource.id : undefined;
  const data = { ...(report.data ?? {}) };
  const issue =
    report.properties?.issue ??
    [
      report.messageId,
      ...Object.keys(data)
        .sort()
        .filter((k) => !VOLATILE_DATA.has(k))
        .map((k) => `${k}=${data[k]}`),
    ].join('#');
  const properties: Record<string, string | number | boolean> = {
    ...inventory.facts.get(resource.address),
    ...report.properties,
    resource: resource.address,
    resourceType: resource.type,
    messageId: report.messageId,
    ...(evidenceAt && evidenceAt !== ref.id ? { evidenceResource: evidenceAt } : {}),
  };
  for (const [key, value] of Object.entries(inventory.tags.get(ref.id) ?? {})) properties[`tag:${key}`] = value;
  return {
    ruleId: rule.id,
    guardrail: rule.guardrail,
    severity: report.severity ?? rule.severity,
    confidence: report.confidence ?? rule.confidence,
    title: rule.title,
    message: formatMessage(rule.messages[report.messageId] ?? report.messageId, data),
    resource: ref,
    fingerprint: fingerprint(rule.id, ref.id, `${resource.address}#${issue}`),
    evidence: `${resource.type} ${evidenceAt ?? ref.id}`,
    remediation: rule.remediation,
    references: [...rule.references],
    source: 'aws',
    properties,
  };
}
