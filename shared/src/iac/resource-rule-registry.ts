import type { AnyResourceRule } from './rules/resource-rule';
import { azureStoragePublic } from './rules/azure-storage-public';
import { dataPerimeterPolicies } from './rules/data-perimeter-policies';
import { ec2Imdsv2Required } from './rules/ec2-imdsv2-required';
import { gcpDefaultServiceAccount } from './rules/gcp-default-service-account';
import { gcsPublicBinding } from './rules/gcs-public-binding';
import { iamUserConsoleLogin } from './rules/iam-user-console-login';
import { k8sApiPublic } from './rules/k8s-api-public';
import { oidcTrustUnpinned } from './rules/oidc-trust-unpinned';
import { s3BucketPublicAccess } from './rules/s3-bucket-public-access';
import { s3PublicAccessBlockOff } from './rules/s3-public-access-block-off';
import { staticCloudCredential } from './rules/static-cloud-credential';
import { thirdPartyRoleTrust } from './rules/third-party-role-trust';
import { workloadRolePrivileges } from './rules/workload-role-privileges';

/** Every resource rule, listed explicitly. */
export const RESOURCE_RULES: readonly AnyResourceRule[] = [
  ec2Imdsv2Required,
  s3BucketPublicAccess,
  s3PublicAccessBlockOff,
  azureStoragePublic,
  gcsPublicBinding,
  k8sApiPublic,
  staticCloudCredential,
  iamUserConsoleLogin,
  workloadRolePrivileges,
  gcpDefaultServiceAccount,
  thirdPartyRoleTrust,
  oidcTrustUnpinned,
  dataPerimeterPolicies,
];
