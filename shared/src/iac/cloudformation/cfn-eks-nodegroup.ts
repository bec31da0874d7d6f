import type { Link } from '../model/attr';
import type { EksNodeGroup } from '../model/resources';
import type { PropertyReader } from './cfn-attributes';
import { namedLink, ROLE } from './cfn-links';
import type { CfnAdaptContext, CfnResourceAdapter } from './cfn-resource-adapter';

/** `LaunchTemplate` of a node group: `Id` (a `Ref`, or an id of another stack) or `Name` (`LaunchTemplateSpecification`). */
function launchTemplateLink(reader: PropertyReader, ctx: CfnAdaptContext): Link | undefined {
  const byId = reader.get('LaunchTemplate', 'Id');
  if (byId) return reader.link(byId, 'launch template');
  const byName = reader.get('LaunchTemplate', 'Name');
  if (byName) return reader.link(byName, 'launch template', (name) => ctx.named('AWS::EC2::LaunchTemplate', name));
  const spec = reader.get('LaunchTemplate');
  return spec?.kind === 'unknown' ? reader.link(spec, 'launch template') : undefined;
}

/** `AWS::EKS::Nodegroup`: the nodes run with `NodeRole` (an ARN: `!GetAtt Role.Arn`, literal, or built with `Fn::Sub`). */
export const adaptEksNodegroup: CfnResourceAdapter = (base, reader, ctx) => {
  const resource: EksNodeGroup = { ...base, kind: 'eks-node-group' };
  const nodeRole = namedLink(reader, ctx, reader.get('NodeRole'), ROLE);
  const launchTemplate = launchTemplateLink(reader, ctx);
  if (nodeRole) resource.nodeRole = nodeRole;
  if (launchTemplate) resource.launchTemplate = launchTemplate;
  return resource;
};
