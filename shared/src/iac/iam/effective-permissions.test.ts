import type { Site } from '../model/attr';
import type { PolicyStatement } from '../model/policy-document';
import { ActionCatalog } from './action-catalog';
import { coversAllResources, effectivePermissions } from './effective-permissions';

const catalog = new ActionCatalog(['iam:PassRole', 'ec2:RunInstances', 'ssm:SendCommand', 'ssm:StartSession', 's3:GetObject', 's3:PutObject', 'kms:Decrypt']);
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
const policy = (label: string, ...statements: PolicyStatement[]) => ({ label, document: { statements, at: at(1) } });
const allowed = (p: ReturnType<typeof effectivePermissions>) => [...p.grants.keys()].sort();

describe('effectivePermissions', () => {
  it('unions the Allow statements of every policy of the principal', () => {
    const p = effectivePermissions([policy('a', statement(2, { actions: ['iam:PassRole'] })), policy('b', statement(7, { actions: ['ec2:Run*'] }))], catalog);
    expect(allowed(p)).toEqual(['ec2:RunInstances', 'iam:PassRole']);
    expect(p.grants.get('ec2:RunInstances')).toEqual([{ action: 'ec2:RunInstances', broad: true, conditions: [], at: at(7), source: 'b' }]);
  });

  it('subtracts an unconditional Deny on `*`, from any policy', () => {
    const p = effectivePermissions([policy('a', statement(2, { actions: ['ssm:*'] })), policy('b', statement(5, { effect: 'Deny', actions: ['ssm:StartSession'] }))], catalog);
    expect(allowed(p)).toEqual(['ssm:SendCommand']);
    expect(p.unsubtracted).toEqual([]);
  });

  it('subtracts everything but the NotAction of an unconditional Deny', () => {
    const p = effectivePermissions([policy('a', statement(2, { actions: ['*'] }), statement(3, { effect: 'Deny', notActions: ['s3:*'] }))], catalog);
    expect(allowed(p)).toEqual(['s3:GetObject', 's3:PutObject']);
  });

  it('does not subtract a conditional Deny, and says why', () => {
    const deny = statement(3, { effect: 'Deny', actions: ['ssm:StartSession'], conditions: { StringNotEquals: { 'aws:PrincipalTag/team': ['ops'] } } });
    const p = effectivePermissions([policy('a', statement(2, { actions: ['ssm:*'] }), deny)], catalog);
    expect(allowed(p)).toEqual(['ssm:SendCommand', 'ssm:StartSession']);
    expect(p.unsubtracted).toEqual([{ actions: new Set(['ssm:StartSession']), why: 'a Deny applies only under conditions (a)', at: at(3) }]);
  });

  it('does not subtract a Deny on specific resources or with NotResource', () => {
    const p = effectivePermissions(
      [
        policy(
          'a',
          statement(2, { actions: ['s3:*'] }),
          statement(3, { effect: 'Deny', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::secrets/*'] }),
          statement(4, { effect: 'Deny', actions: ['s3:PutObject'], resources: [], notResources: ['arn:aws:s3:::logs/*'] }),
        ),
      ],
      catalog,
    );
    expect(allowed(p)).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(p.unsubtracted.map((d) => d.why)).toEqual(['a Deny names specific resources (a)', 'a Deny uses NotResource (a)']);
  });

  it('ignores a Deny limited to transport or region: the grant stays in the normal case', () => {
    const deny = statement(3, { effect: 'Deny', actions: ['*'], conditions: { Bool: { 'aws:SecureTransport': ['false'] } } });
    const p = effectivePermissions([policy('a', statement(2, { actions: ['kms:Decrypt'] }), deny)], catalog);
    expect(allowed(p)).toEqual(['kms:Decrypt']);
    expect(p.unsubtracted).toEqual([]);
  });

  it('treats NotResource as broad', () => {
    const p = effectivePermissions([policy('a', statement(2, { actions: ['s3:GetObject'], resources: [], notResources: ['arn:aws:s3:::private/*'] }))], catalog);
    expect(p.grants.get('s3:GetObject')?.[0]?.broad).toBe(true);
  });

  it('marks grants on specific resources as not broad', () => {
    const p = effectivePermissions([policy('a', statement(2, { actions: ['s3:GetObject', 'kms:Decrypt'], resources: ['arn:aws:s3:::receipts/*'] }))], catalog);
    expect(p.grants.get('s3:GetObject')?.[0]?.broad).toBe(false);
    expect(p.grants.get('kms:Decrypt')?.[0]?.broad).toBe(false);
  });

  it('records limiting condition keys, ignoring transport, region and time', () => {
    const conditions = { StringEquals: { 'aws:RequestedRegion': ['eu-west-1'], 'ssm:resourceTag/team': ['web'] }, Bool: { 'aws:SecureTransport': ['true'] } };
    const p = effectivePermissions([policy('a', statement(2, { actions: ['ssm:SendCommand'], conditions }))], catalog);
    expect(p.grants.get('ssm:SendCommand')?.[0]?.conditions).toEqual(['ssm:resourceTag/team']);
  });

  it('lists partly known statements', () => {
    const p = effectivePermissions([policy('a', statement(4, { actions: ['s3:GetObject'], resources: [], partial: true }))], catalog);
    expect(p.partial).toEqual([{ at: at(4), source: 'a' }]);
  });
});

describe('coversAllResources', () => {
  it.each([
    ['*', 's3:GetObject', true],
    ['arn:aws:s3:::*', 's3:GetObject', true],
    ['arn:aws:s3:::*/*', 's3:GetObject', true],
    ['arn:aws:s3:::receipts/*', 's3:GetObject', false],
    ['arn:aws:iam::111122223333:role/*', 'iam:PassRole', true],
    ['arn:aws:iam::111122223333:role/app', 'iam:PassRole', false],
    ['arn:aws:ec2:*:*:instance/*', 'ssm:StartSession', true],
    ['arn:aws:secretsmanager:*:*:secret:*', 'secretsmanager:GetSecretValue', true],
    ['arn:aws:s3:::*', 'kms:Decrypt', false],
    ['arn:*:kms:*:*:key/*', 'kms:Decrypt', true],
  ])('%s covers every resource of %s: %s', (resource, action, expected) => {
    expect(coversAllResources(resource, action)).toBe(expected);
  });
});
