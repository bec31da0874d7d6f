import type { Site } from '../model/attr';
import type { PolicyStatement } from '../model/policy-document';
import { hasConditions, requiresExternalId, trustedAwsAccounts, trustsAnyPrincipal } from './trust-principals';

const at: Site = { location: { path: 'main.tf', startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 } };
const statement = (s: Partial<PolicyStatement>): PolicyStatement => ({
  effect: 'Allow',
  actions: ['sts:AssumeRole'],
  notActions: [],
  resources: [],
  notResources: [],
  conditions: {},
  partial: false,
  at,
  ...s,
});

describe('trustedAwsAccounts', () => {
  it('reads bare ids, root, roles, users and assumed-role sessions', () => {
    const s = statement({
      principals: {
        AWS: [
          '111122223333',
          'arn:aws:iam::222233334444:root',
          'arn:aws:iam::333344445555:role/ci',
          'arn:aws-cn:iam::444455556666:user/ops',
          'arn:aws:sts::555566667777:assumed-role/x/y',
          'AROAEXAMPLEID',
          '*',
        ],
      },
    });
    expect(trustedAwsAccounts(s).map((t) => [t.account, t.wholeAccount])).toEqual([
      ['111122223333', true],
      ['222233334444', true],
      ['333344445555', false],
      ['444455556666', false],
      ['555566667777', false],
    ]);
  });
});

describe('trustsAnyPrincipal', () => {
  it('is true for `*` and AWS `*` only', () => {
    expect(trustsAnyPrincipal(statement({ principals: { '*': ['*'] } }))).toBe(true);
    expect(trustsAnyPrincipal(statement({ principals: { AWS: ['*'] } }))).toBe(true);
    expect(trustsAnyPrincipal(statement({ principals: { Service: ['ec2.amazonaws.com'] } }))).toBe(false);
  });
});

describe('requiresExternalId', () => {
  it('follows Datadog: sts:ExternalId under StringEquals, StringLike or ForAnyValue:StringEquals, any key case', () => {
    expect(requiresExternalId(statement({ conditions: { StringEquals: { 'sts:ExternalId': ['x'] } } }))).toBe(true);
    expect(requiresExternalId(statement({ conditions: { StringLike: { 'STS:externalid': ['x*'] } } }))).toBe(true);
    expect(requiresExternalId(statement({ conditions: { 'ForAnyValue:StringEquals': { 'sts:ExternalId': ['x'] } } }))).toBe(true);
    expect(requiresExternalId(statement({ conditions: { StringNotEquals: { 'sts:ExternalId': ['x'] } } }))).toBe(false);
    expect(requiresExternalId(statement({ conditions: { Bool: { 'aws:MultiFactorAuthPresent': ['true'] } } }))).toBe(false);
  });

  it('never counts a Deny', () => {
    expect(requiresExternalId(statement({ effect: 'Deny', conditions: { StringEquals: { 'sts:ExternalId': ['x'] } } }))).toBe(false);
  });
});

describe('hasConditions', () => {
  it('is false for an empty Condition', () => {
    expect(hasConditions(statement({ conditions: { StringEquals: {} } }))).toBe(false);
    expect(hasConditions(statement({ conditions: { StringEquals: { 'aws:PrincipalArn': ['x'] } } }))).toBe(true);
  });
});
