import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { at, core, logged, resetCore } from './core-fixture';
import { finding, many } from './test-findings';

jest.unstable_mockModule('@actions/core', () => core);
const { AnnotationBudget, emitCommands, PER_STEP_LIMIT } = await import('./annotations');

const options = { repoPath: (p: string) => p, max: 1000, elsewhere: 'the job summary' };
const annotated = () => logged.filter((l) => l.properties?.file);

beforeEach(() => resetCore());

describe('workflow-command annotations', () => {
  it('show the most severe findings first, 10 per level, then one notice with how many more', () => {
    const findings = [...many('low', 15), ...many('medium', 12), ...many('critical', 4), ...many('high', 9)];
    const result = emitCommands(findings, [], new AnnotationBudget(), options);
    const errors = at('error');
    expect(errors).toHaveLength(PER_STEP_LIMIT);
    // 4 critical before the high ones.
    expect(errors.slice(0, 4).every((e) => e.properties?.title === 'A critical problem (rule-critical)')).toBe(true);
    expect(errors.slice(4).every((e) => e.properties?.title === 'A high problem (rule-high)')).toBe(true);
    expect(at('warning')).toHaveLength(PER_STEP_LIMIT);
    // 9 low findings: the tenth notice slot carries the count of the rest.
    const notices = at('notice');
    expect(notices).toHaveLength(PER_STEP_LIMIT);
    expect(notices.filter((n) => n.properties?.file)).toHaveLength(9);
    const rest = findings.length - 29;
    expect(notices[9]!.message).toBe(`${rest} more finding(s) are in the job summary (GitHub shows 10 annotations of each level per step).`);
    expect(result).toEqual({ shown: 29, hidden: rest });
  });

  it('annotate every finding, with no closing notice, when all fit', () => {
    emitCommands([...many('high', 3), ...many('low', 10)], [], new AnnotationBudget(), options);
    expect(annotated()).toHaveLength(13);
    expect(at('notice').every((n) => n.properties?.file)).toBe(true);
  });

  it('leave room for the Action’s own messages: the failure message and notices already shown', () => {
    const budget = new AnnotationBudget();
    budget.notice('The token cannot create a check run');
    budget.reserve('error');
    emitCommands([...many('critical', 12), ...many('info', 12)], [], budget, options);
    expect(at('error')).toHaveLength(9);
    expect(at('notice')).toHaveLength(10);
    expect(at('notice').filter((n) => n.properties?.file)).toHaveLength(8);
    expect(at('notice').pop()!.message).toMatch(/^7 more finding\(s\)/);
  });

  it('carry file, lines, columns on a single line, a title with the rule id, and the fix, with repository paths', () => {
    emitCommands([finding('high', 'src/a.ts', 4)], [], new AnnotationBudget(), { ...options, repoPath: (p) => `services/pay/${p}` });
    expect(logged).toEqual([
      {
        level: 'error',
        message: 'Something high at line 4 (AKIA…(20 chars)).\nFix: Rotate it.',
        properties: { title: 'A high problem (rule-high)', file: 'services/pay/src/a.ts', startLine: 4, endLine: 4, startColumn: 3, endColumn: 9 },
      },
    ]);
  });

  it('skip suppressed findings, and count findings without a file as not annotated', () => {
    const resource = finding('high', 'x', 1);
    delete (resource as { location?: unknown }).location;
    resource.resource = { provider: 'aws', id: 'i-123' };
    const suppressed = finding('critical', 'b.ts', 1, { suppression: { kind: 'inline', reason: 'test fixture' } });
    const result = emitCommands([resource, suppressed, finding('high', 'a.ts', 2)], [], new AnnotationBudget(), options);
    expect(annotated().map((a) => a.properties?.file)).toEqual(['a.ts']);
    expect(result).toEqual({ shown: 1, hidden: 1 });
    expect(at('notice')[0]!.message).toMatch(/^1 more finding\(s\)/);
  });

  it('respect max-annotations', () => {
    emitCommands(many('high', 8), [], new AnnotationBudget(), { ...options, max: 3 });
    expect(at('error')).toHaveLength(3);
    expect(at('notice')[0]!.message).toMatch(/^5 more finding\(s\)/);
  });

  it('add scan errors as warnings in the slots findings leave, and count the rest', () => {
    const errors = Array.from({ length: 4 }, (_, i) => ({ path: `broken${i}.tf`, line: 1, message: 'could not parse' }));
    emitCommands(many('medium', 8), errors, new AnnotationBudget(), options);
    expect(at('warning')).toHaveLength(10);
    expect(at('warning').slice(8).map((w) => w.properties?.title)).toEqual(['Could not scan', 'Could not scan']);
    expect(at('notice')[0]!.message).toMatch(/^2 more scan error\(s\) are in the job summary/);
  });
});
