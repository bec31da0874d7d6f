import { GuardrailsError } from '../errors';
import type { Finding } from '../model/finding';
import { applyBaseline, createBaseline, parseBaseline } from './baseline';

const finding = (fingerprint: string, path: string): Finding => ({
  ruleId: 'github-token',
  guardrail: 'no-leaked-secrets',
  severity: 'critical',
  confidence: 'high',
  title: 't',
  message: 'm',
  location: { path, startLine: 3, startColumn: 1, endLine: 3, endColumn: 5 },
  fingerprint,
  evidence: 'ghp_…(40 chars)',
  remediation: { text: 'x', pavedRoad: 'y' },
  references: [],
  source: 'repo',
});

describe('baseline', () => {
  it('round-trips fingerprints sorted by path, without lines or secrets', () => {
    const baseline = createBaseline([finding('bbbbbbbbbbbb', 'z.py'), finding('aaaaaaaaaaaa', 'a.py')]);
    expect(baseline).toEqual({
      version: 1,
      findings: [
        { fingerprint: 'aaaaaaaaaaaa', ruleId: 'github-token', path: 'a.py' },
        { fingerprint: 'bbbbbbbbbbbb', ruleId: 'github-token', path: 'z.py' },
      ],
    });
    expect(parseBaseline(JSON.stringify(baseline), 'b.json')).toEqual(baseline);
  });

  it('suppresses known fingerprints only', () => {
    const baseline = createBaseline([finding('aaaaaaaaaaaa', 'a.py')]);
    const [known, fresh] = applyBaseline([finding('aaaaaaaaaaaa', 'a.py'), finding('cccccccccccc', 'a.py')], baseline, 'b.json');
    expect(known?.suppression).toEqual({ kind: 'baseline', reason: 'accepted in baseline b.json' });
    expect(fresh?.suppression).toBeUndefined();
  });

  it('names the file and field of a broken baseline', () => {
    expect(() => parseBaseline('{"version": 2, "findings": []}', 'b.json')).toThrow(GuardrailsError);
    expect(() => parseBaseline('{"version": 1, "findings": [{}]}', 'b.json')).toThrow(/^b\.json: findings\.0\.fingerprint/);
    expect(() => parseBaseline('{not json', 'b.json')).toThrow(/^b\.json: not valid JSON/);
  });
});
