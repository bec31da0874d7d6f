import type { Attr } from '../model/attr';
import { valueOf } from '../model/attr';
import type { Ec2Instance, LaunchConfiguration, LaunchTemplate, ResourceModel } from '../model/resources';
import { defineResourceRule } from './resource-rule';

type Launchable = Ec2Instance | LaunchTemplate | LaunchConfiguration;

/** What else in the same code decides IMDS when the resource itself says nothing (AWS precedence). */
function contextDefault(r: Launchable, model: ResourceModel): { requires: boolean; why: string } | { undecided: string } | undefined {
  const ami = model.follow(r.amiLink, 'ami');
  const support = valueOf(ami?.imdsSupport);
  if (support === 'v2.0') return { requires: true, why: `the AMI ${ami!.name} sets imds_support = "v2.0"` };
  const defaults = model.ofKind('imds-defaults')[0];
  const regional = valueOf(defaults?.httpTokens);
  if (regional === 'required') return { requires: true, why: `the region default (${defaults!.name}) requires IMDSv2` };
  if (ami && ami.imdsSupport.state === 'unknown') return { undecided: ami.imdsSupport.reason };
  return undefined;
}

export const ec2Imdsv2Required = defineResourceRule({
  id: 'ec2-imdsv2-required',
  guardrail: 'imdsv2-enforced',
  title: 'EC2 requires IMDSv2',
  description:
    'Instances, launch templates and launch configurations must require session tokens for the instance metadata service (IMDSv2), which blocks the SSRF credential theft IMDSv1 allows.',
  severity: 'high',
  confidence: 'high',
  kinds: ['ec2-instance', 'launch-template', 'launch-configuration'],
  messages: {
    optional: '{{name}} allows IMDSv1 (`http_tokens = "optional"`): any SSRF in the workload can read the instance role\'s credentials. Set `http_tokens = "required"`.',
    absent:
      '{{name}} does not set `http_tokens`; IMDSv1 stays allowed unless the AMI (`imds_support = "v2.0"`) or the region default requires IMDSv2, and neither is set in this code. Set `metadata_options { http_tokens = "required" }`.',
  },
  remediation: {
    text: 'Set `metadata_options { http_tokens = "required" }` (CloudFormation: `MetadataOptions.HttpTokens: required`) and roll the instances.',
    pavedRoad: 'Make IMDSv2 the account default per region (`aws_ec2_instance_metadata_defaults { http_tokens = "required" }`) and build AMIs with `imds_support = "v2.0"`.',
  },
  anchors: {
    Checkov: ['CKV_AWS_79'],
    Trivy: ['AVD-AWS-0028', 'AVD-AWS-0130'],
    KICS: ['c306ac53-ee5b-41d3-86a9-0fd2722b4e67'],
    Prowler: ['ec2_instance_imdsv2_enabled'],
    'Security Hub': ['EC2.8'],
  },
  references: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html',
    'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceMetadataOptionsRequest.html',
  ],
  examples: {
    terraform: {
      bad: [
        {
          files: 'resource "aws_instance" "web" {\n  ami = "ami-0abcdef1234567890"\n  metadata_options {\n    http_tokens = "optional"\n  }\n}\n',
          expect: [{ line: 4, messageId: 'optional' }],
        },
        { files: 'resource "aws_launch_template" "app" {\n  image_id = "ami-0abcdef1234567890"\n}\n', expect: [{ line: 1, messageId: 'absent' }] },
        {
          files: 'variable "tokens" {\n  default = "optional"\n}\nresource "aws_instance" "web" {\n  ami = "ami-1"\n  metadata_options {\n    http_tokens = var.tokens\n  }\n}\n',
          expect: [{ line: 7, messageId: 'optional' }],
        },
      ],
      good: [
        { files: 'resource "aws_instance" "web" {\n  ami = "ami-1"\n  metadata_options {\n    http_tokens = "required"\n  }\n}\n', expect: [], why: 'IMDSv2 required' },
        { files: 'resource "aws_instance" "web" {\n  ami = "ami-1"\n  metadata_options {\n    http_endpoint = "disabled"\n  }\n}\n', expect: [], why: 'the metadata endpoint is off' },
        {
          files: 'resource "aws_ec2_instance_metadata_defaults" "this" {\n  http_tokens = "required"\n}\nresource "aws_instance" "web" {\n  ami = "ami-1"\n}\n',
          expect: [],
          why: 'the region default in the same code requires IMDSv2',
        },
        {
          files: 'resource "aws_ami" "base" {\n  name = "base"\n  imds_support = "v2.0"\n}\nresource "aws_instance" "web" {\n  ami = aws_ami.base.id\n}\n',
          expect: [],
          why: 'the AMI requires IMDSv2',
        },
        {
          files: 'resource "aws_launch_template" "lt" {\n  metadata_options {\n    http_tokens = "required"\n  }\n}\nresource "aws_instance" "web" {\n  launch_template {\n    id = aws_launch_template.lt.id\n  }\n}\n',
          expect: [],
          why: 'the instance inherits the launch template\'s setting',
        },
        {
          files: 'variable "tokens" {}\nresource "aws_instance" "web" {\n  ami = "ami-1"\n  metadata_options {\n    http_tokens = var.tokens\n  }\n}\n',
          expect: [],
          undecided: true,
          why: 'a variable without a value: unknown, never a failure',
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          files: 'Resources:\n  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-1\n      MetadataOptions:\n        HttpTokens: optional\n',
          expect: [{ line: 7, messageId: 'optional' }],
        },
        {
          files: 'Resources:\n  Template:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n        ImageId: ami-1\n',
          expect: [{ line: 2, messageId: 'absent' }],
        },
      ],
      good: [
        {
          files:
            'Resources:\n  Template:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n        MetadataOptions:\n          HttpTokens: required\n  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      LaunchTemplate:\n        LaunchTemplateId: !Ref Template\n        Version: !GetAtt Template.LatestVersionNumber\n',
          expect: [],
          why: 'the instance takes IMDSv2 from its launch template',
        },
      ],
    },
  },
  check(r, ctx) {
    const endpoint = valueOf(r.httpEndpoint);
    if (endpoint === 'disabled') return;
    const tokens: Attr<string> = r.httpTokens;
    const data = { name: r.name };
    switch (tokens.state) {
      case 'set':
      case 'default':
        if (tokens.value !== 'required') ctx.report({ messageId: 'optional', at: tokens.at, data });
        return;
      case 'unknown':
        ctx.undecided(`http_tokens of ${r.name}: ${tokens.reason}`, tokens.at);
        return;
      case 'absent': {
        if (r.kind === 'ec2-instance' && r.launchTemplate) {
          const lt = ctx.model.follow(r.launchTemplate, 'launch-template');
          // The launch template is checked on its own; an unresolved one leaves the instance undecided.
          if (lt) return;
          ctx.undecided(`${r.name} uses a launch template outside this code`, r.launchTemplate.at);
          return;
        }
        const context = contextDefault(r, ctx.model);
        if (context && 'requires' in context) return;
        if (context && 'undecided' in context) {
          ctx.undecided(`${r.name}: ${context.undecided}`, tokens.at);
          return;
        }
        // The AMI id, when literal, lets the Action's AWS context read its ImdsSupport.
        const ami = r.ami.state === 'set' ? r.ami.value : undefined;
        ctx.report({ messageId: 'absent', at: tokens.at, data, severity: 'medium', confidence: 'medium', ...(ami ? { properties: { ami } } : {}) });
        return;
      }
    }
  },
});
