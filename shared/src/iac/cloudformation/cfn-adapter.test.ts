import type { Site } from '../model/attr';
import type { Resource, ResourceKind, ResourceOfKind } from '../model/resources';
import { adaptTemplate } from './cfn-adapter';
import { parseTemplate } from './cfn-template';

const PATH = 'stack/template.yaml';

function adapt(lines: readonly string[], path = PATH): Resource[] {
  const parsed = parseTemplate(path, lines.join('\n'));
  if (!parsed) throw new Error('not a template');
  expect(parsed.errors).toEqual([]);
  return adaptTemplate(path, parsed.template);
}

function find<K extends ResourceKind>(resources: readonly Resource[], address: string, kind: K): ResourceOfKind<K> {
  const resource = resources.find((r) => r.address === address);
  if (resource?.kind !== kind) throw new Error(`${address} is not a ${kind}`);
  return resource as ResourceOfKind<K>;
}

/** The site of `text` on a 1-based line of the fixture (the `nth` occurrence), as the adapter must report it. */
function token(lines: readonly string[], line: number, text: string, nth = 1): Site {
  let column = -1;
  for (let i = 0; i < nth; i++) column = lines[line - 1]!.indexOf(text, column + 1);
  if (column < 0) throw new Error(`no ${text} on line ${line}`);
  return { location: { path: PATH, startLine: line, startColumn: column + 1, endLine: line, endColumn: column + 1 + text.length } };
}

const EC2 = [
  "AWSTemplateFormatVersion: '2010-09-09'", // 1
  'Parameters:', // 2
  '  Tokens: { Type: String }', // 3
  'Conditions:', // 4
  '  Secure: !Equals [!Ref Tokens, required]', // 5
  'Resources:', // 6
  '  Template:', // 7
  '    Type: AWS::EC2::LaunchTemplate', // 8
  '    Properties:', // 9
  '      LaunchTemplateName: web-lt', // 10
  '      LaunchTemplateData:', // 11
  '        ImageId: ami-0abc', // 12
  '        IamInstanceProfile:', // 13
  '          Arn: !GetAtt Profile.Arn', // 14
  '        MetadataOptions:', // 15
  '          HttpTokens: required', // 16
  '          HttpEndpoint: enabled', // 17
  '  Profile:', // 18
  '    Type: AWS::IAM::InstanceProfile', // 19
  '    Properties:', // 20
  '      InstanceProfileName: web', // 21
  '      Roles: [web]', // 22
  '  Web:', // 23
  '    Type: AWS::EC2::Instance', // 24
  '    Properties:', // 25
  '      LaunchTemplate:', // 26
  '        LaunchTemplateId: !Ref Template', // 27
  '        Version: !GetAtt Template.LatestVersionNumber', // 28
  '  Bare:', // 29
  '    Type: AWS::EC2::Instance', // 30
  '    Properties:', // 31
  '      ImageId: ami-0def', // 32
  '      IamInstanceProfile: web', // 33
  '  Own:', // 34
  '    Type: AWS::EC2::Instance', // 35
  '    Properties:', // 36
  '      ImageId: !Ref Tokens', // 37
  '      MetadataOptions:', // 38
  '        HttpTokens: !If [Secure, required, optional]', // 39
  '        HttpEndpoint: disabled', // 40
  '  Config:', // 41
  '    Type: AWS::AutoScaling::LaunchConfiguration', // 42
  '    Properties:', // 43
  '      LaunchConfigurationName: web-lc', // 44
  '      ImageId: ami-0abc', // 45
  '      IamInstanceProfile: !Ref Profile', // 46
  '      MetadataOptions:', // 47
  '        HttpTokens: optional', // 48
  '  GroupByTemplate:', // 49
  '    Type: AWS::AutoScaling::AutoScalingGroup', // 50
  '    Properties:', // 51
  '      LaunchTemplate:', // 52
  '        LaunchTemplateName: web-lt', // 53
  "        Version: '1'", // 54
  '  GroupByConfig:', // 55
  '    Type: AWS::AutoScaling::AutoScalingGroup', // 56
  '    Properties:', // 57
  '      LaunchConfigurationName: !Ref Config', // 58
  '  GroupMixed:', // 59
  '    Type: AWS::AutoScaling::AutoScalingGroup', // 60
  '    Properties:', // 61
  '      MixedInstancesPolicy:', // 62
  '        LaunchTemplate:', // 63
  '          LaunchTemplateSpecification:', // 64
  '            LaunchTemplateId: lt-0123456789abcdef0', // 65
  '',
];

