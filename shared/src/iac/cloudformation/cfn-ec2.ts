import type { Link } from '../model/attr';
import type { AutoScalingGroup, Ec2Instance, LaunchConfiguration, LaunchTemplate, MetadataOptions } from '../model/resources';
import type { PropertyReader } from './cfn-attributes';
import { INSTANCE_PROFILE, namedLink } from './cfn-links';
import type { CfnAdaptContext, CfnResourceAdapter } from './cfn-resource-adapter';

const HTTP_ENDPOINT_DEFAULT = { value: 'enabled', default: 'CloudFormation default: HttpEndpoint enabled' };

/**
 * `MetadataOptions`. An omitted `HttpTokens` is absent, not a default: the AMI's `ImdsSupport` and the account's
 * IMDS defaults decide it (EC2 API, InstanceMetadataOptionsRequest). When a launch template applies, it decides
 * the endpoint too.
 */
function metadataOptions(reader: PropertyReader, prefix: readonly string[], fromLaunchTemplate: boolean): MetadataOptions {
  return {
    httpTokens: reader.string(reader.get(...prefix, 'MetadataOptions', 'HttpTokens'), 'absent', 'HttpTokens'),
    httpEndpoint: reader.string(
      reader.get(...prefix, 'MetadataOptions', 'HttpEndpoint'),
      fromLaunchTemplate ? 'absent' : HTTP_ENDPOINT_DEFAULT,
      'HttpEndpoint',
    ),
  };
}

/** A `LaunchTemplateSpecification`: by id (a `Ref`/`Fn::GetAtt`, or an id of another stack) or by name. */
function launchTemplateLink(reader: PropertyReader, ctx: CfnAdaptContext, ...at: string[]): Link | undefined {
  const byId = reader.get(...at, 'LaunchTemplateId');
  if (byId) return reader.link(byId, 'launch template');
  const byName = reader.get(...at, 'LaunchTemplateName');
  if (byName) return reader.link(byName, 'launch template', (name) => ctx.named('AWS::EC2::LaunchTemplate', name));
  const spec = reader.get(...at);
  return spec?.kind === 'unknown' ? reader.link(spec, 'launch template') : undefined;
}

/**
 * An instance profile by `Ref`, by name, or by ARN (`arn:aws:iam::123456789012:instance-profile/path/name`); a name
 * no resource of the template declares is a profile outside it.
 */
function instanceProfileLink(reader: PropertyReader, ctx: CfnAdaptContext, ...at: string[]): Link | undefined {
  return namedLink(reader, ctx, reader.get(...at), INSTANCE_PROFILE);
}

/** The AMI when `ImageId` refers to a resource of the template (a custom resource, an Image Builder image). */
function amiLink(reader: PropertyReader, ...at: string[]): Link | undefined {
  const image = reader.get(...at);
  return image?.kind === 'unknown' && image.target !== undefined ? reader.link(image, 'AMI') : undefined;
}

export const adaptEc2Instance: CfnResourceAdapter = (base, reader, ctx) => {
  const launchTemplate = launchTemplateLink(reader, ctx, 'LaunchTemplate');
  const resource: Ec2Instance = {
    ...base,
    kind: 'ec2-instance',
    ...metadataOptions(reader, [], launchTemplate !== undefined),
    ami: reader.string(reader.get('ImageId'), 'absent', 'ImageId'),
  };
  const ami = amiLink(reader, 'ImageId');
  const profile = instanceProfileLink(reader, ctx, 'IamInstanceProfile');
  if (ami) resource.amiLink = ami;
  if (launchTemplate) resource.launchTemplate = launchTemplate;
  if (profile) resource.instanceProfile = profile;
  return resource;
};

export const adaptLaunchTemplate: CfnResourceAdapter = (base, reader, ctx) => {
  const data = ['LaunchTemplateData'];
  const resource: LaunchTemplate = {
    ...base,
    kind: 'launch-template',
    ...metadataOptions(reader, data, false),
    ami: reader.string(reader.get(...data, 'ImageId'), 'absent', 'ImageId'),
  };
  const ami = amiLink(reader, ...data, 'ImageId');
  const profile = reader.get(...data, 'IamInstanceProfile', 'Arn')
    ? instanceProfileLink(reader, ctx, ...data, 'IamInstanceProfile', 'Arn')
    : instanceProfileLink(reader, ctx, ...data, 'IamInstanceProfile', 'Name');
  if (ami) resource.amiLink = ami;
  if (profile) resource.instanceProfile = profile;
  return resource;
};

export const adaptLaunchConfiguration: CfnResourceAdapter = (base, reader, ctx) => {
  const resource: LaunchConfiguration = {
    ...base,
    kind: 'launch-configuration',
    ...metadataOptions(reader, [], false),
    ami: reader.string(reader.get('ImageId'), 'absent', 'ImageId'),
  };
  const ami = amiLink(reader, 'ImageId');
  const profile = instanceProfileLink(reader, ctx, 'IamInstanceProfile');
  if (ami) resource.amiLink = ami;
  if (profile) resource.instanceProfile = profile;
  return resource;
};

export const adaptAutoScalingGroup: CfnResourceAdapter = (base, reader, ctx) => {
  const resource: AutoScalingGroup = { ...base, kind: 'autoscaling-group' };
  const launchTemplate =
    launchTemplateLink(reader, ctx, 'LaunchTemplate') ??
    launchTemplateLink(reader, ctx, 'MixedInstancesPolicy', 'LaunchTemplate', 'LaunchTemplateSpecification');
  const launchConfiguration = reader.link(reader.get('LaunchConfigurationName'), 'launch configuration', (name) =>
    ctx.named('AWS::AutoScaling::LaunchConfiguration', name),
  );
  if (launchTemplate) resource.launchTemplate = launchTemplate;
  if (launchConfiguration) resource.launchConfiguration = launchConfiguration;
  return resource;
};
