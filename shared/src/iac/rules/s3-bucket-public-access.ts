import type { Site } from '../model/attr';
import { valueOf } from '../model/attr';
import type { PolicyStatement } from '../model/policy-document';
import type { PublicAccessBlockFlags, ResourceModel, S3Bucket } from '../model/resources';
import { defineResourceRule } from './resource-rule';

type Flag = keyof PublicAccessBlockFlags;
const INLINE_FLAGS: readonly [Flag, string][] = [
  ['blockPublicAcls', 'BlockPublicAcls'],
  ['blockPublicPolicy', 'BlockPublicPolicy'],
  ['ignorePublicAcls', 'IgnorePublicAcls'],
  ['restrictPublicBuckets', 'RestrictPublicBuckets'],
];
const PUBLIC_ACLS = new Set(['public-read', 'public-read-write', 'authenticated-read', 'PublicRead', 'PublicReadWrite', 'AuthenticatedRead']);
// Conditions that confine a `*` principal to your organisation, accounts or network (Checkov CKV_AWS_70's list).
const PERIMETER_KEYS = /^aws:(?:PrincipalOrgID|PrincipalOrgPaths|PrincipalAccount|PrincipalArn|SourceVpce|SourceVpc|SourceArn|SourceAccount|SourceOrgID|SourceIp|userid|VpcSourceIp)$/i;

const linksTo = (bucket: S3Bucket, target: string | undefined) =>
  target !== undefined && (target === bucket.address || (target.startsWith('name:') && target.slice(5) === valueOf(bucket.bucketName)));

/** The public access block flags that protect a bucket: its own block (resource or inline) and the account's. */
function protections(bucket: S3Bucket, model: ResourceModel): { flags: PublicAccessBlockFlags; at: Site }[] {
  const own = model.ofKind('s3-public-access-block').filter((p) => linksTo(bucket, p.bucket.target));
  const blocks: { flags: PublicAccessBlockFlags; at: Site }[] = own.map((p) => ({ flags: p, at: p.site }));
  if (bucket.publicAccessBlock) blocks.push({ flags: bucket.publicAccessBlock, at: bucket.publicAccessBlock.at });
  for (const account of model.ofKind('s3-account-public-access-block')) blocks.push({ flags: account, at: account.site });
  return blocks;
}

function effective(blocks: readonly { flags: PublicAccessBlockFlags }[], flag: Flag): boolean {
  return blocks.some((b) => valueOf(b.flags[flag]) === true);
}

function grantsEveryone(s: PolicyStatement): boolean {
  if (s.effect !== 'Allow') return false;
  const p = s.principals;
  return !!p && (p['*']?.includes('*') === true || p.AWS?.includes('*') === true);
}

function hasPerimeter(s: PolicyStatement): boolean {
  return Object.values(s.conditions).some((keys) => Object.keys(keys).some((k) => PERIMETER_KEYS.test(k)));
}

