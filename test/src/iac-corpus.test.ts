import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '@pavedroad/guardrails-core';
import { DEFAULT_CONFIG, HclParser, IacScanner, scanCloudFormation } from '@pavedroad/guardrails-core';

// Public test fixtures of Checkov, KICS and Trivy for our guardrails (test/fixtures/iac-corpus/README.md).
interface Expected {
  file: string;
  line: number;
  resource: string;
  block?: [number, number];
}
interface Case {
  name: string;
  guardrail: string;
  expect: 'violation' | 'clean';
  findings: Expected[];
  ours?: { expect: 'violation' | 'clean' | 'unknown'; findings?: Expected[] };
  files: { path: string; text: string }[];
}

const root = join(__dirname, '../fixtures/iac-corpus/cases');
const cases: Case[] = readdirSync(root).map((name) => {
  const dir = join(root, name);
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Omit<Case, 'name' | 'files'>;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.tf') || f.endsWith('.tfvars') || f.endsWith('.yaml') || f.endsWith('.json'))
    .filter((f) => f !== 'expected.json')
    .map((f) => ({ path: f, text: readFileSync(join(dir, f), 'utf8') }));
  return { name, ...expected, files };
});

let parser: HclParser;
const results = new Map<string, Finding[]>();
beforeAll(async () => {
  parser = await HclParser.create(readFileSync(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm')));
  for (const c of cases) {
    const scanner = new IacScanner(parser, { config: DEFAULT_CONFIG, source: 'repo', today: '2026-11-28', templates: scanCloudFormation });
    const found = scanner.scan(c.files).findings.filter((f) => f.guardrail === c.guardrail && f.severity !== 'info' && !f.suppression);
    results.set(c.name, found);
  }
});

/** Reported at the expected line, inside the expected resource block, or on the expected resource. */
function matches(f: Finding, e: Expected): boolean {
  if (f.location?.path !== e.file) return false;
  const line = f.location.startLine;
  const [from, to] = e.block ?? [e.line, e.line];
  return line === e.line || (line >= from && line <= to) || String(f.properties?.resource ?? '').endsWith(e.resource);
}

describe('IaC fixtures from Checkov, KICS and Trivy', () => {
  // Upstream labels count, except where our default semantics deliberately differ (docs/iac-defaults.md): a
  // fixture whose `ours` verdict is clean or unknown is not a violation we must report, and one whose `ours`
  // verdict is a violation is not a clean case we must leave alone.
  it('reports at least 90% of the violating fixtures at the expected line or resource', () => {
    const violations = cases.filter((c) => c.expect === 'violation' && (c.ours?.expect ?? 'violation') === 'violation');
    expect(violations.length).toBeGreaterThan(30);
    const missed = violations.filter((c) => {
      const expected = [...c.findings, ...(c.ours?.findings ?? [])];
      return !results.get(c.name)!.some((f) => expected.some((e) => matches(f, e)));
    });
    expect(missed.map((c) => c.name)).toEqual(missed.length / violations.length <= 0.1 ? missed.map((c) => c.name) : []);
  });

  it('flags at most 5% of the clean fixtures', () => {
    const clean = cases.filter((c) => c.expect === 'clean' && (c.ours?.expect ?? 'clean') === 'clean');
    expect(clean.length).toBeGreaterThan(15);
    const flagged = clean.filter((c) => results.get(c.name)!.length > 0);
    expect(flagged.map((c) => c.name)).toEqual(flagged.length / clean.length <= 0.05 ? flagged.map((c) => c.name) : []);
  });

  it('reports context-dependent settings only as warnings, never as high findings', () => {
    const unknown = cases.filter((c) => c.ours?.expect === 'unknown');
    const loud = unknown.filter((c) => results.get(c.name)!.some((f) => f.severity === 'high' || f.severity === 'critical'));
    expect(loud.map((c) => c.name)).toEqual([]);
  });
});
