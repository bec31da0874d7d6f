import { GetBucketAclCommand, GetBucketPolicyCommand, GetBucketPolicyStatusCommand, GetBucketTaggingCommand, GetPublicAccessBlockCommand, paginateListBuckets } from '@aws-sdk/client-s3';
import type { PublicAccessBlockConfiguration } from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import type { Attr, Site } from '../../iac/model/attr';
import { absent, defaulted, set, unknown } from '../../iac/model/attr';
import type { PublicAccessBlockFlags, S3AccountPublicAccessBlock, S3Bucket, S3BucketAcl, S3BucketPolicy, S3BucketPublicAccessBlock } from '../../iac/model/resources';
import type { GuardrailId } from '../../model/guardrail-id';
import { mapLimited } from '../session/limiter';
import type { ScanContext } from '../session/scan-context';
import type { LiveInventory } from './live-inventory';
import { liveSite } from './live-inventory';
import { livePolicy } from './policy-json';

const BUCKET_FANOUT = 8;
const STORAGE: readonly GuardrailId[] = ['storage-not-public'];
// The S3 error codes that mean "not configured", not failure.
const NOT_CONFIGURED = new Set(['NoSuchPublicAccessBlockConfiguration', 'NoSuchBucketPolicy', 'NoSuchTagSet', 'NoSuchTagSetError']);
const PUBLIC_GROUPS = /\/global\/(AllUsers|AuthenticatedUsers)$/;

const isNotConfigured = (error: unknown) => typeof error === 'object' && error !== null && NOT_CONFIGURED.has(String((error as { name?: unknown }).name));

/** Runs a read that may answer "not configured": that is `null`, a failure is undefined. */
async function readOptional<T>(ctx: ScanContext, info: Parameters<ScanContext['step']>[0], work: (signal: AbortSignal) => Promise<T>): Promise<T | null | undefined> {
  return ctx.step(info, async (signal) => {
    try {
      return await work(signal);
    } catch (error) {
      if (isNotConfigured(error)) return null;
      throw error;
    }
  });
}

/** Flags read from AWS; no configuration means every flag is off, which is what S3 then applies. */
function flags(config: PublicAccessBlockConfiguration | null | undefined, site: Site, failed: string): PublicAccessBlockFlags {
  const one = (value: boolean | undefined): Attr<boolean> => {
    if (config === undefined) return unknown(site, failed);
    if (config === null) return defaulted(false, site, 'no public access block is configured');
    return value === undefined ? defaulted(false, site, 'not set') : set(value, site);
  };
  return {
    blockPublicAcls: one(config?.BlockPublicAcls),
    blockPublicPolicy: one(config?.BlockPublicPolicy),
    ignorePublicAcls: one(config?.IgnorePublicAcls),
    restrictPublicBuckets: one(config?.RestrictPublicBuckets),
  };
}

/** The account's public access block (S3 Control) and every bucket's block, ACL grants, policy and policy status. */
export async function collectS3(ctx: ScanContext, inventory: LiveInventory): Promise<void> {
  const account = inventory.accountId;
  const accountArn = `arn:aws:iam::${account}:root`;
  const control = ctx.clients.s3control();
  const accountBlock = await readOptional(ctx, { service: 's3control', operation: 'GetPublicAccessBlock', guardrails: STORAGE }, async (abortSignal) =>
    (await control.send(new GetAccountPublicAccessBlockCommand({ AccountId: account }), { abortSignal })).PublicAccessBlockConfiguration ?? null,
  );
  const accountSite = liveSite(account, accountArn);
  const accountResource: S3AccountPublicAccessBlock = {
    kind: 's3-account-public-access-block',
    address: `${accountArn}#s3-public-access-block`,
    type: 'AWS::S3::AccountPublicAccessBlock',
    origin: 'aws',
    site: accountSite,
    name: `the S3 account public access block of ${account}`,
    ...flags(accountBlock, accountSite, 's3control:GetPublicAccessBlock could not be read'),
  };
  inventory.addGlobal(accountResource);

  const s3 = ctx.clients.s3(ctx.clients.homeRegion);
  const buckets = await ctx.step({ service: 's3', operation: 'ListBuckets', guardrails: ['storage-not-public', 'data-perimeter'] }, async (abortSignal) => {
    const out: { name: string; region: string }[] = [];
    for await (const page of paginateListBuckets({ client: s3, pageSize: 1000 }, {}, { abortSignal })) {
      for (const b of page.Buckets ?? []) if (b.Name) out.push({ name: b.Name, region: b.BucketRegion ?? ctx.clients.homeRegion });
    }
    return out;
  });
  inventory.counts.buckets = buckets?.length ?? 0;
  await mapLimited(buckets ?? [], BUCKET_FANOUT, (b) => collectBucket(ctx, inventory, b.name, b.region));
}

