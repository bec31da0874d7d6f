import type { Attr } from '../model/attr';
import type { PolicyDocument, PolicyStatement } from '../model/policy-document';
import { adaptTemplate } from './cfn-adapter';
import { parseTemplate } from './cfn-template';

const HEADER = [
  'Parameters:', // 1
  '  Account: { Type: String }', // 2
  '  Org: { Type: String, Default: o-abc123 }', // 3
  'Resources:', // 4
  '  Role:', // 5
  '    Type: AWS::IAM::Role', // 6
  '  Policy:', // 7
  '    Type: AWS::S3::BucketPolicy', // 8
  '    Properties:', // 9
  '      Bucket: b', // 10
];

function policyOf(documentLines: readonly string[]): Attr<PolicyDocument> {
  const parsed = parseTemplate('p.yaml', [...HEADER, ...documentLines, ''].join('\n'));
  expect(parsed?.errors).toEqual([]);
  // The header's role is modelled too; the bucket policy is the one under test.
  const policy = adaptTemplate('p.yaml', parsed!.template).find((r) => r.kind === 's3-bucket-policy');
  if (policy?.kind !== 's3-bucket-policy') throw new Error('no bucket policy');
  return policy.policy;
}

/** The statements without their positions. */
function statementsOf(documentLines: readonly string[]): Partial<PolicyStatement>[] {
  const policy = policyOf(documentLines);
  if (policy.state !== 'set') throw new Error(`policy is ${policy.state}`);
  return policy.value.statements.map((s) => Object.fromEntries(Object.entries(s).filter(([key]) => key !== 'at')));
}

const EMPTY = { actions: [], notActions: [], resources: [], notResources: [], conditions: {} };

