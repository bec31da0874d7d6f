import type { Link, Site } from '../model/attr';
import type { Resource } from '../model/resources';
import { adaptTemplate } from './cfn-adapter';
import { parseTemplate } from './cfn-template';

const PATH = 'stack/links.yaml';

const LINKS = [
  'Parameters:', // 1
  '  Free: { Type: String }', // 2
  '  Name: { Type: String, Default: web }', // 3
  'Resources:', // 4
  '  Role:', // 5
  '    Type: AWS::IAM::Role', // 6
  '    Properties:', // 7
  '      RoleName: web', // 8
  '  Custom:', // 9
  '    Type: Custom::RoleMaker', // 10
  '  Profile:', // 11
  '    Type: AWS::IAM::InstanceProfile', // 12
  '    Properties:', // 13
  '      InstanceProfileName: web-profile', // 14
  '      Roles: [web]', // 15
  '  ByGetAtt:', // 16
  '    Type: AWS::EKS::Nodegroup', // 17
  '    Properties:', // 18
  '      NodeRole: !GetAtt Role.Arn', // 19
  '  ByRef:', // 20
  '    Type: AWS::EKS::Nodegroup', // 21
  '    Properties:', // 22
  '      NodeRole: !Ref Role', // 23
  '  ByArn:', // 24
  '    Type: AWS::EKS::Nodegroup', // 25
  '    Properties:', // 26
  '      NodeRole: arn:aws:iam::111122223333:role/ops/web', // 27
  '  Outside:', // 28
  '    Type: AWS::EKS::Nodegroup', // 29
  '    Properties:', // 30
  '      NodeRole: arn:aws:iam::111122223333:role/other', // 31
  '  SubRef:', // 32
  '    Type: AWS::EKS::Nodegroup', // 33
  '    Properties:', // 34
  "      NodeRole: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${Role}'", // 35
  '  SubName:', // 36
  '    Type: AWS::EKS::Nodegroup', // 37
  '    Properties:', // 38
  "      NodeRole: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/other'", // 39
  '  SubDefault:', // 40
  '    Type: AWS::EKS::Nodegroup', // 41
  '    Properties:', // 42
  "      NodeRole: !Sub 'arn:aws:iam::${AWS::AccountId}:role/${Name}'", // 43
  '  SubFree:', // 44
  '    Type: AWS::EKS::Nodegroup', // 45
  '    Properties:', // 46
  "      NodeRole: !Sub 'arn:aws:iam::${AWS::AccountId}:role/${Free}'", // 47
  '  FromParameter:', // 48
  '    Type: AWS::EKS::Nodegroup', // 49
  '    Properties:', // 50
  '      NodeRole: !Ref Free', // 51
  '  FromCustom:', // 52
  '    Type: AWS::EKS::Nodegroup', // 53
  '    Properties:', // 54
  '      NodeRole: !GetAtt Custom.RoleArn', // 55
  '  Imported:', // 56
  '    Type: AWS::EKS::Nodegroup', // 57
  '    Properties:', // 58
  '      NodeRole: !ImportValue shared-node-role', // 59
  '  NotRole:', // 60
  '    Type: AWS::EKS::Nodegroup', // 61
  '    Properties:', // 62
  '      NodeRole: arn:aws:s3:::bucket', // 63
  '  NotName:', // 64
  '    Type: AWS::EKS::Nodegroup', // 65
  '    Properties:', // 66
  '      NodeRole: { Name: web }', // 67
  '  WrongType:', // 68
  '    Type: AWS::EC2::Instance', // 69
  '    Properties:', // 70
  '      IamInstanceProfile: !Ref Role', // 71
  '  ProfileByName:', // 72
  '    Type: AWS::EC2::Instance', // 73
  '    Properties:', // 74
  '      IamInstanceProfile: web-profile', // 75
  '  ProfileOutside:', // 76
  '    Type: AWS::EC2::Instance', // 77
  '    Properties:', // 78
  '      IamInstanceProfile: shared-profile', // 79
  '  ProfileByArn:', // 80
  '    Type: AWS::EC2::LaunchTemplate', // 81
  '    Properties:', // 82
  '      LaunchTemplateData:', // 83
  '        IamInstanceProfile:', // 84
  "          Arn: !Sub 'arn:aws:iam::${AWS::AccountId}:instance-profile/${Profile}'", // 85
  '',
];

