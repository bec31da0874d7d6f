import type { AnyResourceRule } from './rules/resource-rule';
import { azureStoragePublic } from './rules/azure-storage-public';
import { ec2Imdsv2Required } from './rules/ec2-imdsv2-required';
import { gcsPublicBinding } from './rules/gcs-public-binding';
import { iamUserConsoleLogin } from './rules/iam-user-console-login';
import { k8sApiPublic } from './rules/k8s-api-public';
import { s3BucketPublicAccess } from './rules/s3-bucket-public-access';
import { staticCloudCredential } from './rules/static-cloud-credential';

/** Every resource rule, listed explicitly. */
export const RESOURCE_RULES: readonly AnyResourceRule[] = [
  ec2Imdsv2Required,
  s3BucketPublicAccess,
  azureStoragePublic,
  gcsPublicBinding,
  k8sApiPublic,
  staticCloudCredential,
  iamUserConsoleLogin,
];
