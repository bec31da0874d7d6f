import { shownValue, valueOf } from '../model/attr';
import type { PolicyStatement } from '../model/policy-document';
import type { OrganizationsPolicy, S3BucketPolicy, VpcEndpoint } from '../model/resources';
import { defineResourceRule } from './resource-rule';

// Confused-deputy keys for service principals (IAM User Guide, "The confused deputy problem").
const SOURCE_KEYS = /^aws:(?:SourceAccount|SourceArn|SourceOrgID|SourceOrgPaths)$/i;
// Data-perimeter keys that confine who or what an endpoint reaches (AWS data perimeter blueprints).
const PERIMETER_KEYS = /^aws:(?:PrincipalAccount|PrincipalOrgID|PrincipalOrgPaths|ResourceAccount|ResourceOrgID|ResourceOrgPaths)$/i;

const conditionKeys = (s: PolicyStatement) => Object.values(s.conditions).flatMap((byKey) => Object.keys(byKey));

const bucketPolicy = (statement: string) =>
  `resource "aws_s3_bucket_policy" "logs" {\n  bucket = "logs"\n  policy = jsonencode({ Statement = [${statement}] })\n}\n`;
const endpoint = (policy: string) =>
  `resource "aws_vpc_endpoint" "s3" {\n  vpc_id       = "vpc-1"\n  service_name = "com.amazonaws.eu-west-1.s3"\n${policy}}\n`;
const SCP = 'resource "aws_organizations_policy" "perimeter" {\n  name    = "perimeter"\n  type    = "RESOURCE_CONTROL_POLICY"\n  content = jsonencode({ Statement = [] })\n}\n';

