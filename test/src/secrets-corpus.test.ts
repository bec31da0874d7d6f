import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG, FileScanner } from '@pavedroad/guardrails-core';

// A labelled corpus built from other scanners' public test cases (see test/fixtures/secrets-corpus/README.md).
interface Case {
  id: string;
  family: string;
  expect: 'leak' | 'clean';
  path: string;
  text: string;
  why?: string;
}

const cases: Case[] = readFileSync(join(__dirname, '../fixtures/secrets-corpus/cases.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Case);

const scanner = new FileScanner({ config: DEFAULT_CONFIG, source: 'repo', today: '2026-11-28' });
const flagged = (c: Case) => scanner.scanFile(c.path, Buffer.from(c.text, 'utf8')).findings.some((f) => !f.suppression);

const CLOUD_AND_CI = ['aws', 'gcp', 'azure', 'github', 'private-key'];

describe('secrets corpus from other scanners\u2019 public tests', () => {
  it.each(CLOUD_AND_CI)('finds at least 95%% of the %s leaks', (family) => {
    const leaks = cases.filter((c) => c.family === family && c.expect === 'leak');
    expect(leaks.length).toBeGreaterThan(10);
    const missed = leaks.filter((c) => !flagged(c)).map((c) => c.id);
    expect(missed.length / leaks.length).toBeLessThanOrEqual(0.05);
  });

  it('finds at least 90% of the other families\u2019 leaks', () => {
    const leaks = cases.filter((c) => !CLOUD_AND_CI.includes(c.family) && c.expect === 'leak');
    const missed = leaks.filter((c) => !flagged(c)).map((c) => c.id);
    expect(missed.length / leaks.length).toBeLessThanOrEqual(0.1);
  });

  it('flags at most 3% of the clean cases', () => {
    const clean = cases.filter((c) => c.expect === 'clean');
    expect(clean.length).toBeGreaterThan(50);
    const noisy = clean.filter(flagged).map((c) => `${c.id}: ${c.why ?? ''}`);
    expect(noisy.length / clean.length).toBeLessThanOrEqual(0.03);
  });
});
