import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../config/config';
import { IacScanner } from './engine/iac-scanner';
import { HclParser } from './hcl/hcl-parser';
import { scanCloudFormation } from './cloudformation';
import { RESOURCE_RULES } from './resource-rule-registry';
import type { RuleExample } from './rules/resource-rule';

let parser: HclParser;
beforeAll(async () => {
  parser = await HclParser.create(readFileSync(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm')));
});

function run(example: RuleExample<string>, ruleId: string, single = 'main.tf') {
  const files = typeof example.files === 'string' ? { [single]: example.files } : example.files;
  const scanner = new IacScanner(parser, { config: DEFAULT_CONFIG, source: 'repo', today: '2026-11-28', templates: scanCloudFormation });
  const result = scanner.scan(Object.entries(files).map(([path, text]) => ({ path, text })));
  const rule = RESOURCE_RULES.find((r) => r.id === ruleId)!;
  return {
    found: result.findings.filter((f) => f.ruleId === ruleId).map((f) => ({ line: f.location!.startLine, messageId: String(f.properties?.messageId) })),
    errors: result.errors,
    undecided: result.guardrails.get(rule.guardrail)?.undecided ?? [],
    messages: result.findings.filter((f) => f.ruleId === ruleId).map((f) => f.message),
  };
}

describe('resource rule catalog', () => {
  it('has unique ids, each equal to its file name, all registered', () => {
    const files = readdirSync(join(__dirname, 'rules')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'resource-rule.ts');
    expect(RESOURCE_RULES.map((r) => `${r.id}.ts`).sort()).toEqual(files.sort());
  });

  it('gives every rule bad and good Terraform examples and anchors', () => {
    for (const rule of RESOURCE_RULES) {
      expect(rule.examples.terraform.bad.length).toBeGreaterThan(0);
      expect(rule.examples.terraform.good.length).toBeGreaterThan(0);
      expect(Object.keys(rule.anchors).length).toBeGreaterThan(0);
    }
  });
});

describe.each(RESOURCE_RULES.map((r) => [r.id, r] as const))('resource rule %s', (id, rule) => {
  it.each(rule.examples.terraform.bad.map((e, i) => [i, e] as const))('reports bad Terraform example %i at the expected lines', (_i, example) => {
    const { found, errors, messages } = run(example, id);
    expect(errors).toEqual([]);
    expect(found).toEqual(example.expect);
    for (const m of messages) expect(m).not.toMatch(/\{\{/);
  });

  it.each(rule.examples.terraform.good.map((e) => [e.why ?? '', e] as const))('accepts good Terraform example: %s', (_why, example) => {
    const { found, errors, undecided } = run(example, id);
    expect(errors).toEqual([]);
    expect(found).toEqual([]);
    if (example.undecided) expect(undecided.length).toBeGreaterThan(0);
  });
});

describe.each(RESOURCE_RULES.filter((r) => r.examples.cloudformation).map((r) => [r.id, r] as const))('resource rule %s on CloudFormation', (id, rule) => {
  const cfn = rule.examples.cloudformation!;
  it.each(cfn.bad.map((e, i) => [i, e] as const))('reports bad CloudFormation example %i at the expected lines', (_i, example) => {
    const { found, errors, messages } = run(example, id, 'template.yaml');
    expect(errors).toEqual([]);
    expect(found).toEqual(example.expect);
    for (const m of messages) expect(m).not.toMatch(/\{\{/);
  });
  it.each(cfn.good.map((e) => [e.why ?? '', e] as const))('accepts good CloudFormation example: %s', (_why, example) => {
    const { found, errors, undecided } = run(example, id, 'template.yaml');
    expect(errors).toEqual([]);
    expect(found).toEqual([]);
    if (example.undecided) expect(undecided.length).toBeGreaterThan(0);
  });
});
