import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DEFAULT_CONFIG } from '../config/config';
import { FileScanner } from '../engine/file-scanner';
import { FILE_RULES, SECRET_RULES } from './secret-rule-registry';

const scanner = new FileScanner({ config: DEFAULT_CONFIG, source: 'repo', today: '2026-11-28' });
const ruleFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? ruleFiles(full) : name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
  });

describe('secret rule catalog', () => {
  const all = [...SECRET_RULES, ...FILE_RULES];

  it('has unique ids', () => {
    const ids = all.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('registers every rule file, and each rule id equals its file name', () => {
    const files = ruleFiles(join(__dirname, 'rules')).map((f) => basename(f, '.ts')).sort();
    expect(all.map((r) => r.id).sort()).toEqual(files);
  });

  it('gives every rule leak and non-leak examples, each non-leak with a reason', () => {
    for (const rule of all) {
      expect(rule.examples.leaks.length).toBeGreaterThan(0);
      expect(rule.examples.notLeaks.length).toBeGreaterThan(0);
      for (const n of rule.examples.notLeaks) expect(n.why.length).toBeGreaterThan(3);
    }
  });
});

describe.each(SECRET_RULES.map((r) => [r.id, r] as const))('secret rule %s', (id, rule) => {
  it.each(rule.examples.leaks.map((l, i) => [i, l] as const))('reports leak example %i exactly once', (_i, leak) => {
    const { text, path } = typeof leak === 'string' ? { text: leak, path: 'example.txt' } : leak;
    const findings = scanner.scanText(path, text).findings.filter((f) => f.ruleId === id);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.message).not.toMatch(/\{\{/);
    expect(f.location!.startLine).toBeGreaterThanOrEqual(1);
    expect(f.location!.startColumn).toBeGreaterThanOrEqual(1);
  });

  it.each(rule.examples.notLeaks.map((n) => [n.why, n] as const))('does not report: %s', (_why, n) => {
    const findings = scanner.scanText(n.path ?? 'example.txt', n.text).findings.filter((f) => f.ruleId === id);
    expect(findings).toEqual([]);
  });
});

describe.each(FILE_RULES.map((r) => [r.id, r] as const))('file rule %s', (id, rule) => {
  it.each([...rule.examples.leaks])('reports %s', (path) => {
    expect(scanner.scanPath(path).map((f) => f.ruleId)).toEqual([id]);
  });
  it.each(rule.examples.notLeaks.map((n) => [n.text, n] as const))('does not report %s', (path) => {
    expect(scanner.scanPath(path)).toEqual([]);
  });
});
