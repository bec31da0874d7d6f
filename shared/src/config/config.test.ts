import { knownIds } from '../engine/rule-descriptors';
import { GuardrailsError } from '../errors';
import { DEFAULT_CONFIG, parseConfig } from './config';

const known = new Set(['github-token', 'no-leaked-secrets']);

function problem(text: string): string {
  try {
    parseConfig(text, '.guardrails.yml', known);
  } catch (error) {
    expect(error).toBeInstanceOf(GuardrailsError);
    expect((error as GuardrailsError).code).toBe('CONFIG_INVALID');
    return (error as Error).message;
  }
  throw new Error('expected a config error');
}

describe('config', () => {
  it('applies defaults to an empty file', () => {
    expect(parseConfig('', '.guardrails.yml')).toEqual(DEFAULT_CONFIG);
  });

  it('reads every setting', () => {
    const config = parseConfig(
      'failOn: medium\nmaxFileSize: 512KB\nignore:\n  paths: ["vendor/**"]\n  rules: [github-token]\ninlineSuppressions: false\nbaseline: base.json\nrules:\n  github-token: { severity: low }\nsecrets:\n  allow: ["^sk_test_"]\n',
      '.guardrails.yml',
      known,
    );
    expect(config).toMatchObject({
      failOn: 'medium',
      maxFileSize: 524288,
      ignorePaths: ['vendor/**'],
      ignoreRules: ['github-token'],
      inlineSuppressions: false,
      baseline: 'base.json',
      rules: { 'github-token': { severity: 'low' } },
    });
    expect(config.allowSecrets[0]?.test('sk_test_123')).toBe(true);
  });

  it('names the file, line and column of a YAML syntax error', () => {
    expect(problem('failOn: [high\n')).toMatch(/^\.guardrails\.yml:\d+:\d+: not valid YAML/);
  });

  it('names an unknown key', () => {
    expect(problem('failon: high\n')).toContain('"failon"');
  });

  it('names the field with a wrong type', () => {
    expect(problem('ignore:\n  paths: vendor\n')).toMatch(/^\.guardrails\.yml: ignore\.paths: /);
  });

  it('names a bad severity', () => {
    expect(problem('rules:\n  github-token: { severity: urgent }\n')).toContain('rules.github-token.severity');
  });

  it('names a misspelled rule id', () => {
    expect(problem('rules:\n  github-tokens: { enabled: false }\n')).toContain('rules.github-tokens: unknown rule or guardrail id');
  });

  it('accepts the rules of the live AWS scan and their guardrails, under rules and ignore.rules', () => {
    const text = 'rules:\n  iam-access-key-age: { severity: high }\n  iam-user-console-no-mfa: { enabled: false }\nignore:\n  rules: [management-account-workloads, management-account-clean]\n';
    const config = parseConfig(text, '.guardrails.yml', knownIds());
    expect(config.rules).toEqual({ 'iam-access-key-age': { severity: 'high' }, 'iam-user-console-no-mfa': { enabled: false } });
    expect(config.ignoreRules).toEqual(['management-account-workloads', 'management-account-clean']);
  });

  it('trusts GitHub-owned actions by tag by default', () => {
    expect(parseConfig('failOn: high\n', '.guardrails.yml').trustedActions).toEqual(['actions/*', 'github/*']);
  });

  it('reads ci.trustedActions, which replaces the default list', () => {
    expect(parseConfig('ci:\n  trustedActions: ["my-org/*", "docker/login-action"]\n', '.guardrails.yml').trustedActions).toEqual([
      'my-org/*',
      'docker/login-action',
    ]);
    expect(parseConfig('ci:\n  trustedActions: []\n', '.guardrails.yml').trustedActions).toEqual([]);
  });

  it('names a trusted action that is not an owner/repo pattern', () => {
    expect(problem('ci:\n  trustedActions: ["actions"]\n')).toContain('ci.trustedActions[0]: expected an owner/repo pattern');
    expect(problem('ci:\n  trusted: []\n')).toContain('"trusted"');
  });

  it('names an invalid allowlist regex', () => {
    expect(problem('secrets:\n  allow: ["("]\n')).toContain('secrets.allow[0]: not a valid regular expression');
  });
});
