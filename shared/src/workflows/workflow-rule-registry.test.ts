import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DEFAULT_CONFIG } from '../config/config';
import { knownIds, ruleDescriptors } from '../engine/rule-descriptors';
import { findingSchema } from '../model/finding';
import { scanWorkflowFile } from './scan-workflow';
import { WORKFLOW_RULES } from './workflow-rule-registry';

const DEFAULT_PATH = '.github/workflows/example.yml';
const scan = (text: string, path = DEFAULT_PATH) => scanWorkflowFile(path, text, { config: DEFAULT_CONFIG, source: 'repo' });

describe('workflow rule catalog', () => {
  it('has unique ids', () => {
    const ids = WORKFLOW_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('registers every rule file, and each rule id equals its file name', () => {
    const files = readdirSync(join(__dirname, 'rules'))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => basename(f, '.ts'))
      .sort();
    expect(WORKFLOW_RULES.map((r) => r.id).sort()).toEqual(files);
  });

  it('gives every rule bad and good examples, each good one with a reason', () => {
    for (const rule of WORKFLOW_RULES) {
      expect(rule.examples.bad.length).toBeGreaterThan(0);
      expect(rule.examples.good.length).toBeGreaterThan(0);
      for (const bad of rule.examples.bad) expect(bad.expect.length).toBeGreaterThan(0);
      for (const good of rule.examples.good) expect(good.why.length).toBeGreaterThan(3);
    }
  });

  it('uses every message of every rule in some bad example', () => {
    for (const rule of WORKFLOW_RULES) {
      const used = new Set(rule.examples.bad.flatMap((b) => b.expect.map((e) => e.messageId)));
      expect([rule.id, ...Object.keys(rule.messages).filter((id) => !used.has(id))]).toEqual([rule.id]);
    }
  });

  it('states the OIDC replacement in every message of the long-lived-key rules', () => {
    const oidc = /id-token: write/;
    for (const rule of WORKFLOW_RULES.filter((r) => r.guardrail === 'no-long-lived-keys-in-ci')) {
      for (const [id, message] of Object.entries(rule.messages)) expect(`${rule.id}.${id}: ${oidc.test(message)}`).toBe(`${rule.id}.${id}: true`);
    }
  });

  it('describes every rule for reporters and lets config files name the rules and their guardrails', () => {
    const descriptors = new Map(ruleDescriptors().map((d) => [d.id, d]));
    for (const rule of WORKFLOW_RULES) expect(descriptors.get(rule.id)).toMatchObject({ guardrail: rule.guardrail, severity: rule.severity });
    const known = knownIds();
    for (const id of [...WORKFLOW_RULES.map((r) => r.id), 'no-long-lived-keys-in-ci', 'ci-hardened']) expect(known.has(id)).toBe(true);
  });

  it('names the equivalent rules of other tools, or says a tool has none', () => {
    for (const rule of WORKFLOW_RULES) expect(Object.keys(rule.anchors).length).toBeGreaterThan(0);
  });
});

describe.each(WORKFLOW_RULES.map((r) => [r.id, r] as const))('workflow rule %s', (id, rule) => {
  it.each(rule.examples.bad.map((b, i) => [i, b] as const))('reports exactly the expected findings in bad example %i', (_i, bad) => {
    const result = scan(bad.text, bad.path);
    expect(result.errors).toEqual([]);
    const own = result.findings.filter((f) => f.ruleId === id);
    const got = own.map((f) => ({ line: f.location!.startLine, messageId: f.properties?.messageId }));
    const byLine = (a: { line: number }, b: { line: number }) => a.line - b.line;
    expect(got.sort(byLine)).toEqual([...bad.expect].sort(byLine));
    for (const f of own) {
      expect(findingSchema.safeParse(f).success).toBe(true);
      // `{{name}}` left unfilled; GitHub expressions (`${{ ... }}`) are legitimate message text.
      expect(f.message).not.toMatch(/(?<!\$)\{\{\w+\}\}/);
      expect(f.guardrail).toBe(rule.guardrail);
    }
    expect(new Set(own.map((f) => f.fingerprint)).size).toBe(own.length);
  });

  it.each(rule.examples.good.map((g) => [g.why, g] as const))('does not report: %s', (_why, good) => {
    const result = scan(good.text, good.path);
    expect(result.errors).toEqual([]);
    expect(result.findings.filter((f) => f.ruleId === id)).toEqual([]);
  });
});
