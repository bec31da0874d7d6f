import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { core, resetCore } from './core-fixture';

jest.unstable_mockModule('@actions/core', () => core);
const { readInputs, DEFAULT_MAX_ANNOTATIONS } = await import('./inputs');

beforeEach(() => resetCore());

describe('inputs', () => {
  it('default as action.yml says, with fail-on left to the config file', () => {
    expect(readInputs()).toEqual({
      path: '.',
      mode: 'auto',
      annotations: 'auto',
      maxAnnotations: DEFAULT_MAX_ANNOTATIONS,
      sarifFile: 'guardrails.sarif',
      jsonFile: 'guardrails.json',
      summary: true,
      awsContext: 'off',
    });
  });

  it('read every input, case-insensitively for choices, and mask the portal token', () => {
    resetCore({
      path: 'services/pay',
      mode: 'FULL',
      'fail-on': 'medium',
      config: 'ci/guardrails.yml',
      'github-token': 'ghs_x',
      annotations: 'check-run',
      'max-annotations': '200',
      'sarif-file': 'out.sarif',
      'json-file': 'out.json',
      summary: 'false',
      'portal-url': 'https://portal.example.com/',
      'portal-token': 'secret-token',
      'portal-auth': 'oidc',
      'portal-required': 'true',
      'aws-context': 'auto',
    });
    expect(readInputs()).toEqual({
      path: 'services/pay',
      mode: 'full',
      failOn: 'medium',
      config: 'ci/guardrails.yml',
      githubToken: 'ghs_x',
      annotations: 'check-run',
      maxAnnotations: 200,
      sarifFile: 'out.sarif',
      jsonFile: 'out.json',
      summary: false,
      portal: { url: 'https://portal.example.com', token: 'secret-token', auth: 'oidc', audience: 'https://portal.example.com', required: true },
      awsContext: 'auto',
    });
    expect(core.setSecret).toHaveBeenCalledWith('secret-token');
  });

  it.each([
    [{ 'fail-on': 'severe' }, 'input fail-on must be one of critical, high, medium, low, none; got "severe"'],
    [{ annotations: 'comments' }, 'input annotations must be one of auto, commands, check-run, none; got "comments"'],
    [{ 'max-annotations': '-1' }, 'input max-annotations must be a whole number of 0 or more; got "-1"'],
    [{ summary: 'yes' }, 'input summary must be true or false; got "yes"'],
    [{ 'portal-url': 'portal.example.com' }, 'input portal-url must be an http(s) URL; got "portal.example.com"'],
  ])('reject %j, naming the input', (values, message) => {
    resetCore(values);
    expect(() => readInputs()).toThrow(message);
  });
});
