import type { Attr } from '../model/attr';
import { set, unknown } from '../model/attr';
import type { PublicAccessBlockFlags, S3Bucket, S3BucketPolicy } from '../model/resources';
import type { PropertyReader } from './cfn-attributes';
import { policyDocumentOf } from './cfn-policy-document';
import type { CfnResourceAdapter } from './cfn-resource-adapter';

/**
 * CloudFormation's `AccessControl` values as the S3 canned ACL names (`x-amz-acl`) that Terraform and the S3 API
 * use, so one check reads both sources.
 */
const CANNED_ACLS: Readonly<Record<string, string>> = {
  Private: 'private',
  PublicRead: 'public-read',
  PublicReadWrite: 'public-read-write',
  AuthenticatedRead: 'authenticated-read',
  LogDeliveryWrite: 'log-delivery-write',
  BucketOwnerRead: 'bucket-owner-read',
  BucketOwnerFullControl: 'bucket-owner-full-control',
  AwsExecRead: 'aws-exec-read',
};

function cannedAcl(attr: Attr<string>): Attr<string> {
  return attr.state === 'set' ? { ...attr, value: CANNED_ACLS[attr.value] ?? attr.value } : attr;
}

const FLAGS: readonly [keyof PublicAccessBlockFlags, string][] = [
  ['blockPublicAcls', 'BlockPublicAcls'],
  ['blockPublicPolicy', 'BlockPublicPolicy'],
  ['ignorePublicAcls', 'IgnorePublicAcls'],
  ['restrictPublicBuckets', 'RestrictPublicBuckets'],
];

/** The inline `PublicAccessBlockConfiguration`; a flag it omits is false (S3 PutPublicAccessBlock). */
function publicAccessBlock(reader: PropertyReader): S3Bucket['publicAccessBlock'] {
  const block = reader.get('PublicAccessBlockConfiguration');
  if (block === undefined) return undefined;
  const flags = {} as PublicAccessBlockFlags;
  for (const [field, property] of FLAGS) {
    flags[field] = reader.boolean(
      reader.get('PublicAccessBlockConfiguration', property),
      { value: false, default: `CloudFormation default: ${property} false` },
      property,
    );
  }
  return { ...flags, at: reader.siteOf(block) };
}

function website(reader: PropertyReader): Attr<boolean> {
  const config = reader.get('WebsiteConfiguration');
  if (config === undefined) return reader.boolean(undefined, { value: false, default: 'CloudFormation default: no WebsiteConfiguration' }, 'WebsiteConfiguration');
  if (config.kind === 'unknown') return unknown(reader.siteOf(config), config.reason);
  return set(true, reader.siteOf(config));
}

export const adaptS3Bucket: CfnResourceAdapter = (base, reader) => {
  const resource: S3Bucket = {
    ...base,
    kind: 's3-bucket',
    // Without BucketName, CloudFormation generates a name at deploy time.
    bucketName: reader.string(reader.get('BucketName'), 'absent', 'BucketName'),
    acl: cannedAcl(reader.string(reader.get('AccessControl'), { value: 'private', default: 'CloudFormation default: AccessControl Private' }, 'AccessControl')),
    website: website(reader),
  };
  const block = publicAccessBlock(reader);
  if (block) resource.publicAccessBlock = block;
  return resource;
};

export const adaptS3BucketPolicy: CfnResourceAdapter = (base, reader, ctx) => {
  const document = reader.get('PolicyDocument');
  const resource: S3BucketPolicy = {
    ...base,
    kind: 's3-bucket-policy',
    bucket: reader.link(reader.get('Bucket'), 'bucket', (name) => ctx.named('AWS::S3::Bucket', name)) ?? {
      unresolved: 'the bucket policy has no Bucket',
      at: reader.site,
    },
    policy: document === undefined ? { state: 'absent', at: reader.site } : policyDocumentOf(reader.path, document),
  };
  return resource;
};
