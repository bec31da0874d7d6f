import type { Site } from '../model/attr';
import type { PolicyStatement } from '../model/policy-document';
import { iamActionCatalog } from './action-catalog';
import { AWS_MANAGED_POLICIES, awsManagedPolicyName } from './aws-managed-policies';
import { effectivePermissions } from './effective-permissions';
import { caveatText, classifyManagedPolicy, classifyPermissions, RISKY_COMBINATIONS } from './privileges';

const catalog = iamActionCatalog();
const at = (line: number): Site => ({ location: { path: 'main.tf', startLine: line, startColumn: 1, endLine: line, endColumn: 1 } });
const statement = (line: number, s: Partial<PolicyStatement>): PolicyStatement => ({
  effect: 'Allow',
  actions: [],
  notActions: [],
  resources: ['*'],
  notResources: [],
  conditions: {},
  partial: false,
  at: at(line),
  ...s,
});
const classify = (...statements: PolicyStatement[]) => classifyPermissions(effectivePermissions([{ label: 'p', document: { statements, at: at(1) } }], catalog), catalog);
const summary = (...statements: PolicyStatement[]) => classify(...statements).map((f) => [f.category, f.what, f.at, f.caveats]);

describe('classifyPermissions', () => {
  it('calls `*` on `*` admin, and reports nothing else', () => {
    expect(summary(statement(2, { actions: ['*'] }))).toEqual([['admin', '`*` on `*`', at(2), []]]);
  });

  it('calls `iam:*` on `*` admin', () => {
    expect(summary(statement(3, { actions: ['iam:*'] }))).toEqual([['admin', '`iam:*` on `*`', at(3), []]]);
  });

  it('does not call NotAction without IAM admin, but finds what it allows', () => {
    const found = classify(statement(2, { notActions: ['iam:*', 'organizations:*'] }));
    expect(found.map((f) => f.category)).toEqual(['privilege-escalation', 'lateral-movement', 'data-access']);
  });

  it('combines iam:PassRole and ec2:RunInstances across statements, at the first action', () => {
    expect(summary(statement(2, { actions: ['iam:PassRole'] }), statement(5, { actions: ['ec2:RunInstances'] }))).toEqual([
      ['privilege-escalation', '`iam:PassRole` + `ec2:RunInstances` on every resource', at(2), []],
    ]);
  });

  it('needs every action of a combination', () => {
    expect(summary(statement(2, { actions: ['lambda:CreateFunction', 'iam:PassRole'] }))).toEqual([]);
  });

  it('does not count iam:PassRole scoped to one role', () => {
    expect(summary(statement(2, { actions: ['iam:PassRole'], resources: ['arn:aws:iam::111122223333:role/app'] }), statement(3, { actions: ['ec2:RunInstances'] }))).toEqual([]);
  });

  it('groups the combinations of one category and statement', () => {
    expect(summary(statement(4, { actions: ['iam:CreateAccessKey', 'iam:Put*Policy'] }))).toEqual([
      ['privilege-escalation', '`iam:CreateAccessKey`, `iam:PutUserPolicy`, `iam:PutGroupPolicy`, `iam:PutRolePolicy` on every resource', at(4), []],
    ]);
  });

  it('finds lateral movement and account-wide data access', () => {
    expect(summary(statement(2, { actions: ['ec2-instance-connect:SendSSHPublicKey'] }), statement(3, { actions: ['secretsmanager:GetSecretValue', 'kms:Decrypt'] }))).toEqual([
      ['lateral-movement', '`ec2-instance-connect:SendSSHPublicKey` on every resource', at(2), []],
      ['data-access', '`secretsmanager:GetSecretValue`, `kms:Decrypt` on every resource', at(3), []],
    ]);
  });

  it('needs s3:ListBucket with s3:ListAllMyBuckets to count bucket listing as data access', () => {
    expect(summary(statement(2, { actions: ['s3:ListAllMyBuckets'] }))).toEqual([]);
    expect(summary(statement(2, { actions: ['s3:ListAllMyBuckets', 's3:ListBucket'] }))).toEqual([['data-access', '`s3:ListAllMyBuckets` + `s3:ListBucket` on every resource', at(2), []]]);
  });

  it('reports a conditional grant with the condition as a caveat', () => {
    const found = classify(statement(2, { actions: ['ssm:StartSession'], conditions: { StringEquals: { 'ssm:resourceTag/env': ['dev'] } } }));
    expect(found.map((f) => [f.category, f.caveats])).toEqual([['lateral-movement', ['`ssm:StartSession` is allowed only under conditions on `ssm:resourceTag/env`']]]);
  });

  it('prefers an unconditional grant of the same action', () => {
    const found = classify(statement(2, { actions: ['ssm:StartSession'], conditions: { StringEquals: { 'ssm:resourceTag/env': ['dev'] } } }), statement(3, { actions: ['ssm:StartSession'] }));
    expect(found.map((f) => [f.at, f.caveats])).toEqual([[at(3), []]]);
  });

  it('keeps a finding a non-subtracted Deny may narrow, with a caveat', () => {
    const found = classify(statement(2, { actions: ['ssm:SendCommand'] }), statement(3, { effect: 'Deny', actions: ['ssm:SendCommand'], resources: ['arn:aws:ec2:*:*:instance/i-prod'] }));
    expect(found.map((f) => f.caveats)).toEqual([['a Deny names specific resources (p) and may remove `ssm:SendCommand`']]);
  });
});

describe('risky combinations', () => {
  it('name only actions the catalog knows', () => {
    const unknown = RISKY_COMBINATIONS.flatMap((c) => c.actions).filter((a) => catalog.canonical(a) !== a);
    expect(unknown).toEqual([]);
  });
});

describe('AWS managed policies', () => {
  it('reads the name from the ARN, with paths and partitions', () => {
    expect(awsManagedPolicyName('arn:aws:iam::aws:policy/AdministratorAccess')).toBe('AdministratorAccess');
    expect(awsManagedPolicyName('arn:aws:iam::aws:policy/service-role/AmazonSSMAutomationRole')).toBe('AmazonSSMAutomationRole');
    expect(awsManagedPolicyName('arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess')).toBe('ReadOnlyAccess');
    expect(awsManagedPolicyName('arn:aws:iam::111122223333:policy/AdministratorAccess')).toBeUndefined();
  });

  it('classifies by name, one finding per category', () => {
    expect(classifyManagedPolicy('AdministratorAccess', at(9))).toEqual([{ category: 'admin', what: 'the AWS managed policy `AdministratorAccess` (`*` on `*`)', at: at(9), caveats: [] }]);
    expect(classifyManagedPolicy('PowerUserAccess', at(9))?.map((f) => f.category)).toEqual(['privilege-escalation', 'lateral-movement', 'data-access']);
    expect(classifyManagedPolicy('AmazonSSMManagedInstanceCore', at(9))).toEqual([]);
    expect(classifyManagedPolicy('AmazonMQFullAccess', at(9))).toBeUndefined();
  });

  it('cites a source for every classification', () => {
    for (const [name, policy] of Object.entries(AWS_MANAGED_POLICIES)) expect([name, policy.source.length > 0]).toEqual([name, true]);
  });
});

describe('caveatText', () => {
  it('is empty for a certain finding and a sentence otherwise', () => {
    expect(caveatText([])).toBe('');
    expect(caveatText(['a', 'b'])).toBe(' Lower confidence: a; b.');
  });
});
