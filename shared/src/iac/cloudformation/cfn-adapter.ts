import type { Site } from '../model/attr';
import type { Resource } from '../model/resources';
import { PropertyReader } from './cfn-attributes';
import { adaptEc2Instance, adaptAutoScalingGroup, adaptLaunchConfiguration, adaptLaunchTemplate } from './cfn-ec2';
import { adaptEksCluster } from './cfn-eks';
import { adaptEksNodegroup } from './cfn-eks-nodegroup';
import { CfnEvaluator } from './cfn-evaluate';
import { adaptIamAccessKey, adaptIamUser } from './cfn-iam';
import { adaptIamManagedPolicy, adaptIamPolicy, adaptIamRole, adaptIamRolePolicy, adaptInstanceProfile } from './cfn-iam-roles';
import { entryOf, siteOf } from './cfn-node';
import { adaptOrganizationsPolicy, adaptVpcEndpoint } from './cfn-perimeter';
import type { CfnAdaptContext, CfnResourceAdapter } from './cfn-resource-adapter';
import { adaptS3Bucket, adaptS3BucketPolicy } from './cfn-s3';
import type { CfnTemplate } from './cfn-template';

/** The resource types we model, and their adapters. */
export const CFN_ADAPTERS: Readonly<Record<string, CfnResourceAdapter>> = {
  'AWS::EC2::Instance': adaptEc2Instance,
  'AWS::EC2::LaunchTemplate': adaptLaunchTemplate,
  'AWS::AutoScaling::LaunchConfiguration': adaptLaunchConfiguration,
  'AWS::AutoScaling::AutoScalingGroup': adaptAutoScalingGroup,
  'AWS::S3::Bucket': adaptS3Bucket,
  'AWS::S3::BucketPolicy': adaptS3BucketPolicy,
  'AWS::EKS::Cluster': adaptEksCluster,
  'AWS::IAM::AccessKey': adaptIamAccessKey,
  'AWS::IAM::User': adaptIamUser,
  'AWS::IAM::Role': adaptIamRole,
  'AWS::IAM::ManagedPolicy': adaptIamManagedPolicy,
  'AWS::IAM::Policy': adaptIamPolicy,
  'AWS::IAM::RolePolicy': adaptIamRolePolicy,
  'AWS::IAM::InstanceProfile': adaptInstanceProfile,
  'AWS::EKS::Nodegroup': adaptEksNodegroup,
  'AWS::EC2::VPCEndpoint': adaptVpcEndpoint,
  'AWS::Organizations::Policy': adaptOrganizationsPolicy,
};

/** The property that names a resource, for links written as literal names (`Bucket: my-logs`). */
const NAME_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::EC2::LaunchTemplate': 'LaunchTemplateName',
  'AWS::AutoScaling::LaunchConfiguration': 'LaunchConfigurationName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
};

function adaptContext(path: string, template: CfnTemplate, evaluator: CfnEvaluator): CfnAdaptContext {
  const declared = new Map<string, { type: string; name: string; at: Site }>();
  const types = new Map(template.resources.map((r) => [r.logicalId, r.type]));
  for (const resource of template.resources) {
    const property = NAME_PROPERTIES[resource.type];
    const node = property && resource.properties ? entryOf(resource.properties, property)?.value : undefined;
    if (!node) continue;
    const value = evaluator.resolve(node);
    if (value.kind === 'value' && typeof value.value === 'string') {
      declared.set(resource.logicalId, { type: resource.type, name: value.value, at: siteOf(path, value.span) });
    }
  }
  return {
    named(type, name) {
      for (const [logicalId, d] of declared) if (d.type === type && d.name === name) return logicalId;
      return undefined;
    },
    nameOf(logicalId) {
      const d = declared.get(logicalId);
      return d && { name: d.name, at: d.at };
    },
    typeOf(logicalId) {
      return types.get(logicalId);
    },
  };
}

/**
 * The modelled resources of a parsed template. A resource whose `Condition` is false with the parameters'
 * defaults is not created, so it is left out; an undecidable one is kept.
 */
export function adaptTemplate(path: string, template: CfnTemplate): Resource[] {
  const evaluator = new CfnEvaluator(template);
  const ctx = adaptContext(path, template, evaluator);
  const resources: Resource[] = [];
  for (const r of template.resources) {
    const adapt = CFN_ADAPTERS[r.type];
    if (!adapt) continue;
    if (r.condition) {
      const decision = evaluator.condition(r.condition.name);
      if (decision.known && !decision.value) continue;
    }
    const site = siteOf(path, r.span);
    const reader = new PropertyReader(path, site, r.properties ? evaluator.resolve(r.properties) : undefined);
    const adapted = adapt({ address: r.logicalId, type: r.type, origin: 'cloudformation', site, name: r.logicalId }, reader, ctx);
    if (adapted) resources.push(...('kind' in adapted ? [adapted] : adapted));
  }
  return resources;
}