describe('adaptTemplate: EC2 and Auto Scaling', () => {
  const resources = adapt(EC2);

  it('maps only modelled types, with the logical id as address and name', () => {
    expect(resources.map((r) => [r.address, r.kind])).toEqual([
      ['Template', 'launch-template'],
      ['Profile', 'instance-profile'],
      ['Web', 'ec2-instance'],
      ['Bare', 'ec2-instance'],
      ['Own', 'ec2-instance'],
      ['Config', 'launch-configuration'],
      ['GroupByTemplate', 'autoscaling-group'],
      ['GroupByConfig', 'autoscaling-group'],
      ['GroupMixed', 'autoscaling-group'],
    ]);
    expect(find(resources, 'Web', 'ec2-instance')).toMatchObject({
      address: 'Web',
      name: 'Web',
      type: 'AWS::EC2::Instance',
      origin: 'cloudformation',
      site: { location: { path: PATH, startLine: 23, startColumn: 3, endLine: 28, endColumn: 54 } },
    });
  });

  it('reads a launch template: IMDS settings set at their values, the instance profile linked by ARN', () => {
    const lt = find(resources, 'Template', 'launch-template');
    expect(lt.httpTokens).toEqual({
      state: 'set',
      value: 'required',
      at: { location: { path: PATH, startLine: 16, startColumn: 23, endLine: 16, endColumn: 31 } },
    });
    expect(lt.httpEndpoint).toEqual({ state: 'set', value: 'enabled', at: token(EC2, 17, 'enabled') });
    expect(lt.ami).toEqual({ state: 'set', value: 'ami-0abc', at: token(EC2, 12, 'ami-0abc') });
    expect(lt.instanceProfile).toEqual({ target: 'Profile', at: token(EC2, 14, '!GetAtt Profile.Arn') });
  });

  it('links an instance to its launch template and leaves IMDS to the template', () => {
    const web = find(resources, 'Web', 'ec2-instance');
    expect(web.launchTemplate).toEqual({ target: 'Template', at: token(EC2, 27, '!Ref Template') });
    expect(web.httpTokens).toEqual({ state: 'absent', at: web.site });
    expect(web.httpEndpoint).toEqual({ state: 'absent', at: web.site });
    expect(web.ami).toEqual({ state: 'absent', at: web.site });
  });

  it('leaves omitted HttpTokens absent and defaults HttpEndpoint on an instance without a template', () => {
    const bare = find(resources, 'Bare', 'ec2-instance');
    expect(bare.httpTokens).toEqual({ state: 'absent', at: bare.site });
    expect(bare.httpEndpoint).toEqual({
      state: 'default',
      value: 'enabled',
      at: { location: { path: PATH, startLine: 29, startColumn: 3, endLine: 33, endColumn: 30 } },
      default: 'CloudFormation default: HttpEndpoint enabled',
    });
    expect(bare.launchTemplate).toBeUndefined();
    expect(bare.instanceProfile).toEqual({ target: 'Profile', at: token(EC2, 33, 'web') });
  });

  it("reads an instance's own MetadataOptions, unknown when a condition is undecidable", () => {
    const own = find(resources, 'Own', 'ec2-instance');
    expect(own.httpTokens).toEqual({
      state: 'unknown',
      at: token(EC2, 39, '!If [Secure, required, optional]'),
      reason: 'Fn::If on condition Secure is undecidable (parameter Tokens has no Default)',
    });
    expect(own.httpEndpoint).toEqual({ state: 'set', value: 'disabled', at: token(EC2, 40, 'disabled') });
    expect(own.ami).toEqual({ state: 'unknown', at: token(EC2, 37, '!Ref Tokens'), reason: 'parameter Tokens has no Default' });
  });

  it('reads a launch configuration', () => {
    const config = find(resources, 'Config', 'launch-configuration');
    expect(config.httpTokens).toEqual({ state: 'set', value: 'optional', at: token(EC2, 48, 'optional') });
    expect(config.httpEndpoint).toMatchObject({ state: 'default', value: 'enabled', at: config.site });
    expect(config.instanceProfile).toEqual({ target: 'Profile', at: token(EC2, 46, '!Ref Profile') });
  });

  it('links Auto Scaling groups by template name, by launch configuration and in a mixed-instances policy', () => {
    expect(find(resources, 'GroupByTemplate', 'autoscaling-group').launchTemplate).toEqual({ target: 'Template', at: token(EC2, 53, 'web-lt') });
    expect(find(resources, 'GroupByConfig', 'autoscaling-group').launchConfiguration).toEqual({
      target: 'Config',
      at: token(EC2, 58, '!Ref Config'),
    });
    expect(find(resources, 'GroupMixed', 'autoscaling-group').launchTemplate).toEqual({
      unresolved: 'launch template lt-0123456789abcdef0 is not defined in this template',
      at: token(EC2, 65, 'lt-0123456789abcdef0'),
    });
  });

  it('takes launch template settings from parameters with defaults and mappings', () => {
    const lines = [
      'Parameters:',
      '  Tokens: { Type: String, Default: required }',
      'Mappings:',
      '  Env: { prod: { Endpoint: disabled } }',
      'Resources:',
      '  T:',
      '    Type: AWS::EC2::LaunchTemplate',
      '    Properties:',
      '      LaunchTemplateData:',
      '        MetadataOptions:',
      '          HttpTokens: !Ref Tokens',
      '          HttpEndpoint: !FindInMap [Env, prod, Endpoint]',
    ];
    const t = find(adapt(lines), 'T', 'launch-template');
    expect(t.httpTokens).toEqual({ state: 'set', value: 'required', at: token(lines, 11, '!Ref Tokens') });
    expect(t.httpEndpoint).toEqual({ state: 'set', value: 'disabled', at: token(lines, 12, '!FindInMap [Env, prod, Endpoint]') });
  });

  it('treats a MetadataOptions block removed with AWS::NoValue as not written', () => {
    const lines = [
      'Conditions:',
      "  Never: !Equals [a, b]",
      'Resources:',
      '  T:',
      '    Type: AWS::EC2::LaunchTemplate',
      '    Properties:',
      '      LaunchTemplateData:',
      '        MetadataOptions: !If [Never, { HttpTokens: required }, !Ref AWS::NoValue]',
    ];
    const t = find(adapt(lines), 'T', 'launch-template');
    expect(t.httpTokens).toEqual({ state: 'absent', at: t.site });
    expect(t.httpEndpoint).toMatchObject({ state: 'default', value: 'enabled' });
  });
});

