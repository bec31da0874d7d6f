import { describeSchemaIssues } from './schema-issues';

describe('describeSchemaIssues', () => {
  it('names each bad field by its path, the root by the given name, and counts what it leaves out', () => {
    const issues = [
      { path: ['findings', 0, 'severity'], message: 'Invalid option' },
      { path: [], message: 'Expected object' },
      { path: ['scan', 'scope'], message: 'Invalid option' },
    ];
    expect(describeSchemaIssues(issues, { root: '(body)' })).toBe('findings.0.severity: Invalid option; (body): Expected object; scan.scope: Invalid option');
    expect(describeSchemaIssues(issues, { max: 1 })).toBe('findings.0.severity: Invalid option (and 2 more)');
  });
});
