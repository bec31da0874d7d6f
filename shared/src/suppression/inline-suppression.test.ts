import { inlineDecision, parseInlineDirective } from './inline-suppression';

const lines = (...text: string[]) => (n: number) => text[n - 1] ?? '';

describe('inline suppression', () => {
  it.each([
    ['# guardrails:ignore github-token -- revoked', 'revoked'],
    ['// guardrails:ignore github-token -- used in docs only', 'used in docs only'],
    ['<!-- guardrails:ignore github-token -- sample -->', 'sample'],
    ['/* guardrails:ignore github-token -- fixture */', 'fixture'],
    ['-- guardrails:ignore github-token -- SQL comment', 'SQL comment'],
  ])('reads %s', (line, reason) => {
    expect(parseInlineDirective(line)).toEqual({ ids: ['github-token'], reason });
  });

  it('reads several ids and an expiry date', () => {
    expect(parseInlineDirective('# guardrails:ignore github-token, no-leaked-secrets until 2027-01-31 -- rotating')).toEqual({
      ids: ['github-token', 'no-leaked-secrets'],
      until: '2027-01-31',
      reason: 'rotating',
    });
  });

  it('suppresses from the same line or the previous line', () => {
    const same = inlineDecision(lines('token = x # guardrails:ignore github-token -- test'), 1, 'github-token', 'no-leaked-secrets', '2026-11-28');
    const previous = inlineDecision(lines('# guardrails:ignore no-leaked-secrets -- test', 'token = x'), 2, 'github-token', 'no-leaked-secrets', '2026-11-28');
    expect(same).toEqual({ kind: 'suppressed', suppression: { kind: 'inline', reason: 'test' } });
    expect(previous.kind).toBe('suppressed');
  });

  it('does not suppress from two lines above, or for another rule', () => {
    expect(inlineDecision(lines('# guardrails:ignore github-token -- t', '', 'x'), 3, 'github-token', 'g', '2026-11-28').kind).toBe('none');
    expect(inlineDecision(lines('# guardrails:ignore npm-token -- t', 'x'), 2, 'github-token', 'g', '2026-11-28').kind).toBe('none');
  });

  it('refuses a directive without a reason and says how to write one', () => {
    const decision = inlineDecision(lines('# guardrails:ignore github-token', 'x'), 2, 'github-token', 'g', '2026-11-28');
    expect(decision).toEqual({ kind: 'invalid', line: 1, problem: expect.stringContaining('needs a reason') });
  });

  it('refuses an expired directive', () => {
    const decision = inlineDecision(lines('# guardrails:ignore github-token until 2026-01-01 -- old', 'x'), 2, 'github-token', 'g', '2026-11-28');
    expect(decision).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('expired on 2026-01-01') });
  });
});
