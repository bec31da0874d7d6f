import { getGuardrail } from '../model/guardrail-catalog';
import type { RuleDescriptor } from '../engine/rule-descriptors';
import type { NotALeak } from '../secrets/secret-rule';

/** The generated reference page of one rule (`docs/rules/<id>.md`). */
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