const S3 = [
  'Parameters:', // 1
  '  Acl: { Type: String }', // 2
  'Resources:', // 3
  '  Site:', // 4
  '    Type: AWS::S3::Bucket', // 5
  '    Properties:', // 6
  '      BucketName: my-site', // 7
  '      AccessControl: PublicRead', // 8
  '      WebsiteConfiguration:', // 9
  '        IndexDocument: index.html', // 10
  '      PublicAccessBlockConfiguration:', // 11
  '        BlockPublicAcls: true', // 12
  "        BlockPublicPolicy: 'false'", // 13
  '        IgnorePublicAcls: !Ref Acl', // 14
  '  Plain:', // 15
  '    Type: AWS::S3::Bucket', // 16
  '  Policy:', // 17
  '    Type: AWS::S3::BucketPolicy', // 18
  '    Properties:', // 19
  '      Bucket: my-site', // 20
  '      PolicyDocument:', // 21
  '        Statement:', // 22
  '          - Effect: Allow', // 23
  "            Principal: '*'", // 24
  '            Action: s3:GetObject', // 25
  "            Resource: !Sub 'arn:aws:s3:::${Site}/*'", // 26
  '  RefPolicy:', // 27
  '    Type: AWS::S3::BucketPolicy', // 28
  '    Properties:', // 29
  '      Bucket: !Ref Plain', // 30
  '      PolicyDocument: !If [Maybe, { Statement: [] }, { Statement: [{ Effect: Deny }] }]', // 31
  'Conditions:', // 32
  '  Maybe: !Equals [!Ref Acl, x]', // 33
  '',
];

