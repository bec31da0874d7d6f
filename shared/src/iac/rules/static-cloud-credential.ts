import { shownValue, valueOf } from '../model/attr';
import { defineResourceRule } from './resource-rule';

export const staticCloudCredential = defineResourceRule({
  id: 'static-cloud-credential',
  guardrail: 'no-long-lived-cloud-keys',
  title: 'No long-lived cloud keys created in code',
  description:
    'IAM access keys, GCP service-account keys, Entra application and service principal passwords, and static keys in provider blocks are long-lived credentials that leak and rarely rotate.',
  severity: 'high',
  confidence: 'high',
  kinds: ['static-credential', 'provider-credentials'],
  messages: {
    credential: '{{name}} creates a long-lived {{credential}}{{owner}}. It stays valid until someone deletes it; use {{replacement}} instead.',
    inactive: '{{name}} keeps an inactive {{credential}}{{owner}}; delete it rather than keeping it around.',
    provider: 'The {{provider}} provider is configured with static credentials (`{{keys}}`). Use {{replacement}} instead.',
  },
  remediation: {
    text: 'Remove the key resource (or provider keys) and give the workload a role or workload identity.',
    pavedRoad: 'AWS: IAM roles and OIDC; GCP: Workload Identity Federation; Azure: managed identities and federated credentials.',
  },
  anchors: {
    Checkov: ['CKV_AWS_41', 'CKV2_GCP_3'],
    KICS: ['7081f85c-b94d-40fd-8b45-a4f1cac75e46'],
    Prowler: ['iam_rotate_access_key_90_days', 'iam_user_no_setup_initial_access_key'],
    'Security Hub': ['IAM.3'],
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles',
    'https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys',
    'https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation',
  ],
  examples: {
    terraform: {
      bad: [
        { files: 'resource "aws_iam_access_key" "ci" {\n  user = "ci-deployer"\n}\n', expect: [{ line: 1, messageId: 'credential' }] },
        { files: 'resource "google_service_account_key" "k" {\n  service_account_id = "sa@p.iam.gserviceaccount.com"\n}\n', expect: [{ line: 1, messageId: 'credential' }] },
        { files: 'resource "azuread_application_password" "p" {\n  application_id = "app"\n}\n', expect: [{ line: 1, messageId: 'credential' }] },
        { files: 'resource "azuread_service_principal_password" "p" {\n  service_principal_id = "sp"\n}\n', expect: [{ line: 1, messageId: 'credential' }] },
        { files: 'variable "key" {}\nprovider "aws" {\n  region     = "eu-west-1"\n  access_key = var.key\n}\n', expect: [{ line: 2, messageId: 'provider' }] },
        { files: 'resource "aws_iam_access_key" "old" {\n  user   = "legacy"\n  status = "Inactive"\n}\n', expect: [{ line: 1, messageId: 'inactive' }] },
      ],
      good: [
        { files: 'provider "aws" {\n  region = "eu-west-1"\n  assume_role {\n    role_arn = "arn:aws:iam::111122223333:role/deploy"\n  }\n}\n', expect: [], why: 'the provider assumes a role' },
        { files: 'resource "aws_iam_role" "app" {\n  name = "app"\n}\n', expect: [], why: 'roles are not keys' },
      ],
    },
    cloudformation: {
      bad: [{ files: 'Resources:\n  CiKey:\n    Type: AWS::IAM::AccessKey\n    Properties:\n      UserName: ci\n', expect: [{ line: 2, messageId: 'credential' }] }],
      good: [{ files: 'Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {}\n', expect: [], why: 'a role, not a key' }],
    },
  },
  check(r, ctx) {
    const replacement = { aws: 'an IAM role with OIDC or an instance profile', gcp: 'Workload Identity Federation', azure: 'a managed identity or a federated credential' }[r.provider];
    if (r.kind === 'provider-credentials') {
      ctx.report({
        messageId: 'provider',
        at: r.site,
        data: { provider: r.type, keys: r.keys.length === 1 ? 'a key argument' : `${r.keys.length} key arguments`, replacement },
        // Literal keys in a provider are hard-coded secrets; references point at stored ones.
        severity: r.keys.some((k) => k.state === 'set') ? 'critical' : 'high',
      });
      return;
    }
    const owner = shownValue(r.owner);
    const data = { name: r.name, credential: r.credential, owner: owner ? ` for ${owner}` : '', replacement };
    if (valueOf(r.active) === false) ctx.report({ messageId: 'inactive', at: r.site, data, severity: 'low' });
    else ctx.report({ messageId: 'credential', at: r.site, data });
  },
});
