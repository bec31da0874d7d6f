import type { Finding } from '../model/finding';
import { GUARDRAILS } from '../model/guardrail-catalog';
import type { GuardrailId } from '../model/guardrail-id';
import type { GuardrailResult } from '../model/report';
import type { Severity } from '../model/severity';
import { computeScorecard } from './scorecard';

const all = (status: GuardrailResult['status']): GuardrailResult[] => GUARDRAILS.map((g) => ({ id: g.id, status, findings: 0 }));
const withStatus = (base: GuardrailResult[], id: GuardrailId, status: GuardrailResult['status'], findings = 0) =>
  base.map((r) => (r.id === id ? { ...r, status, findings } : r));
const finding = (guardrail: GuardrailId, severity: Severity, suppressed = false): Finding => ({
  ruleId: 'r',
  guardrail,
  severity,
  confidence: 'high',
  title: 't',
  message: 'm',
  location: { path: 'a', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
  fingerprint: '0123456789abcdef',
  evidence: 'e',
  remediation: { text: 'x', pavedRoad: 'y' },
  references: [],
  source: 'repo',
  ...(suppressed ? { suppression: { kind: 'inline' as const, reason: 'ok' } } : {}),
});

describe('scorecard', () => {
  it('gives 100, A and gold when every guardrail passes', () => {
    expect(computeScorecard(all('pass'), [])).toMatchObject({ score: 100, grade: 'A', level: 'gold' });
  });

  it('weights bronze 3, silver 2, gold 1 and gives a critical failure no credit', () => {
    // Total weight 3*3 + 2*4 + 1*5 = 22; a critical bronze failure loses 3: round(100 * 19 / 22) = 86.
    const card = computeScorecard(withStatus(all('pass'), 'no-leaked-secrets', 'fail', 1), [finding('no-leaked-secrets', 'critical')]);
    expect(card.score).toBe(86);
  });

  it('caps the grade at D while a critical finding is open, and drops the level below bronze', () => {
    const card = computeScorecard(withStatus(all('pass'), 'no-leaked-secrets', 'fail', 1), [finding('no-leaked-secrets', 'critical')]);
    expect(card.grade).toBe('D');
    expect(card.level).toBe('none');
    expect(card.next).toEqual({ level: 'bronze', blockers: ['no-leaked-secrets'] });
  });

  it('gives partial credit by the worst open finding: high 0.2, medium 0.5, low 0.8', () => {
    const score = (s: Severity) => computeScorecard(withStatus(all('pass'), 'ci-hardened', 'fail', 1), [finding('ci-hardened', s)]).score;
    // ci-hardened is gold, weight 1 of 22.
    expect([score('high'), score('medium'), score('low')]).toEqual([96, 98, 99]);
  });

  it('caps the grade at C while a high finding is open', () => {
    const card = computeScorecard(withStatus(all('pass'), 'ci-hardened', 'fail', 1), [finding('ci-hardened', 'high')]);
    expect(card.grade).toBe('C');
    expect(card.level).toBe('silver');
  });

  it('ignores suppressed findings when picking the worst severity', () => {
    const card = computeScorecard(withStatus(all('pass'), 'ci-hardened', 'fail', 1), [finding('ci-hardened', 'critical', true), finding('ci-hardened', 'low')]);
    expect(card.score).toBe(99);
  });

  it('counts guardrails the scan did not evaluate as unknown, never as pass', () => {
    const card = computeScorecard([{ id: 'no-leaked-secrets', status: 'pass', findings: 0 }], []);
    expect(card.guardrails.find((g) => g.id === 'imdsv2-enforced')).toMatchObject({ status: 'unknown', reason: 'not evaluated by this scan' });
    expect(card.level).toBe('none');
    // 3 (pass) + 19 * 0.5 (unknown) over 22.
    expect(card.score).toBe(57);
  });

  it('leaves not-applicable guardrails out of the score and lets them count toward a level', () => {
    const card = computeScorecard(withStatus(all('pass'), 'k8s-api-private', 'not-applicable'), []);
    expect(card.score).toBe(100);
    expect(card.level).toBe('gold');
  });

  it('has no score when nothing applies', () => {
    expect(computeScorecard(all('not-applicable'), [])).toMatchObject({ score: null, grade: null, level: 'gold' });
  });

  it('stops at silver when a gold guardrail is unknown', () => {
    const card = computeScorecard(withStatus(all('pass'), 'data-perimeter', 'unknown'), []);
    expect(card.level).toBe('silver');
    expect(card.next).toEqual({ level: 'gold', blockers: ['data-perimeter'] });
  });
});
