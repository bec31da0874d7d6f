import type { Attr } from '../model/attr';
import { valueOf } from '../model/attr';
import type { PublicAccessBlockFlags } from '../model/resources';
import { defineResourceRule } from './resource-rule';

const FLAGS: readonly [keyof PublicAccessBlockFlags, string][] = [
  ['blockPublicAcls', 'block_public_acls'],
  ['blockPublicPolicy', 'block_public_policy'],
  ['ignorePublicAcls', 'ignore_public_acls'],
  ['restrictPublicBuckets', 'restrict_public_buckets'],
];

export const s3PublicAccessBlockOff = defineResourceRule({
  id: 's3-public-access-block-off',
  guardrail: 'storage-not-public',
  title: 'S3 public access blocks keep all four flags on',
  description:
    'A bucket or account public access block that leaves a flag off (explicitly, or by omitting it: the default is false) lets buckets become public, unless the account block turns the flag on.',
  severity: 'high',
  confidence: 'high',
  kinds: ['s3-public-access-block', 's3-account-public-access-block'],
  messages: {
    off: '{{name}} turns `{{flag}}` off{{how}}, so {{scope}} can be made public. Set all four flags to true.',
  },
  remediation: {
    text: 'Set `block_public_acls`, `block_public_policy`, `ignore_public_acls` and `restrict_public_buckets` to true.',
    pavedRoad: 'Block public access at the account level (`aws_s3_account_public_access_block`) and serve public content through CloudFront.',
  },
  anchors: {
    Checkov: ['CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'],
    Trivy: ['AVD-AWS-0086', 'AVD-AWS-0087', 'AVD-AWS-0091', 'AVD-AWS-0093'],
    KICS: ['1a4bc881-9f69-4d44-8c9a-d37d08f54c50', '4fa66806-0dd9-4f8d-9480-3174d39c7c91', '1ec253ab-c220-4d63-b2de-5b40e0af9293'],
    Prowler: ['s3_account_level_public_access_blocks', 's3_bucket_level_public_access_block'],
    'Security Hub': ['S3.1', 'S3.8'],
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html'],
  examples: {
    terraform: {
      bad: [
        {
          files:
            'resource "aws_s3_bucket" "b" {\n  bucket = "receipts"\n}\nresource "aws_s3_bucket_public_access_block" "b" {\n  bucket = aws_s3_bucket.b.id\n  block_public_acls = true\n  block_public_policy = false\n  ignore_public_acls = true\n  restrict_public_buckets = true\n}\n',
          expect: [{ line: 7, messageId: 'off' }],
        },
        {
          files: 'resource "aws_s3_account_public_access_block" "acct" {\n  block_public_acls   = true\n  block_public_policy = true\n}\n',
          expect: [
            { line: 1, messageId: 'off' },
            { line: 1, messageId: 'off' },
          ],
        },
      ],
      good: [
        {
          files:
            'resource "aws_s3_account_public_access_block" "acct" {\n  block_public_acls = true\n  block_public_policy = true\n  ignore_public_acls = true\n  restrict_public_buckets = true\n}\nresource "aws_s3_bucket_public_access_block" "b" {\n  bucket = "logs"\n  block_public_policy = false\n}\n',
          expect: [],
          why: 'the account block turns every flag on, whatever the bucket block says',
        },
      ],
    },
  },
  check(block, ctx) {
    const account = block.kind === 's3-public-access-block' ? ctx.model.ofKind('s3-account-public-access-block') : [];
    for (const [flag, label] of FLAGS) {
      const attr: Attr<boolean> = block[flag];
      if (attr.state === 'unknown') {
        ctx.undecided(`${label} of ${block.name}: ${attr.reason}`, attr.at);
        continue;
      }
      if (attr.state === 'absent' || attr.value !== false) continue;
      if (account.some((a) => valueOf(a[flag]) === true)) continue;
      ctx.report({
        messageId: 'off',
        at: attr.at,
        data: {
          name: block.name,
          flag: label,
          how: attr.state === 'default' ? ' by leaving it out (the default is false)' : '',
          scope: block.kind === 's3-account-public-access-block' ? 'any bucket of the account without its own block' : 'the bucket',
        },
        severity: block.kind === 's3-account-public-access-block' ? 'medium' : 'high',
      });
    }
  },
});