export const dataPerimeterPolicies = defineResourceRule({
  id: 'data-perimeter-policies',
  guardrail: 'data-perimeter',
  title: 'Resource and endpoint policies keep data inside the perimeter',
  description:
    'Bucket policies that let an AWS service act on a bucket name the source account or resource; VPC endpoint policies (absent means full access) confine principals or resources to your accounts or organisation; SCPs and RCPs in the code are noted as the organisation-wide perimeter.',
  severity: 'medium',
  confidence: 'high',
  kinds: ['s3-bucket-policy', 'vpc-endpoint', 'organizations-policy'],
  messages: {
    serviceWithoutSource:
      '{{name}} lets the service `{{service}}` use the bucket without `aws:SourceAccount`, `aws:SourceArn` or `aws:SourceOrgID`: resources of that service in other accounts can write to or read it (confused deputy). Add `StringEquals = { "aws:SourceAccount" = "<your account>" }` or an `aws:SourceArn` condition.',
    endpointDefault:
      '{{name}} has no endpoint policy, so the default policy lets any principal reach any resource of {{service}} through it: data can leave to buckets or tables in other accounts. Add a `policy` with an `aws:ResourceOrgID` or `aws:PrincipalOrgID` condition.',
    endpointOpen:
      '{{name}}: the endpoint policy allows any principal on any resource with no `aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:ResourceOrgID` or `aws:ResourceAccount` condition, so data can leave through it. Add one of those conditions.',
    perimeter: '{{name}} is a {{kind}}: the organisation has {{side}} data perimeter in code. Keep it attached to the root or the OUs that hold workloads.',
  },
  remediation: {
    text: 'Add `aws:SourceAccount`/`aws:SourceArn` to service-principal grants, and `aws:PrincipalOrgID`/`aws:ResourceOrgID` conditions to VPC endpoint policies.',
    pavedRoad: 'The AWS data perimeter blueprints: an RCP for resources, an SCP for identities, and endpoint policies from a shared module.',
  },
  anchors: { Checkov: ['CKV_AWS_364', 'CKV_AWS_70'] },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
    'https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/building-a-data-perimeter-on-aws.html',
    'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html',
    'https://github.com/aws-samples/data-perimeter-policy-examples',
  ],
  examples: {
    terraform: {
      bad: [
        {
          files: bucketPolicy('{ Effect = "Allow", Principal = { Service = "logging.s3.amazonaws.com" }, Action = "s3:PutObject", Resource = "arn:aws:s3:::logs/*" }'),
          expect: [{ line: 3, messageId: 'serviceWithoutSource' }],
        },
        { files: endpoint(''), expect: [{ line: 1, messageId: 'endpointDefault' }] },
        {
          files: endpoint('  policy = <<EOF\n{\n  "Statement": [\n    {"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}\n  ]\n}\nEOF\n'),
          expect: [{ line: 7, messageId: 'endpointOpen' }],
        },
        { files: SCP, expect: [{ line: 3, messageId: 'perimeter' }] },
      ],
      good: [
        {
          files: bucketPolicy(
            '{ Effect = "Allow", Principal = { Service = "logging.s3.amazonaws.com" }, Action = "s3:PutObject", Resource = "arn:aws:s3:::logs/*", Condition = { StringEquals = { "aws:SourceAccount" = "111122223333" } } }',
          ),
          expect: [],
          why: 'the service principal is confined to the source account',
        },
        {
          files: bucketPolicy('{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:role/app" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::logs/*" }'),
          expect: [],
          why: 'a named role, not a service principal',
        },
        {
          files: endpoint(
            '  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:*", Resource = "*", Condition = { StringEquals = { "aws:ResourceOrgID" = "o-abc123" } } }] })\n',
          ),
          expect: [],
          why: 'the endpoint only reaches buckets of the organisation',
        },
        {
          files: 'resource "aws_organizations_policy" "tags" {\n  name    = "tags"\n  type    = "TAG_POLICY"\n  content = "{}"\n}\n',
          expect: [],
          why: 'a tag policy is not part of the data perimeter',
        },
        {
          files: 'variable "policy" {}\nresource "aws_s3_bucket_policy" "logs" {\n  bucket = "logs"\n  policy = var.policy\n}\n',
          expect: [],
          undecided: true,
          why: 'a policy from a variable without a value',
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          files: 'Resources:\n  LogsPolicy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: logs\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: logging.s3.amazonaws.com }\n            Action: s3:PutObject\n            Resource: arn:aws:s3:::logs/*\n',
          expect: [{ line: 8, messageId: 'serviceWithoutSource' }],
        },
        {
          files: 'Resources:\n  S3Endpoint:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      VpcId: vpc-1\n      ServiceName: com.amazonaws.eu-west-1.s3\n',
          expect: [{ line: 2, messageId: 'endpointDefault' }],
        },
        {
          files: "Resources:\n  S3Endpoint:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      VpcId: vpc-1\n      ServiceName: com.amazonaws.eu-west-1.s3\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: '*'\n            Action: s3:*\n            Resource: '*'\n",
          expect: [{ line: 9, messageId: 'endpointOpen' }],
        },
        {
          files: "Resources:\n  Perimeter:\n    Type: AWS::Organizations::Policy\n    Properties:\n      Name: perimeter\n      Type: RESOURCE_CONTROL_POLICY\n      TargetIds: [r-abcd]\n      Content:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Deny\n            Principal: '*'\n            Action: s3:*\n            Resource: '*'\n            Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': o-abc123 }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } }\n",
          expect: [{ line: 6, messageId: 'perimeter' }],
        },
      ],
      good: [
        {
          files: "Resources:\n  LogsPolicy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: logs\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: logging.s3.amazonaws.com }\n            Action: s3:PutObject\n            Resource: !Sub 'arn:${AWS::Partition}:s3:::logs/*'\n            Condition: { StringEquals: { 'aws:SourceAccount': !Ref AWS::AccountId } }\n",
          expect: [],
          why: 'the service principal is confined to the source account',
        },
        {
          files: 'Resources:\n  LogsPolicy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: logs\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { AWS: arn:aws:iam::111122223333:role/app }\n            Action: s3:GetObject\n            Resource: arn:aws:s3:::logs/*\n',
          expect: [],
          why: 'a named role, not a service principal',
        },
        {
          files: "Resources:\n  S3Endpoint:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      VpcId: vpc-1\n      ServiceName: com.amazonaws.eu-west-1.s3\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: '*'\n            Action: s3:*\n            Resource: '*'\n            Condition: { StringEquals: { 'aws:ResourceOrgID': o-abc123 } }\n",
          expect: [],
          why: 'the endpoint only reaches buckets of the organisation',
        },
        {
          files: `Resources:\n  Tags:\n    Type: AWS::Organizations::Policy\n    Properties:\n      Name: tags\n      Type: TAG_POLICY\n      Content: '{"tags": {"team": {"tag_key": {"@@assign": "team"}}}}'\n`,
          expect: [],
          why: 'a tag policy is not part of the data perimeter',
        },
        {
          files: 'Parameters:\n  Policy: { Type: String }\nResources:\n  S3Endpoint:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      VpcId: vpc-1\n      ServiceName: com.amazonaws.eu-west-1.s3\n      PolicyDocument: !Ref Policy\n',
          expect: [],
          undecided: true,
          why: 'an endpoint policy from a parameter without a default',
        },
      ],
    },
  },
  check(r, ctx) {
    switch (r.kind) {
      case 's3-bucket-policy':
        return checkBucketPolicy(r, ctx);
      case 'vpc-endpoint':
        return checkEndpoint(r, ctx);
      case 'organizations-policy':
        return checkOrganizationsPolicy(r, ctx);
    }
  },
});