describe('adaptTemplate: S3', () => {
  const resources = adapt(S3);

  it('reads a bucket: name, canned ACL, website and the inline public access block', () => {
    const site = find(resources, 'Site', 's3-bucket');
    expect(site.bucketName).toEqual({ state: 'set', value: 'my-site', at: token(S3, 7, 'my-site') });
    expect(site.acl).toEqual({ state: 'set', value: 'public-read', at: token(S3, 8, 'PublicRead') });
    expect(site.website).toEqual({
      state: 'set',
      value: true,
      at: { location: { path: PATH, startLine: 10, startColumn: 9, endLine: 10, endColumn: 34 } },
    });
    expect(site.publicAccessBlock).toEqual({
      blockPublicAcls: { state: 'set', value: true, at: token(S3, 12, 'true') },
      blockPublicPolicy: { state: 'set', value: false, at: token(S3, 13, "'false'") },
      ignorePublicAcls: { state: 'unknown', at: token(S3, 14, '!Ref Acl'), reason: 'parameter Acl has no Default' },
      restrictPublicBuckets: { state: 'default', value: false, at: site.site, default: 'CloudFormation default: RestrictPublicBuckets false' },
      at: { location: { path: PATH, startLine: 12, startColumn: 9, endLine: 14, endColumn: 35 } },
    });
  });

  it('defaults an empty bucket: private ACL, no website, no public access block, generated name', () => {
    const plain = find(resources, 'Plain', 's3-bucket');
    const at = { location: { path: PATH, startLine: 15, startColumn: 3, endLine: 16, endColumn: 26 } };
    expect(plain.site).toEqual(at);
    expect(plain).toMatchObject({
      bucketName: { state: 'absent', at },
      acl: { state: 'default', value: 'private', at, default: 'CloudFormation default: AccessControl Private' },
      website: { state: 'default', value: false, at, default: 'CloudFormation default: no WebsiteConfiguration' },
    });
    expect(plain.publicAccessBlock).toBeUndefined();
  });

  it('reads a bucket policy linked by bucket name, with its statements at their positions', () => {
    const policy = find(resources, 'Policy', 's3-bucket-policy');
    expect(policy.bucket).toEqual({ target: 'Site', at: token(S3, 20, 'my-site') });
    const statement = { location: { path: PATH, startLine: 23, startColumn: 13, endLine: 26, endColumn: 52 } };
    expect(policy.policy).toEqual({
      state: 'set',
      value: {
        statements: [
          {
            effect: 'Allow',
            principals: { '*': ['*'] },
            actions: ['s3:GetObject'],
            notActions: [],
            resources: ['arn:aws:s3:::${Site}/*'],
            notResources: [],
            conditions: {},
            partial: false,
            at: statement,
          },
        ],
        at: { location: { path: PATH, startLine: 22, startColumn: 9, endLine: 26, endColumn: 52 } },
      },
      at: { location: { path: PATH, startLine: 22, startColumn: 9, endLine: 26, endColumn: 52 } },
    });
  });

  it('links a bucket policy by Ref and leaves an undecidable document unknown', () => {
    const policy = find(resources, 'RefPolicy', 's3-bucket-policy');
    expect(policy.bucket).toEqual({ target: 'Plain', at: token(S3, 30, '!Ref Plain') });
    expect(policy.policy).toEqual({
      state: 'unknown',
      at: token(S3, 31, '!If [Maybe, { Statement: [] }, { Statement: [{ Effect: Deny }] }]'),
      reason: 'Fn::If on condition Maybe is undecidable (parameter Acl has no Default)',
    });
  });
});

const EKS = [
  'Parameters:', // 1
  '  Public: { Type: String, Default: "false" }', // 2
  '  Cidr: { Type: String }', // 3
  'Resources:', // 4
  '  Open:', // 5
  '    Type: AWS::EKS::Cluster', // 6
  '    Properties:', // 7
  '      RoleArn: arn:aws:iam::123456789012:role/eks', // 8
  '      ResourcesVpcConfig:', // 9
  '        SubnetIds: [subnet-1]', // 10
  '  Closed:', // 11
  '    Type: AWS::EKS::Cluster', // 12
  '    Properties:', // 13
  '      ResourcesVpcConfig:', // 14
  '        EndpointPublicAccess: !Ref Public', // 15
  '        PublicAccessCidrs: [203.0.113.0/24]', // 16
  '  Partly:', // 17
  '    Type: AWS::EKS::Cluster', // 18
  '    Properties:', // 19
  '      ResourcesVpcConfig:', // 20
  '        EndpointPublicAccess: "TRUE"', // 21
  '        PublicAccessCidrs: [203.0.113.0/24, !Ref Cidr]', // 22
  '',
];

