import type { OrganizationsPolicy, VpcEndpoint } from '../model/resources';
import { policyProperty } from './cfn-policy-document';
import type { CfnResourceAdapter } from './cfn-resource-adapter';

/**
 * `AWS::EC2::VPCEndpoint`. Without `PolicyDocument` the endpoint gets the default policy, which allows full
 * access (VPC endpoint policies, PrivateLink guide): absent at the resource, as the Terraform adapter leaves it.
 */
export const adaptVpcEndpoint: CfnResourceAdapter = (base, reader) => {
  const resource: VpcEndpoint = {
    ...base,
    kind: 'vpc-endpoint',
    service: reader.string(reader.get('ServiceName'), 'absent', 'ServiceName'),
    policy: policyProperty(reader, 'PolicyDocument'),
  };
  return resource;
};

/**
 * `AWS::Organizations::Policy`: `Type` (`SERVICE_CONTROL_POLICY`, `RESOURCE_CONTROL_POLICY`, `TAG_POLICY`, ...) is
 * required and has no default; `Content` is a JSON object or a JSON string.
 */
export const adaptOrganizationsPolicy: CfnResourceAdapter = (base, reader) => {
  const resource: OrganizationsPolicy = {
    ...base,
    kind: 'organizations-policy',
    policyType: reader.string(reader.get('Type'), 'absent', 'Type'),
    content: policyProperty(reader, 'Content'),
  };
  return resource;
};