type Ctx = Parameters<(typeof dataPerimeterPolicies)['check']>[1];

function checkBucketPolicy(p: S3BucketPolicy, ctx: Ctx): void {
  if (p.policy.state === 'unknown') return ctx.undecided(`the policy of ${p.name}: ${p.policy.reason}`, p.policy.at);
  if (p.policy.state !== 'set') return;
  for (const s of p.policy.value.statements) {
    if (s.effect !== 'Allow') continue;
    const services = (s.principals?.Service ?? []).filter((v) => v.endsWith('.amazonaws.com') || v === '*');
    if (!services.length) {
      if (s.partial && !s.principals?.AWS?.length) ctx.undecided(`a statement of ${p.name} is only partly known`, s.at);
      continue;
    }
    if (conditionKeys(s).some((k) => SOURCE_KEYS.test(k))) continue;
    if (s.partial) ctx.undecided(`a statement of ${p.name} that grants ${services.join(', ')} is only partly known`, s.at);
    else ctx.report({ messageId: 'serviceWithoutSource', at: s.at, data: { name: p.name, service: services.join('`, `') } });
  }
}

function checkEndpoint(e: VpcEndpoint, ctx: Ctx): void {
  const service = shownValue(e.service) ?? 'the service';
  switch (e.policy.state) {
    case 'unknown':
      return ctx.undecided(`the policy of ${e.name}: ${e.policy.reason}`, e.policy.at);
    case 'absent':
      return ctx.report({ messageId: 'endpointDefault', at: e.policy.at, data: { name: e.name, service: `\`${service}\`` } });
    case 'set':
    case 'default':
      for (const s of e.policy.value.statements) {
        if (s.effect !== 'Allow') continue;
        const anyone = !s.principals || s.principals['*']?.includes('*') === true || s.principals.AWS?.includes('*') === true;
        if (!anyone || conditionKeys(s).some((k) => PERIMETER_KEYS.test(k))) continue;
        if (s.partial) ctx.undecided(`a statement of ${e.name}'s policy is only partly known`, s.at);
        else ctx.report({ messageId: 'endpointOpen', at: s.at, data: { name: e.name } });
      }
  }
}

function checkOrganizationsPolicy(p: OrganizationsPolicy, ctx: Ctx): void {
  const type = valueOf(p.policyType);
  // Only SCPs and RCPs set a data perimeter; the info finding never fails the guardrail.
  const kind = type === 'SERVICE_CONTROL_POLICY' ? 'service control policy' : type === 'RESOURCE_CONTROL_POLICY' ? 'resource control policy' : undefined;
  if (!kind) return;
  const side = type === 'SERVICE_CONTROL_POLICY' ? 'an identity-side' : 'a resource-side';
  ctx.report({ messageId: 'perimeter', at: p.policyType.at, severity: 'info', data: { name: p.name, kind, side } });
}
