import type { Site } from '../model/attr';
import type { EksNodeGroup, Resource } from '../model/resources';
import { adaptTemplate } from './cfn-adapter';
import { parseTemplate } from './cfn-template';

const PATH = 'stack/nodes.yaml';

const NODES = [
  'Parameters:', // 1
  '  Free: { Type: String }', // 2
  'Resources:', // 3
  '  NodeRole:', // 4
  '    Type: AWS::IAM::Role', // 5
  '  Template:', // 6
  '    Type: AWS::EC2::LaunchTemplate', // 7
  '    Properties:', // 8
  '      LaunchTemplateName: nodes-lt', // 9
  '  ById:', // 10
  '    Type: AWS::EKS::Nodegroup', // 11
  '    Properties:', // 12
  '      ClusterName: prod', // 13
  '      NodeRole: !GetAtt NodeRole.Arn', // 14
  '      Subnets: [subnet-1]', // 15
  '      LaunchTemplate:', // 16
  '        Id: !Ref Template', // 17
  '        Version: !GetAtt Template.LatestVersionNumber', // 18
  '  ByName:', // 19
  '    Type: AWS::EKS::Nodegroup', // 20
  '    Properties:', // 21
  '      NodeRole: arn:aws:iam::111122223333:role/eks-nodes', // 22
  '      LaunchTemplate: { Name: nodes-lt }', // 23
  '  ForeignTemplate:', // 24
  '    Type: AWS::EKS::Nodegroup', // 25
  '    Properties:', // 26
  '      NodeRole: !Ref Free', // 27
  '      LaunchTemplate: { Id: lt-0123456789abcdef0 }', // 28
  '  MaybeTemplate:', // 29
  '    Type: AWS::EKS::Nodegroup', // 30
  '    Properties:', // 31
  '      LaunchTemplate: !If [Maybe, { Id: lt-1 }, { Id: lt-2 }]', // 32
  '  Bare:', // 33
  '    Type: AWS::EKS::Nodegroup', // 34
  'Conditions:', // 35
  '  Maybe: !Equals [!Ref Free, x]', // 36
  '',
];

function nodeGroups(): EksNodeGroup[] {
  const parsed = parseTemplate(PATH, NODES.join('\n'));
  expect(parsed?.errors).toEqual([]);
  return adaptTemplate(PATH, parsed!.template).filter((r: Resource): r is EksNodeGroup => r.kind === 'eks-node-group');
}

function token(line: number, text: string): Site {
  const column = NODES[line - 1]!.indexOf(text);
  if (column < 0) throw new Error(`no ${text} on line ${line}`);
  return { location: { path: PATH, startLine: line, startColumn: column + 1, endLine: line, endColumn: column + 1 + text.length } };
}

describe('adaptTemplate: AWS::EKS::Nodegroup', () => {
  const groups = nodeGroups();
  const group = (address: string) => groups.find((g) => g.address === address)!;

  it('models every node group, at its resource', () => {
    expect(groups.map((g) => g.address)).toEqual(['ById', 'ByName', 'ForeignTemplate', 'MaybeTemplate', 'Bare']);
    expect(group('ById')).toMatchObject({
      type: 'AWS::EKS::Nodegroup',
      origin: 'cloudformation',
      name: 'ById',
      site: { location: { path: PATH, startLine: 10, startColumn: 3, endLine: 18, endColumn: 54 } },
    });
  });

  it('links the node role and the launch template by reference', () => {
    expect(group('ById').nodeRole).toEqual({ target: 'NodeRole', at: token(14, '!GetAtt NodeRole.Arn') });
    expect(group('ById').launchTemplate).toEqual({ target: 'Template', at: token(17, '!Ref Template') });
  });

  it('links a launch template by Name, and a role ARN outside the template by name', () => {
    expect(group('ByName').nodeRole).toEqual({
      target: 'name:arn:aws:iam::111122223333:role/eks-nodes',
      at: token(22, 'arn:aws:iam::111122223333:role/eks-nodes'),
    });
    expect(group('ByName').launchTemplate).toEqual({ target: 'Template', at: token(23, 'nodes-lt') });
  });

  it('leaves a role from a parameter, a launch template id of another stack and an undecidable one unresolved', () => {
    expect(group('ForeignTemplate').nodeRole).toEqual({ unresolved: 'parameter Free has no Default', at: token(27, '!Ref Free') });
    expect(group('ForeignTemplate').launchTemplate).toEqual({
      unresolved: 'launch template lt-0123456789abcdef0 is not defined in this template',
      at: token(28, 'lt-0123456789abcdef0'),
    });
    expect(group('MaybeTemplate').launchTemplate).toEqual({
      unresolved: 'Fn::If on condition Maybe is undecidable (parameter Free has no Default)',
      at: token(32, '!If [Maybe, { Id: lt-1 }, { Id: lt-2 }]'),
    });
  });

  it('has no links when NodeRole and LaunchTemplate are not written', () => {
    expect(group('MaybeTemplate').nodeRole).toBeUndefined();
    expect(group('Bare').nodeRole).toBeUndefined();
    expect(group('Bare').launchTemplate).toBeUndefined();
  });
});
