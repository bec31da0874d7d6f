import type { Site } from '../model/attr';
import type { Resource, ResourceKind, ResourceOfKind } from '../model/resources';
import { adaptTemplate } from './cfn-adapter';
import { parseTemplate } from './cfn-template';

const PATH = 'stack/perimeter.yaml';

const PERIMETER = [
  'Parameters:', // 1
  '  Free: { Type: String }', // 2
  'Resources:', // 3
  '  S3Endpoint:', // 4
  '    Type: AWS::EC2::VPCEndpoint', // 5
  '    Properties:', // 6
  '      VpcId: vpc-1', // 7
  '      ServiceName: com.amazonaws.eu-west-1.s3', // 8
  '      PolicyDocument:', // 9
  '        Statement:', // 10
  '          - Effect: Allow', // 11
  "            Principal: '*'", // 12
  '            Action: s3:*', // 13
  "            Resource: '*'", // 14
  '            Condition:', // 15
  '              StringEquals:', // 16
  '                aws:ResourceOrgID: o-abc123', // 17
  '  Open:', // 18
  '    Type: AWS::EC2::VPCEndpoint', // 19
  '    Properties:', // 20
  '      VpcId: vpc-1', // 21
  "      ServiceName: !Sub 'com.amazonaws.${AWS::Region}.dynamodb'", // 22
  '  FromParameter:', // 23
  '    Type: AWS::EC2::VPCEndpoint', // 24
  '    Properties:', // 25
  '      ServiceName: !Ref Free', // 26
  '      PolicyDocument: !Ref Free', // 27
  '  AsJson:', // 28
  '    Type: AWS::EC2::VPCEndpoint', // 29
  '    Properties:', // 30
  '      ServiceName: com.amazonaws.eu-west-1.sqs', // 31
  `      PolicyDocument: '{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:*", "Resource": "*"}]}'`, // 32
  '  Scp:', // 33
  '    Type: AWS::Organizations::Policy', // 34
  '    Properties:', // 35
  '      Name: perimeter', // 36
  '      Type: SERVICE_CONTROL_POLICY', // 37
  '      TargetIds: [r-abcd]', // 38
  '      Content:', // 39
  "        Version: '2012-10-17'", // 40
  '        Statement:', // 41
  '          - Effect: Deny', // 42
  '            Action: s3:*', // 43
  "            Resource: '*'", // 44
  '  TagPolicy:', // 45
  '    Type: AWS::Organizations::Policy', // 46
  '    Properties:', // 47
  '      Name: tags', // 48
  '      Type: TAG_POLICY', // 49
  `      Content: '{"tags": {}}'`, // 50
  '  Untyped:', // 51
  '    Type: AWS::Organizations::Policy', // 52
  '    Properties:', // 53
  '      Type: !Ref Free', // 54
  '',
];

function adapt(): Resource[] {
  const parsed = parseTemplate(PATH, PERIMETER.join('\n'));
  expect(parsed?.errors).toEqual([]);
  return adaptTemplate(PATH, parsed!.template);
}

function find<K extends ResourceKind>(resources: readonly Resource[], address: string, kind: K): ResourceOfKind<K> {
  const resource = resources.find((r) => r.address === address);
  if (resource?.kind !== kind) throw new Error(`${address} is not a ${kind}`);
  return resource as ResourceOfKind<K>;
}

function token(line: number, text: string): Site {
  const column = PERIMETER[line - 1]!.indexOf(text);
  if (column < 0) throw new Error(`no ${text} on line ${line}`);
  return { location: { path: PATH, startLine: line, startColumn: column + 1, endLine: line, endColumn: column + 1 + text.length } };
}

function span(startLine: number, startColumn: number, endLine: number, endColumn: number): Site {
  return { location: { path: PATH, startLine, startColumn, endLine, endColumn } };
}

describe('adaptTemplate: AWS::EC2::VPCEndpoint', () => {
  const resources = adapt();

  it('reads the service and the endpoint policy at their values', () => {
    const endpoint = find(resources, 'S3Endpoint', 'vpc-endpoint');
    expect(endpoint.site).toEqual(span(4, 3, 17, 44));
    expect(endpoint.service).toEqual({ state: 'set', value: 'com.amazonaws.eu-west-1.s3', at: token(8, 'com.amazonaws.eu-west-1.s3') });
    expect(endpoint.policy).toEqual({
      state: 'set',
      value: {
        statements: [
          {
            effect: 'Allow',
            principals: { '*': ['*'] },
            actions: ['s3:*'],
            notActions: [],
            resources: ['*'],
            notResources: [],
            conditions: { StringEquals: { 'aws:ResourceOrgID': ['o-abc123'] } },
            partial: false,
            at: span(11, 13, 17, 44),
          },
        ],
        at: span(10, 9, 17, 44),
      },
      at: span(10, 9, 17, 44),
    });
  });

  it('leaves an omitted policy absent at the resource: the default policy allows full access', () => {
    const open = find(resources, 'Open', 'vpc-endpoint');
    expect(open.policy).toEqual({ state: 'absent', at: span(18, 3, 22, 64) });
    expect(open.service).toEqual({
      state: 'unknown',
      at: token(22, "!Sub 'com.amazonaws.${AWS::Region}.dynamodb'"),
      reason: 'pseudo parameter AWS::Region is known only at deploy time',
    });
  });

  it('makes a service and a policy from a parameter unknown', () => {
    const endpoint = find(resources, 'FromParameter', 'vpc-endpoint');
    expect(endpoint.service).toEqual({ state: 'unknown', at: token(26, '!Ref Free'), reason: 'parameter Free has no Default' });
    expect(endpoint.policy).toEqual({ state: 'unknown', at: token(27, '!Ref Free'), reason: 'parameter Free has no Default' });
  });

  it('reads a policy written as a JSON string, at the string', () => {
    const endpoint = find(resources, 'AsJson', 'vpc-endpoint');
    const at = token(32, `'{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:*", "Resource": "*"}]}'`);
    expect(endpoint.policy).toMatchObject({ state: 'set', at, value: { statements: [{ effect: 'Allow', principals: { '*': ['*'] }, actions: ['sqs:*'], at }] } });
  });
});

describe('adaptTemplate: AWS::Organizations::Policy', () => {
  const resources = adapt();

  it('reads the type and the content of a service control policy', () => {
    const scp = find(resources, 'Scp', 'organizations-policy');
    expect(scp.site).toEqual(span(33, 3, 44, 26));
    expect(scp.policyType).toEqual({ state: 'set', value: 'SERVICE_CONTROL_POLICY', at: token(37, 'SERVICE_CONTROL_POLICY') });
    expect(scp.content).toMatchObject({
      state: 'set',
      at: span(40, 9, 44, 26),
      value: { statements: [{ effect: 'Deny', actions: ['s3:*'], resources: ['*'], partial: false, at: span(42, 13, 44, 26) }] },
    });
  });

  it('reads other policy types, whose content has no statements', () => {
    const tags = find(resources, 'TagPolicy', 'organizations-policy');
    expect(tags.policyType).toEqual({ state: 'set', value: 'TAG_POLICY', at: token(49, 'TAG_POLICY') });
    expect(tags.content).toMatchObject({ state: 'set', value: { statements: [] } });
  });

  it('makes a type from a parameter unknown and leaves omitted content absent', () => {
    const untyped = find(resources, 'Untyped', 'organizations-policy');
    expect(untyped.policyType).toEqual({ state: 'unknown', at: token(54, '!Ref Free'), reason: 'parameter Free has no Default' });
    expect(untyped.content).toEqual({ state: 'absent', at: span(51, 3, 54, 22) });
  });
});
