import { GUARDRAILS } from '../model/guardrail-catalog';
import type { RuleDescriptor } from '../engine/rule-descriptors';

/** The generated guardrail catalog page (`docs/guardrails.md`). */
export function guardrailsDoc(rules: readonly RuleDescriptor[]): string {
  const lines = [
    '<!-- Generated from the guardrail catalog; do not edit. Regenerate with `npm run docs`. -->',
    '# Guardrails',
    '',
    'Each guardrail is a stable id shown on PR annotations and scorecards. Rules report findings against a guardrail.',
    'Industry figures: Datadog, *State of Cloud Security 2025*, quoted with attribution.',
    '',
  ];
  for (const g of GUARDRAILS) {
    const own = rules.filter((r) => r.guardrail === g.id);
    lines.push(
      `## ${g.id}`,
      '',
      `**${g.title}** (${g.level}). ${g.description}`,
      '',
      `- Paved road: ${g.pavedRoad}`,
      `- Evidence from: ${g.sources.join(', ')}`,
      ...(g.figure ? [`- Why: ${g.figure.statement} ([${g.figure.source}](${g.figure.url}))`] : []),
      `- Rules: ${own.length ? own.map((r) => `[\`${r.id}\`](rules/${r.id}.md)`).join(', ') : 'coming'}`,
      '',
    );
  }
  return lines.join('\n');
}
