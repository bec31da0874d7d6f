import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILE_RULES, RESOURCE_RULES, ruleDescriptors, SECRET_RULES, WORKFLOW_RULES } from '@pavedroad/guardrails-core';
import { LIVE_RULES } from '@pavedroad/guardrails-core/aws';
import { guardrailsDoc, ruleDoc } from '@pavedroad/guardrails-core/docs';

const docsDir = join(__dirname, '../../docs/rules');
const update = process.env.GUARDRAILS_UPDATE_DOCS === '1';

describe('generated rule reference', () => {
  const notLeaks = new Map([
    ...[...SECRET_RULES, ...FILE_RULES].map((r) => [r.id, r.examples.notLeaks] as const),
    ...RESOURCE_RULES.map((r) => [r.id, r.examples.terraform.good.map((g) => ({ text: '', why: g.why ?? '' }))] as const),
    ...WORKFLOW_RULES.map((r) => [r.id, r.examples.good.map((g) => ({ text: g.text, why: g.why }))] as const),
    ...LIVE_RULES.map((r) => [r.id, r.live.neverReported.map((why) => ({ text: '', why }))] as const),
  ]);
  const pages = ruleDescriptors().map((d) => [d.id, ruleDoc(d, notLeaks.get(d.id) ?? [])] as const);

  if (update) {
    mkdirSync(docsDir, { recursive: true });
    for (const [id, page] of pages) writeFileSync(join(docsDir, `${id}.md`), page);
    writeFileSync(join(docsDir, '../guardrails.md'), guardrailsDoc(ruleDescriptors()));
  }

  it('docs/guardrails.md matches the guardrail catalog', () => {
    expect(readFileSync(join(docsDir, '../guardrails.md'), 'utf8')).toBe(guardrailsDoc(ruleDescriptors()));
  });

  it.each(pages.map(([id, page]) => [id, page]))('docs/rules/%s.md matches the rule definition', (id, page) => {
    expect(readFileSync(join(docsDir, `${id}.md`), 'utf8')).toBe(page);
  });

  it('has a page for every rule of the live AWS scan, with what it reports and the AWS calls behind it', () => {
    for (const rule of LIVE_RULES) {
      const page = pages.find(([id]) => id === rule.id)?.[1] ?? '';
      expect(page).toContain('## What the live scan reports');
      for (const messageId of Object.keys(rule.live.reports)) expect(page).toContain(`| \`${messageId}\` |`);
      expect(page).toContain('## Evidence from AWS');
      expect(rule.live.neverReported.length).toBeGreaterThan(0);
    }
  });

  it('has no page for a rule that no longer exists', () => {
    const ids = new Set(pages.map(([id]) => `${id}.md`));
    expect(readdirSync(docsDir).filter((f) => f.endsWith('.md') && f !== 'README.md' && !ids.has(f))).toEqual([]);
  });
});