describe('adaptTemplate: EKS', () => {
  const resources = adapt(EKS);

  it('defaults an omitted endpoint to public from anywhere, at the resource', () => {
    const open = find(resources, 'Open', 'eks-cluster');
    const at = { location: { path: PATH, startLine: 5, startColumn: 3, endLine: 10, endColumn: 30 } };
    expect(open.site).toEqual(at);
    expect(open.endpointPublicAccess).toEqual({ state: 'default', value: true, at, default: 'CloudFormation default: EndpointPublicAccess true' });
    expect(open.publicAccessCidrs).toEqual({ state: 'default', value: ['0.0.0.0/0'], at, default: 'CloudFormation default: PublicAccessCidrs 0.0.0.0/0' });
  });

  it('reads explicit values, parameter defaults and string booleans', () => {
    const closed = find(resources, 'Closed', 'eks-cluster');
    expect(closed.endpointPublicAccess).toEqual({ state: 'set', value: false, at: token(EKS, 15, '!Ref Public') });
    expect(closed.publicAccessCidrs).toEqual({ state: 'set', value: ['203.0.113.0/24'], at: token(EKS, 16, '[203.0.113.0/24]') });
    expect(find(resources, 'Partly', 'eks-cluster').endpointPublicAccess).toMatchObject({ state: 'set', value: true });
  });

  it('makes a CIDR list with an unresolved member unknown', () => {
    expect(find(resources, 'Partly', 'eks-cluster').publicAccessCidrs).toEqual({
      state: 'unknown',
      at: token(EKS, 22, '[203.0.113.0/24, !Ref Cidr]'),
      reason: 'parameter Cidr has no Default',
    });
  });
});

const IAM = [
  'Resources:', // 1
  '  Deployer:', // 2
  '    Type: AWS::IAM::User', // 3
  '    Properties:', // 4
  '      UserName: deployer', // 5
  '  Human:', // 6
  '    Type: AWS::IAM::User', // 7
  '    Properties:', // 8
  '      LoginProfile:', // 9
  '        Password: "{{resolve:secretsmanager:pw}}"', // 10
  '  DeployerKey:', // 11
  '    Type: AWS::IAM::AccessKey', // 12
  '    Properties:', // 13
  '      UserName: !Ref Deployer', // 14
  '  HumanKey:', // 15
  '    Type: AWS::IAM::AccessKey', // 16
  '    Properties:', // 17
  '      UserName: !Ref Human', // 18
  '      Status: Inactive', // 19
  '  LiteralKey:', // 20
  '    Type: AWS::IAM::AccessKey', // 21
  '    Properties:', // 22
  '      UserName: ci-bot', // 23
  '      Status: Disabled', // 24
  '',
];

describe('adaptTemplate: IAM', () => {
  const resources = adapt(IAM);

  it('models access keys as static credentials with owner and status', () => {
    const key = find(resources, 'DeployerKey', 'static-credential');
    expect(key).toMatchObject({ provider: 'aws', credential: 'IAM access key', type: 'AWS::IAM::AccessKey' });
    // The owner is the name the referenced user declares, where it declares it.
    expect(key.owner).toEqual({ state: 'set', value: 'deployer', at: token(IAM, 5, 'deployer') });
    expect(key.active).toEqual({ state: 'default', value: true, at: key.site, default: 'CloudFormation default: Status Active' });
    const human = find(resources, 'HumanKey', 'static-credential');
    expect(human.owner).toEqual({ state: 'unknown', at: token(IAM, 18, '!Ref Human'), reason: 'the name of user Human is known only at deploy time' });
    expect(human.active).toEqual({ state: 'set', value: false, at: token(IAM, 19, 'Inactive') });
    const literal = find(resources, 'LiteralKey', 'static-credential');
    expect(literal.owner).toEqual({ state: 'set', value: 'ci-bot', at: token(IAM, 23, 'ci-bot') });
    expect(literal.active).toEqual({ state: 'unknown', at: token(IAM, 24, 'Disabled'), reason: 'Status Disabled is neither Active nor Inactive' });
  });

  it('models a user with a LoginProfile as a console login, and ignores other users', () => {
    expect(resources.filter((r) => r.kind === 'console-login').map((r) => r.address)).toEqual(['Human']);
    const human = find(resources, 'Human', 'console-login');
    expect(human.site).toEqual({ location: { path: PATH, startLine: 6, startColumn: 3, endLine: 10, endColumn: 50 } });
    expect(human.user).toEqual({ state: 'absent', at: human.site });
  });
});