async function collectBucket(ctx: ScanContext, inventory: LiveInventory, name: string, region: string): Promise<void> {
  const account = inventory.accountId;
  const s3 = ctx.clients.s3(region);
  const arn = `arn:aws:s3:::${name}`;
  const site = liveSite(account, arn, region);
  const info = (operation: string, guardrails: readonly GuardrailId[] = STORAGE) => ({ service: 's3', operation, region, guardrails });

  const block = await readOptional(ctx, info('GetPublicAccessBlock'), async (abortSignal) =>
    (await s3.send(new GetPublicAccessBlockCommand({ Bucket: name }), { abortSignal })).PublicAccessBlockConfiguration ?? null,
  );
  const acl = await ctx.step(info('GetBucketAcl'), async (abortSignal) => (await s3.send(new GetBucketAclCommand({ Bucket: name }), { abortSignal })).Grants ?? []);
  const policy = await readOptional(ctx, info('GetBucketPolicy', ['storage-not-public', 'data-perimeter']), async (abortSignal) =>
    (await s3.send(new GetBucketPolicyCommand({ Bucket: name }), { abortSignal })).Policy ?? null,
  );
  // AWS's own verdict, kept beside ours on findings.
  const status = policy ? await readOptional(ctx, info('GetBucketPolicyStatus', []), async (abortSignal) => (await s3.send(new GetBucketPolicyStatusCommand({ Bucket: name }), { abortSignal })).PolicyStatus?.IsPublic ?? null) : null;
  if (ctx.tagKeys.length) {
    const tags = await readOptional(ctx, info('GetBucketTagging', []), async (abortSignal) => (await s3.send(new GetBucketTaggingCommand({ Bucket: name }), { abortSignal })).TagSet ?? null);
    if (tags) inventory.addTags(arn, tags);
  }

  const bucket: S3Bucket = {
    kind: 's3-bucket',
    address: arn,
    type: 'AWS::S3::Bucket',
    origin: 'aws',
    site,
    name,
    bucketName: set(name, site),
    acl: absent(site),
    website: absent(site),
  };
  inventory.addGlobal(bucket, typeof status === 'boolean' ? { policyIsPublic: status } : undefined);
  const bucketLink = { target: arn, at: site };
  const blockResource: S3BucketPublicAccessBlock = {
    kind: 's3-public-access-block',
    address: `${arn}#public-access-block`,
    type: 'AWS::S3::BucketPublicAccessBlock',
    origin: 'aws',
    site,
    name: `the public access block of ${name}`,
    bucket: bucketLink,
    ...flags(block, site, 's3:GetPublicAccessBlock could not be read'),
  };
  inventory.addGlobal(blockResource);
  const grants = (acl ?? []).map((g) => g.Grantee?.URI && PUBLIC_GROUPS.exec(g.Grantee.URI)?.[1]).filter((g): g is string => !!g);
  const aclResource: S3BucketAcl = {
    kind: 's3-bucket-acl',
    address: `${arn}#acl`,
    type: 'AWS::S3::BucketAcl',
    origin: 'aws',
    site,
    name: `the ACL of ${name}`,
    bucket: bucketLink,
    acl: absent(site),
    publicGrants: acl === undefined ? unknown(site, 's3:GetBucketAcl could not be read') : set([...new Set(grants)], site),
  };
  inventory.addGlobal(aclResource);
  if (policy !== null) {
    const policyResource: S3BucketPolicy = {
      kind: 's3-bucket-policy',
      address: `${arn}#policy`,
      type: 'AWS::S3::BucketPolicy',
      origin: 'aws',
      site,
      name: `the bucket policy of ${name}`,
      bucket: bucketLink,
      policy: policy === undefined ? unknown(site, 's3:GetBucketPolicy could not be read') : livePolicy(policy, site, `the policy of ${name}`, false),
    };
    inventory.addGlobal(policyResource);
  }
}
