import type { EksCluster } from '../model/resources';
import type { CfnResourceAdapter } from './cfn-resource-adapter';

// AWS::EKS::Cluster ResourcesVpcConfig: "EndpointPublicAccess ... default value is true"; "PublicAccessCidrs ...
// default value is 0.0.0.0/0" (CloudFormation resource reference).
export const adaptEksCluster: CfnResourceAdapter = (base, reader) => {
  const resource: EksCluster = {
    ...base,
    kind: 'eks-cluster',
    endpointPublicAccess: reader.boolean(
      reader.get('ResourcesVpcConfig', 'EndpointPublicAccess'),
      { value: true, default: 'CloudFormation default: EndpointPublicAccess true' },
      'EndpointPublicAccess',
    ),
    publicAccessCidrs: reader.strings(
      reader.get('ResourcesVpcConfig', 'PublicAccessCidrs'),
      { value: ['0.0.0.0/0'], default: 'CloudFormation default: PublicAccessCidrs 0.0.0.0/0' },
      'PublicAccessCidrs',
    ),
  };
  return resource;
};