export const s3BucketPublicAccess = defineResourceRule({
  id: 's3-bucket-public-access',
  guardrail: 'storage-not-public',
  title: 'S3 buckets are not public',
  description:
    'A bucket has no public ACL and no policy granting `*` without a perimeter condition, unless a public access block (its own or the account\'s) neutralises them; a bucket with no block in the code is undecided. Blocks that turn a flag off are `s3-public-access-block-off`.',
  severity: 'high',
  confidence: 'high',
  kinds: ['s3-bucket'],
  messages: {
    inlineOff: '{{name}}: its public access block leaves {{flags}} off and the account block does not turn them on, so the bucket can be made public. Set all four flags to true.',
    publicAcl: '{{name}} has the public ACL `{{acl}}` and no public access block ignores it: anyone can read its objects. Use `private` and serve public content through CloudFront.',
    publicPolicy: '{{name}}: a bucket policy grants `*` with no organisation, account or network condition, and no public access block restricts it. Scope the principal or add `aws:PrincipalOrgID`.',
    website: '{{name}} hosts a static website directly from S3; serve it through CloudFront with origin access control instead.',
  },
  remediation: {
    text: 'Add `aws_s3_bucket_public_access_block` with all four flags true (or `aws_s3_account_public_access_block`), remove public ACLs and scope policies.',
    pavedRoad: 'Block public access at the account level, and publish public content through CloudFront with origin access control.',
  },
  anchors: {
    Checkov: ['CKV2_AWS_6', 'CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56', 'CKV_AWS_20', 'CKV_AWS_57', 'CKV_AWS_70'],
    Trivy: ['AVD-AWS-0086', 'AVD-AWS-0087', 'AVD-AWS-0091', 'AVD-AWS-0093', 'AVD-AWS-0094', 'AVD-AWS-0092'],
    Prowler: ['s3_bucket_level_public_access_block', 's3_account_level_public_access_blocks', 's3_bucket_public_access', 's3_bucket_policy_public_write_access'],
    'Security Hub': ['S3.1', 'S3.2', 'S3.3', 'S3.8'],
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html'],
  examples: {
    terraform: {
      bad: [
        {
          files: 'resource "aws_s3_bucket" "b" {\n  bucket = "site"\n  acl    = "public-read"\n}\n',
          expect: [{ line: 3, messageId: 'publicAcl' }],
        },
        {
          files: 'module "site" {\n  source  = "terraform-aws-modules/s3-bucket/aws"\n  version = "3.7.0"\n  bucket  = "site"\n  acl     = "public-read"\n}\n',
          expect: [
            { line: 1, messageId: 'inlineOff' },
            { line: 5, messageId: 'publicAcl' },
          ],
        },
        {
          files:
            'resource "aws_s3_bucket" "b" {\n  bucket = "data"\n}\nresource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "${aws_s3_bucket.b.arn}/*" }]\n  })\n}\n',
          expect: [{ line: 7, messageId: 'publicPolicy' }],
        },
        {
          files:
            'resource "aws_s3_bucket" "b" {\n  bucket = "data"\n}\nresource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n  policy = <<EOF\n{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"}\n  ]\n}\nEOF\n}\n',
          expect: [{ line: 10, messageId: 'publicPolicy' }],
        },
        {
          files:
            'resource "aws_s3_bucket" "b" {\n  bucket = "data"\n}\ndata "aws_iam_policy_document" "public" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["arn:aws:s3:::data/*"]\n    principals {\n      type        = "*"\n      identifiers = ["*"]\n    }\n  }\n}\nresource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n  policy = data.aws_iam_policy_document.public.json\n}\n',
          expect: [{ line: 5, messageId: 'publicPolicy' }],
        },
      ],
      good: [
        {
          files: 'module "site" {\n  source  = "terraform-aws-modules/s3-bucket/aws"\n  version = "~> 4.1"\n  bucket  = "site"\n  acl     = "public-read"\n}\n',
          expect: [],
          why: 'the s3-bucket module v4 blocks public access by default, which neutralises the ACL',
        },
        {
          files:
            'resource "aws_s3_bucket" "b" {\n  bucket = "receipts"\n}\nresource "aws_s3_bucket_public_access_block" "b" {\n  bucket = aws_s3_bucket.b.id\n  block_public_acls = true\n  block_public_policy = true\n  ignore_public_acls = true\n  restrict_public_buckets = true\n}\n',
          expect: [],
          why: 'all four flags on',
        },
        {
          files:
            'resource "aws_s3_account_public_access_block" "acct" {\n  block_public_acls = true\n  block_public_policy = true\n  ignore_public_acls = true\n  restrict_public_buckets = true\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "receipts"\n  acl = "public-read"\n}\n',
          expect: [],
          why: 'the account-level block neutralises the bucket ACL',
        },
        {
          files:
            'resource "aws_s3_bucket" "b" {\n  bucket = "data"\n}\nresource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*", Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc123" } } }]\n  })\n}\n',
          expect: [],
          undecided: true,
          why: 'a `*` principal confined to the organisation; no block in code, so the guardrail stays undecided',
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          files:
            'Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      PublicAccessBlockConfiguration:\n        BlockPublicAcls: true\n        BlockPublicPolicy: false\n        IgnorePublicAcls: true\n        RestrictPublicBuckets: true\n',
          expect: [{ line: 7, messageId: 'inlineOff' }],
        },
        {
          files: 'Resources:\n  Site:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: PublicRead\n',
          expect: [{ line: 5, messageId: 'publicAcl' }],
        },
      ],
      good: [
        {
          files:
            'Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      PublicAccessBlockConfiguration:\n        BlockPublicAcls: true\n        BlockPublicPolicy: true\n        IgnorePublicAcls: true\n        RestrictPublicBuckets: true\n',
          expect: [],
          why: 'an inline public access block with all four flags',
        },
      ],
    },
  },
  check(bucket, ctx) {
    const data = { name: bucket.name };
    const blocks = protections(bucket, ctx.model);
    // Separate block resources are judged by s3-public-access-block-off; an inline block (CloudFormation) here.
    const inline = bucket.publicAccessBlock;
    if (inline) {
      const off = INLINE_FLAGS.filter(([flag]) => {
        const attr = inline[flag];
        return (attr.state === 'set' || attr.state === 'default') && attr.value === false && !effective(blocks, flag);
      });
      const first = off[0] ? inline[off[0][0]] : undefined;
      if (first) {
        const how = first.state === 'default' ? ` (${first.default})` : '';
        ctx.report({ messageId: 'inlineOff', at: first.at, data: { ...data, flags: off.map(([, label]) => `\`${label}\``).join(', ') + how } });
      }
    }
    const acl = bucket.acl;
    const aclResources = ctx.model.ofKind('s3-bucket-acl').filter((a) => linksTo(bucket, a.bucket.target));
    const publicAcls: { acl: string; at: Site }[] = [];
    if (acl.state === 'set' && PUBLIC_ACLS.has(acl.value)) publicAcls.push({ acl: acl.value, at: acl.at });
    for (const a of aclResources) {
      if (a.acl.state === 'set' && PUBLIC_ACLS.has(a.acl.value)) publicAcls.push({ acl: a.acl.value, at: a.acl.at });
      const grants = valueOf(a.publicGrants) ?? [];
      if (grants.length) publicAcls.push({ acl: 'grant to AllUsers', at: a.site });
    }
    if (!effective(blocks, 'ignorePublicAcls')) {
      const pending = blocks.map((b) => b.flags.ignorePublicAcls).find((a) => a.state === 'unknown');
      for (const p of publicAcls) {
        if (pending?.state === 'unknown') ctx.undecided(`${bucket.name} has the ACL ${p.acl}; whether it is ignored: ${pending.reason}`, p.at);
        else ctx.report({ messageId: 'publicAcl', at: p.at, data: { ...data, acl: p.acl } });
      }
    }
    const policies = [
      ...(bucket.policy ? [bucket.policy] : []),
      ...ctx.model.ofKind('s3-bucket-policy').filter((p) => linksTo(bucket, p.bucket.target)).map((p) => p.policy),
    ];
    if (!effective(blocks, 'restrictPublicBuckets') && !effective(blocks, 'blockPublicPolicy')) {
      for (const policy of policies) {
        if (policy.state === 'unknown') ctx.undecided(`the policy of ${bucket.name}: ${policy.reason}`, policy.at);
        if (policy.state !== 'set') continue;
        for (const s of policy.value.statements) {
          if (grantsEveryone(s) && !hasPerimeter(s)) ctx.report({ messageId: 'publicPolicy', at: s.at, data });
          else if (s.partial) ctx.undecided(`a statement of ${bucket.name}'s policy is only partly known`, s.at);
        }
      }
    }
    const website = ctx.model.ofKind('s3-bucket-website').some((w) => linksTo(bucket, w.bucket.target)) || valueOf(bucket.website) === true;
    if (website) ctx.report({ messageId: 'website', at: bucket.site, data, severity: 'info' });
    if (blocks.length === 0) {
      // Since April 2023 new buckets block public access by default; for existing buckets the account decides.
      ctx.undecided(`${bucket.name} has no public access block in this code; the S3 default protects only buckets created since April 2023`, bucket.site);
    }
  },
});
