import type { Site } from '../model/attr';
import type { Resource } from '../model/resources';
import { PropertyReader } from './cfn-attributes';
import { adaptEc2Instance, adaptAutoScalingGroup, adaptLaunchConfiguration, adaptLaunchTemplate } from './cfn-ec2';
import { adaptEksCluster } from './cfn-eks';
import { CfnEvaluator } from './cfn-evaluate';
import { adaptIamAccessKey, adaptIamUser } from './cfn-iam';
import { entryOf, siteOf } from './cfn-node';
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
};

/** The property that names a resource, for links written as literal names (`Bucket: my-logs`). */
const NAME_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::EC2::LaunchTemplate': 'LaunchTemplateName',
  'AWS::AutoScaling::LaunchConfiguration': 'LaunchConfigurationName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
  'AWS::IAM::User': 'UserName',
};

function adaptContext(path: string, template: CfnTemplate, evaluator: CfnEvaluator): CfnAdaptContext {
  const declared = new Map<string, { type: string; name: string; at: Site }>();
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
    const resource = adapt({ address: r.logicalId, type: r.type, origin: 'cloudformation', site, name: r.logicalId }, reader, ctx);
    if (resource) resources.push(resource);
  }
  return resources;
}
