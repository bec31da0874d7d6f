import { scanCloudFormation } from './index';

const SHORT = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: { Type: String, Default: prod }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        MetadataOptions:
          HttpTokens: !If [IsProd, required, optional]
  Web:
    Type: AWS::EC2::Instance
    Properties:
      LaunchTemplate:
        LaunchTemplateId: !Ref Template
        Version: !GetAtt Template.LatestVersionNumber
  Cluster:
    Type: AWS::EKS::Cluster
    Properties:
      ResourcesVpcConfig:
        EndpointPublicAccess: !Equals [!Ref Env, dev]
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: !Sub '\${Bucket.Arn}/*'
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Join ['-', [site, !Ref Env]]
`;

const LONG = {
  AWSTemplateFormatVersion: '2010-09-09',
  Parameters: { Env: { Type: 'String', Default: 'prod' } },
  Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
  Resources: {
    Template: {
      Type: 'AWS::EC2::LaunchTemplate',
      Properties: { LaunchTemplateData: { MetadataOptions: { HttpTokens: { 'Fn::If': ['IsProd', 'required', 'optional'] } } } },
    },
    Web: {
      Type: 'AWS::EC2::Instance',
      Properties: {
        LaunchTemplate: { LaunchTemplateId: { Ref: 'Template' }, Version: { 'Fn::GetAtt': ['Template', 'LatestVersionNumber'] } },
      },
    },
    Cluster: { Type: 'AWS::EKS::Cluster', Properties: { ResourcesVpcConfig: { EndpointPublicAccess: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] } } } },
    Policy: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: 'Bucket' },
        PolicyDocument: {
          Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: { 'Fn::Sub': '${Bucket.Arn}/*' } }],
        },
      },
    },
    Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Join': ['-', ['site', { Ref: 'Env' }]] } } },
  },
};

/** The model without positions. */
function withoutPositions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPositions);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'at' && key !== 'site')
        .map(([key, v]) => [key, withoutPositions(v)]),
    );
  }
  return value;
}

describe('scanCloudFormation', () => {
  it('gives the same resources for short-form YAML, long-form YAML and JSON', () => {
    const short = scanCloudFormation('a.yaml', SHORT);
    const json = scanCloudFormation('a.json', JSON.stringify(LONG, null, 2));
    const minified = scanCloudFormation('a.json', JSON.stringify(LONG));
    expect(short?.errors).toEqual([]);
    expect(json?.errors).toEqual([]);
    expect(short?.resources).toHaveLength(5);
    expect(withoutPositions(short)).toEqual(withoutPositions(json));
    expect(withoutPositions(minified)).toEqual(withoutPositions(json));
  });

  it('resolves the whole chain: conditions, links and defaults', () => {
    const result = scanCloudFormation('a.yaml', SHORT);
    expect(withoutPositions(result?.resources)).toEqual([
      {
        address: 'Template',
        name: 'Template',
        type: 'AWS::EC2::LaunchTemplate',
        origin: 'cloudformation',
        kind: 'launch-template',
        httpTokens: { state: 'set', value: 'required' },
        httpEndpoint: { state: 'default', value: 'enabled', default: 'CloudFormation default: HttpEndpoint enabled' },
        ami: { state: 'absent' },
      },
      {
        address: 'Web',
        name: 'Web',
        type: 'AWS::EC2::Instance',
        origin: 'cloudformation',
        kind: 'ec2-instance',
        httpTokens: { state: 'absent' },
        httpEndpoint: { state: 'absent' },
        ami: { state: 'absent' },
        launchTemplate: { target: 'Template' },
      },
      {
        address: 'Cluster',
        name: 'Cluster',
        type: 'AWS::EKS::Cluster',
        origin: 'cloudformation',
        kind: 'eks-cluster',
        endpointPublicAccess: { state: 'set', value: false },
        publicAccessCidrs: { state: 'default', value: ['0.0.0.0/0'], default: 'CloudFormation default: PublicAccessCidrs 0.0.0.0/0' },
      },
      {
        address: 'Policy',
        name: 'Policy',
        type: 'AWS::S3::BucketPolicy',
        origin: 'cloudformation',
        kind: 's3-bucket-policy',
        bucket: { target: 'Bucket' },
        policy: {
          state: 'set',
          value: {
            statements: [
              {
                effect: 'Allow',
                principals: { '*': ['*'] },
                actions: ['s3:GetObject'],
                notActions: [],
                resources: ['${Bucket.Arn}/*'],
                notResources: [],
                conditions: {},
                partial: false,
              },
            ],
          },
        },
      },
      {
        address: 'Bucket',
        name: 'Bucket',
        type: 'AWS::S3::Bucket',
        origin: 'cloudformation',
        kind: 's3-bucket',
        bucketName: { state: 'set', value: 'site-prod' },
        acl: { state: 'default', value: 'private', default: 'CloudFormation default: AccessControl Private' },
        website: { state: 'default', value: false, default: 'CloudFormation default: no WebsiteConfiguration' },
      },
    ]);
  });

  it('is undefined for files that are not templates', () => {
    expect(scanCloudFormation('.github/workflows/ci.yml', 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n')).toBeUndefined();
    expect(scanCloudFormation('k8s.yaml', 'apiVersion: apps/v1\nkind: Deployment\n')).toBeUndefined();
  });

  it('returns the errors beside the resources it could read', () => {
    const text = 'Resources:\n  NoType: {}\n  B:\n    Type: AWS::S3::Bucket\n    Properties: { AccessControl: !Private x }\n';
    const result = scanCloudFormation('a.yaml', text);
    expect(result?.errors).toEqual([
      {
        path: 'a.yaml',
        line: 5,
        column: 34,
        message: 'Unknown tag !Private: it is not a CloudFormation intrinsic function, so its value is treated as unknown.',
      },
      { path: 'a.yaml', line: 2, column: 3, message: 'Resource NoType has no Type.' },
    ]);
    expect(result?.resources).toMatchObject([{ address: 'B', acl: { state: 'unknown', reason: 'the intrinsic function Fn::Private is not supported' } }]);
  });

  it('never throws on any prefix of a template, nor on bytes spliced into it', () => {
    for (let end = 0; end <= SHORT.length; end += 3) expect(() => scanCloudFormation('a.yaml', SHORT.slice(0, end))).not.toThrow();
    const junk = ['\u0000', '\uFFFD', '{', ']', '!', '&a', '*a', '"', "'", '\t', ':', '- ', '%', '@', '`', '|', '>'];
    for (let at = 0; at < SHORT.length; at += 23) {
      for (const bytes of junk) expect(() => scanCloudFormation('a.yaml', SHORT.slice(0, at) + bytes + SHORT.slice(at))).not.toThrow();
    }
  });
});