function adapt(lines: readonly string[]): Resource[] {
  const parsed = parseTemplate(PATH, lines.join('\n'));
  if (!parsed) throw new Error('not a template');
  expect(parsed.errors).toEqual([]);
  return adaptTemplate(PATH, parsed.template);
}

/** The site of `text` on a 1-based line of the fixture. */
function token(line: number, text: string): Site {
  const column = LINKS[line - 1]!.indexOf(text);
  if (column < 0) throw new Error(`no ${text} on line ${line}`);
  return { location: { path: PATH, startLine: line, startColumn: column + 1, endLine: line, endColumn: column + 1 + text.length } };
}

/** The role or instance profile link of a resource. */
function linkOf(resources: readonly Resource[], address: string): Link | undefined {
  const r = resources.find((x) => x.address === address);
  switch (r?.kind) {
    case 'eks-node-group':
      return r.nodeRole;
    case 'instance-profile':
      return r.role;
    case 'ec2-instance':
    case 'launch-template':
      return r.instanceProfile;
    default:
      throw new Error(`${address} has no role or profile link`);
  }
}

describe('namedLink: roles and instance profiles', () => {
  const resources = adapt(LINKS);
  const link = (address: string) => linkOf(resources, address);

  it('links a Ref or Fn::GetAtt of the resource, a name it declares, and an ARN with that name', () => {
    expect(link('ByGetAtt')).toEqual({ target: 'Role', at: token(19, '!GetAtt Role.Arn') });
    expect(link('ByRef')).toEqual({ target: 'Role', at: token(23, '!Ref Role') });
    expect(link('Profile')).toEqual({ target: 'Role', at: token(15, 'web') });
    // The path is not part of the name.
    expect(link('ByArn')).toEqual({ target: 'Role', at: token(27, 'arn:aws:iam::111122223333:role/ops/web') });
  });

  it('links a name that no resource of the template declares to a resource outside it', () => {
    expect(link('Outside')).toEqual({ target: 'name:arn:aws:iam::111122223333:role/other', at: token(31, 'arn:aws:iam::111122223333:role/other') });
    expect(link('ProfileOutside')).toEqual({ target: 'name:shared-profile', at: token(79, 'shared-profile') });
    expect(link('ProfileByName')).toEqual({ target: 'Profile', at: token(75, 'web-profile') });
  });

  it('reads the name part of an ARN built with Fn::Sub: a reference, a literal, a parameter default', () => {
    expect(link('SubRef')).toEqual({ target: 'Role', at: token(35, "!Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${Role}'") });
    expect(link('SubName')).toEqual({ target: 'name:other', at: token(39, "!Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/other'") });
    expect(link('SubDefault')).toEqual({ target: 'Role', at: token(43, "!Sub 'arn:aws:iam::${AWS::AccountId}:role/${Name}'") });
    expect(link('ProfileByArn')).toEqual({ target: 'Profile', at: token(85, "!Sub 'arn:aws:iam::${AWS::AccountId}:instance-profile/${Profile}'") });
  });

  it('leaves what could be anything unresolved, with the reason', () => {
    expect(link('SubFree')).toEqual({ unresolved: 'parameter Free has no Default', at: token(47, "!Sub 'arn:aws:iam::${AWS::AccountId}:role/${Free}'") });
    expect(link('FromParameter')).toEqual({ unresolved: 'parameter Free has no Default', at: token(51, '!Ref Free') });
    expect(link('Imported')).toEqual({
      unresolved: 'Fn::ImportValue shared-node-role is read from another stack at deploy time',
      at: token(59, '!ImportValue shared-node-role'),
    });
  });

  it('does not link a resource of another type, an ARN of another kind, or a map', () => {
    expect(link('FromCustom')).toEqual({
      unresolved: 'the role comes from Custom (Custom::RoleMaker), not from an AWS::IAM::Role',
      at: token(55, '!GetAtt Custom.RoleArn'),
    });
    expect(link('WrongType')).toEqual({
      unresolved: 'the instance profile comes from Role (AWS::IAM::Role), not from an AWS::IAM::InstanceProfile',
      at: token(71, '!Ref Role'),
    });
    expect(link('NotRole')).toEqual({ unresolved: 'arn:aws:s3:::bucket is not an ARN of an IAM role', at: token(63, 'arn:aws:s3:::bucket') });
    expect(link('NotName')).toEqual({ unresolved: 'the role is not a name or an ARN', at: token(67, '{ Name: web }') });
  });
});
