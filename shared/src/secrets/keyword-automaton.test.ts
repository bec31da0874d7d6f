import { fakeSecret } from './fake-secret';
import { KeywordAutomaton } from './keyword-automaton';

function naive(keywords: readonly string[], text: string): string[] {
  const lower = text.toLowerCase();
  const hits: string[] = [];
  keywords.forEach((k, index) => {
    for (let i = lower.indexOf(k); i >= 0; i = lower.indexOf(k, i + 1)) hits.push(`${index}@${i}`);
  });
  return hits.sort();
}

function automaton(keywords: readonly string[], text: string): string[] {
  const hits: string[] = [];
  new KeywordAutomaton(keywords).scan(text, (k, start) => hits.push(`${k}@${start}`));
  return hits.sort();
}

describe('keyword automaton', () => {
  it('finds every occurrence, overlapping and nested, case-insensitively', () => {
    const keywords = ['token', '_authtoken', 'akia', 'kia', 'aa', 'secret'];
    const text = 'x_AuthToken=1 AKIAKIA aaaa Secret_TOKEN';
    expect(automaton(keywords, text)).toEqual(naive(keywords, text));
    expect(automaton(keywords, text)).toContain('1@1');
  });

  it('agrees with a naive search on random text', () => {
    const keywords = ['ab', 'abc', 'bca', 'caab', 'q~', '-----begin', 'npm_'];
    const text = fakeSecret('automaton', 'abcABC~q-_npm BEGIN', 20_000);
    expect(automaton(keywords, text)).toEqual(naive(keywords, text));
  });

  it('treats characters outside ASCII as a break', () => {
    expect(automaton(['token'], 'tok\u00e9n token')).toEqual(['0@6']);
  });

  it('rejects keywords it cannot match', () => {
    expect(() => new KeywordAutomaton(['Token'])).toThrow(/lower-case/);
    expect(() => new KeywordAutomaton(['t\u00f6ken'])).toThrow(/ASCII/);
  });
});