describe('policyDocumentOf', () => {
  it('normalises single values to lists and keeps principals by type', () => {
    expect(
      statementsOf([
        '      PolicyDocument:',
        '        Statement:',
        '          Sid: Public',
        '          Effect: Allow',
        '          Principal: { AWS: "*" }',
        '          Action: s3:GetObject',
        '          Resource: arn:aws:s3:::b/*',
      ]),
    ).toEqual([
      { ...EMPTY, sid: 'Public', effect: 'Allow', principals: { AWS: ['*'] }, actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'], partial: false },
    ]);
  });

  it('reads the negated elements and conditions, with values as strings', () => {
    expect(
      statementsOf([
        '      PolicyDocument:',
        '        Statement:',
        '          - Effect: Deny',
        '            NotPrincipal: { Service: [logging.s3.amazonaws.com] }',
        '            NotAction: [s3:GetObject, s3:ListBucket]',
        '            NotResource: arn:aws:s3:::b',
        '            Condition:',
        '              Bool: { aws:SecureTransport: false }',
        '              NumericLessThan: { s3:TlsVersion: 1.2 }',
        '              StringEquals: { aws:PrincipalOrgID: !Ref Org }',
      ]),
    ).toEqual([
      {
        ...EMPTY,
        effect: 'Deny',
        notPrincipals: { Service: ['logging.s3.amazonaws.com'] },
        notActions: ['s3:GetObject', 's3:ListBucket'],
        notResources: ['arn:aws:s3:::b'],
        conditions: {
          Bool: { 'aws:SecureTransport': ['false'] },
          NumericLessThan: { 's3:TlsVersion': ['1.2'] },
          StringEquals: { 'aws:PrincipalOrgID': ['o-abc123'] },
        },
        partial: false,
      },
    ]);
  });

  it('keeps references to resources and pseudo parameters as placeholders, not as partial', () => {
    expect(
      statementsOf([
        '      PolicyDocument:',
        '        Statement:',
        '          - Effect: Allow',
        '            Principal:',
        '              AWS: [!GetAtt Role.Arn, !Sub "arn:aws:iam::${AWS::AccountId}:root"]',
        '            Action: s3:*',
        '            Resource: !Sub "${Role}/*"',
      ]),
    ).toEqual([
      {
        ...EMPTY,
        effect: 'Allow',
        principals: { AWS: ['${Role.Arn}', 'arn:aws:iam::${AWS::AccountId}:root'] },
        actions: ['s3:*'],
        resources: ['${Role}/*'],
        partial: false,
      },
    ]);
  });

  it('marks a statement partial when a value could be anything, and drops that value', () => {
    expect(
      statementsOf([
        '      PolicyDocument:',
        '        Statement:',
        '          - Effect: Allow',
        '            Principal: { AWS: [!Ref Account, arn:aws:iam::111122223333:root] }',
        '            Action: s3:GetObject',
        '          - Effect: !Ref Account',
        '            Principal: "*"',
        '            Action: s3:GetObject',
        '          - !If [Nope, { Effect: Allow }, { Effect: Deny }]',
      ]),
    ).toEqual([
      { ...EMPTY, effect: 'Allow', principals: { AWS: ['arn:aws:iam::111122223333:root'] }, actions: ['s3:GetObject'], partial: true },
      { ...EMPTY, effect: 'unknown', principals: { '*': ['*'] }, actions: ['s3:GetObject'], partial: true },
      { ...EMPTY, effect: 'unknown', partial: true },
    ]);
  });

  it('keeps the position of each statement and of the document', () => {
    const policy = policyOf([
      '      PolicyDocument:', // 11
      '        Version: 2012-10-17', // 12
      '        Statement:', // 13
      '          - Effect: Allow', // 14
      '            Action: s3:GetObject', // 15
      '          - Effect: Deny', // 16
      '            Action: s3:PutObject', // 17
    ]);
    if (policy.state !== 'set') throw new Error(policy.state);
    expect(policy.at).toEqual({ location: { path: 'p.yaml', startLine: 12, startColumn: 9, endLine: 17, endColumn: 33 } });
    expect(policy.value.statements.map((s) => s.at)).toEqual([
      { location: { path: 'p.yaml', startLine: 14, startColumn: 13, endLine: 15, endColumn: 33 } },
      { location: { path: 'p.yaml', startLine: 16, startColumn: 13, endLine: 17, endColumn: 33 } },
    ]);
  });

  it('reads a document written as a JSON string, at the string', () => {
    const policy = policyOf([`      PolicyDocument: '{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}]}'`]);
    expect(policy).toEqual({
      state: 'set',
      value: {
        statements: [
          {
            ...EMPTY,
            effect: 'Allow',
            principals: { '*': ['*'] },
            actions: ['s3:GetObject'],
            partial: false,
            at: { location: { path: 'p.yaml', startLine: 11, startColumn: 23, endLine: 11, endColumn: 105 } },
          },
        ],
        at: { location: { path: 'p.yaml', startLine: 11, startColumn: 23, endLine: 11, endColumn: 105 } },
      },
      at: { location: { path: 'p.yaml', startLine: 11, startColumn: 23, endLine: 11, endColumn: 105 } },
    });
  });

  it('is unknown when the document or its statement list cannot be resolved', () => {
    expect(policyOf(['      PolicyDocument: "{not json"'])).toMatchObject({ state: 'unknown', reason: 'the policy document is not valid JSON' });
    expect(policyOf(['      PolicyDocument: { Statement: !Ref Account }'])).toMatchObject({
      state: 'unknown',
      reason: 'parameter Account has no Default',
    });
    expect(policyOf(['      PolicyDocument: !ImportValue shared-policy'])).toMatchObject({
      state: 'unknown',
      reason: 'Fn::ImportValue shared-policy is read from another stack at deploy time',
    });
  });

  it('is absent when the bucket policy has no document', () => {
    expect(policyOf([])).toEqual({ state: 'absent', at: { location: { path: 'p.yaml', startLine: 7, startColumn: 3, endLine: 10, endColumn: 16 } } });
  });
});
