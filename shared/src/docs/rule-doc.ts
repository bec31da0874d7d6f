import { getGuardrail } from '../model/guardrail-catalog';
import type { LiveRuleDescription, RuleDescriptor } from '../engine/rule-descriptors';
import type { NotALeak } from '../secrets/secret-rule';

/**
 * The generated reference page of one rule (`docs/rules/<id>.md`). A live AWS rule has no Terraform example to
 * show: its page says what the live scan reports, when and how severely, and which AWS calls the facts come from.
 */
export function ruleDoc(rule: RuleDescriptor, notLeaks: readonly NotALeak[]): string {
  const guardrail = getGuardrail(rule.guardrail);
  const anchors = Object.entries(rule.anchors);
  return [
    '<!-- Generated from the rule definition; do not edit. Regenerate with `npm run docs`. -->',
    `# ${rule.id}: ${rule.title}`,
    '',
    rule.description,
    '',
    '| | |',
    '|---|---|',
    `| Guardrail | [\`${guardrail.id}\`](../guardrails.md#${guardrail.id}) (${guardrail.title}, ${guardrail.level}) |`,
    `| Provider | ${rule.provider} |`,
    `| Severity | ${rule.severity} |`,
    `| Confidence | ${rule.confidence} |`,
    '',
    ...(rule.live ? liveSections(rule.live) : []),
    '## Fix',
    '',
    rule.remediation.text,
    '',
    `**Paved road:** ${rule.remediation.pavedRoad}`,
    '',
    '## Never reported',
    '',
    ...notLeaks.map((n) => `- ${n.why}`),
    '',
    ...(anchors.length
      ? ['## Equivalent rules in other tools', '', '| tool | rules |', '|---|---|', ...anchors.map(([tool, ids]) => `| ${tool} | ${ids.length ? ids.map((id) => `\`${id}\``).join(', ') : 'none'} |`), '']
      : []),
    '## References',
    '',
    ...rule.references.map((r) => `- ${r}`),
    '',
  ].join('\n');
}

function liveSections(live: LiveRuleDescription): string[] {
  return [
    '## What the live scan reports',
    '',
    '| message id | when | severity |',
    '|---|---|---|',
    ...live.reports.map((r) => `| \`${r.messageId}\` | ${r.when} | ${r.severity} |`),
    '',
    '## Evidence from AWS',
    '',
    ...live.evidence.map((e) => `- ${e}`),
    '',
  ];
}