describe('adaptTemplate: conditions and formats', () => {
  it('leaves out a resource whose Condition is false with the defaults, and keeps an undecidable one', () => {
    const lines = [
      'Parameters:',
      '  Env: { Type: String, Default: dev }',
      '  Other: { Type: String }',
      'Conditions:',
      '  IsProd: !Equals [!Ref Env, prod]',
      '  Maybe: !Equals [!Ref Other, x]',
      'Resources:',
      '  ProdOnly:',
      '    Type: AWS::S3::Bucket',
      '    Condition: IsProd',
      '  MaybeBucket:',
      '    Type: AWS::S3::Bucket',
      '    Condition: Maybe',
    ];
    expect(adapt(lines).map((r) => r.address)).toEqual(['MaybeBucket']);
  });

  it('gives the same model for a JSON template, at JSON positions', () => {
    const json = JSON.stringify(
      {
        Resources: {
          T: {
            Type: 'AWS::EC2::LaunchTemplate',
            Properties: { LaunchTemplateData: { MetadataOptions: { HttpTokens: { 'Fn::If': ['C', 'required', 'optional'] } } } },
          },
        },
        Conditions: { C: { 'Fn::Equals': ['a', 'a'] } },
      },
      null,
      2,
    );
    const lines = json.split('\n');
    const t = find(adapt(lines), 'T', 'launch-template');
    expect(t.httpTokens).toEqual({ state: 'set', value: 'required', at: token(lines, 11, '"required"') });
    expect(t.httpEndpoint).toMatchObject({ state: 'default', value: 'enabled', at: { location: { startLine: 3, startColumn: 5 } } });
  });
});

describe('adaptTemplate: remaining states', () => {
  const lines = [
    'Parameters:', // 1
    '  Free: { Type: String }', // 2
    'Conditions:', // 3
    '  Maybe: !Equals [!Ref Free, x]', // 4
    'Resources:', // 5
    '  Config:', // 6
    '    Type: AWS::AutoScaling::LaunchConfiguration', // 7
    '    Properties:', // 8
    '      ImageId: !Ref Free', // 9
    '      MetadataOptions:', // 10
    '        HttpEndpoint: !Ref Free', // 11
    '  Template:', // 12
    '    Type: AWS::EC2::LaunchTemplate', // 13
    '    Properties:', // 14
    '      LaunchTemplateData: !If [Maybe, { ImageId: ami-1 }, { ImageId: ami-2 }]', // 15
    '  Key:', // 16
    '    Type: AWS::IAM::AccessKey', // 17
    '  Named:', // 18
    '    Type: AWS::IAM::User', // 19
    '    Properties:', // 20
    '      UserName: alice', // 21
    '      LoginProfile: { Password: x }', // 22
    '  MaybeLogin:', // 23
    '    Type: AWS::IAM::User', // 24
    '    Properties:', // 25
    '      LoginProfile: !If [Maybe, { Password: x }, !Ref AWS::NoValue]', // 26
    '',
  ];
  const resources = adapt(lines);

  it('a launch configuration: absent tokens, unknown endpoint and AMI', () => {
    const config = find(resources, 'Config', 'launch-configuration');
    expect(config.httpTokens).toEqual({ state: 'absent', at: config.site });
    expect(config.httpEndpoint).toEqual({ state: 'unknown', at: token(lines, 11, '!Ref Free'), reason: 'parameter Free has no Default' });
    expect(config.ami).toEqual({ state: 'unknown', at: token(lines, 9, '!Ref Free'), reason: 'parameter Free has no Default' });
  });

  it('a launch template whose whole data block is undecidable: every setting unknown', () => {
    const template = find(resources, 'Template', 'launch-template');
    const unknown = {
      state: 'unknown',
      at: token(lines, 15, '!If [Maybe, { ImageId: ami-1 }, { ImageId: ami-2 }]'),
      reason: 'Fn::If on condition Maybe is undecidable (parameter Free has no Default)',
    };
    expect(template.httpTokens).toEqual(unknown);
    expect(template.httpEndpoint).toEqual(unknown);
    expect(template.ami).toEqual(unknown);
  });

  it('an access key without UserName: owner absent', () => {
    const key = find(resources, 'Key', 'static-credential');
    expect(key.owner).toEqual({ state: 'absent', at: key.site });
  });

  it('console logins: a named user is set, an undecidable LoginProfile makes the user unknown', () => {
    expect(find(resources, 'Named', 'console-login').user).toEqual({ state: 'set', value: 'alice', at: token(lines, 21, 'alice') });
    expect(find(resources, 'MaybeLogin', 'console-login').user).toEqual({
      state: 'unknown',
      at: token(lines, 26, '!If [Maybe, { Password: x }, !Ref AWS::NoValue]'),
      reason: 'LoginProfile: Fn::If on condition Maybe is undecidable (parameter Free has no Default)',
    });
  });
});
