import { coversAction } from '../iam/action-matcher';
import { celConditionPinsRepository, githubClaim, githubSubjectPin, isGithubIssuer } from '../iam/github-oidc';
import type { PolicyStatement } from '../model/policy-document';
import type { AzureFederatedCredential, GcpWorkloadIdentityProvider, IamRole } from '../model/resources';
import { defineResourceRule } from './resource-rule';

const GITHUB = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const role = (condition: string) =>
  `resource "aws_iam_role" "deploy" {\n  name = "deploy"\n  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRoleWithWebIdentity", Principal = { Federated = "${GITHUB}" }${condition} }] })\n}\n`;
const AUD = '"token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"';
const gcp = (condition: string) =>
  `resource "google_iam_workload_identity_pool_provider" "github" {\n  workload_identity_pool_id          = "ci"\n  workload_identity_pool_provider_id = "github"\n${condition}  oidc {\n    issuer_uri = "https://token.actions.githubusercontent.com"\n  }\n}\n`;
const azure = (subject: string) =>
  `resource "azuread_application_federated_identity_credential" "ci" {\n  application_id = "00000000-0000-0000-0000-000000000000"\n  display_name   = "ci"\n  audiences      = ["api://AzureADTokenExchange"]\n  issuer         = "https://token.actions.githubusercontent.com"\n  subject        = "${subject}"\n}\n`;

// Operators that require a match; negated operators (`StringNotLike`) and `Null` pin nothing.
const POSITIVE = /^(?:For(?:Any|All)Values:)?String(?:Equals|Like|EqualsIgnoreCase)(?:IfExists)?$/i;

export const oidcTrustUnpinned = defineResourceRule({
  id: 'oidc-trust-unpinned',
  guardrail: 'third-party-roles-safe',
  title: 'CI federation is pinned to repositories',
  description:
    'Trust in GitHub Actions\' OIDC tokens names the repositories that may use it: AWS roles test `aud` and pin `sub` to `repo:<owner>/<repo>`, GCP workload identity providers have an `attribute_condition` on the repository or owner, and Entra federated credentials use an exact repository subject. Without that, a workflow in any repository on GitHub can get the cloud credentials.',
  severity: 'high',
  confidence: 'high',
  kinds: ['iam-role', 'gcp-wif-provider', 'azure-federated-credential'],
  messages: {
    subMissing:
      '{{name}} trusts GitHub Actions OIDC tokens without a `token.actions.githubusercontent.com:sub` condition: a workflow in any repository on GitHub can assume it. Add a `sub` condition such as `StringEquals` `repo:<owner>/<repo>:ref:refs/heads/main`.',
    subUnpinned:
      '{{name}} trusts GitHub Actions OIDC tokens whose `sub` matches `{{value}}`: {{why}}. Pin `sub` to one repository, e.g. `repo:<owner>/<repo>:environment:<name>`.',
    audMissing:
      '{{name}} trusts GitHub Actions OIDC tokens without an `aud` condition, so tokens minted for other audiences are accepted too. Add `StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }`.',
    gcpNoCondition:
      '{{name}} accepts GitHub Actions tokens with no `attribute_condition`: workflows in any repository on GitHub can exchange their tokens in this pool. Set `attribute_condition` to test `assertion.repository_owner_id` or `assertion.repository`.',
    gcpConditionUnpinned:
      '{{name}}: the `attribute_condition` tests neither the repository nor its owner (`assertion.repository`, `repository_id`, `repository_owner`, `repository_owner_id` or a pinned `sub`), so workflows in other repositories can satisfy it. Add a repository or owner test.',
    azureSubjectUnpinned:
      '{{name}} trusts GitHub Actions tokens with subject `{{value}}`: {{why}}. Use `repo:<owner>/<repo>:environment:<name>` or `repo:<owner>/<repo>:ref:refs/heads/main`.',
    azureSubjectWildcard:
      '{{name}}: the subject `{{value}}` contains a wildcard, but Entra compares subjects exactly, so `*` is a literal character and the credential does not do what it seems to. Create one credential per repository and branch or environment, or a flexible credential pinned to `repository_id`.',
  },
  remediation: {
    text: 'Pin the trust to specific repositories: `sub` conditions in AWS trust policies, `attribute_condition` in GCP providers, exact subjects in Entra federated credentials; require `aud`.',
    pavedRoad: 'One deploy role per repository and environment, created by a module that takes `<owner>/<repo>` and the environment and writes the conditions.',
  },
  anchors: { Checkov: ['CKV_AWS_358', 'CKV_AWS_393', 'CKV_GCP_125', 'CKV_AZURE_249'] },
  references: [
    'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services',
    'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#example-subject-claims',
    'https://cloud.google.com/iam/docs/workload-identity-federation-with-deployment-pipelines',
    'https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-create-trust',
  ],
  examples: {
    terraform: {
      bad: [
        { files: role(`, Condition = { StringEquals = { ${AUD} } }`), expect: [{ line: 3, messageId: 'subMissing' }] },
        {
          files: role(`, Condition = { StringEquals = { ${AUD} }, StringLike = { "token.actions.githubusercontent.com:sub" = "repo:acme/*" } }`),
          expect: [{ line: 3, messageId: 'subUnpinned' }],
        },
        {
          files:
            `data "aws_iam_policy_document" "trust" {\n  statement {\n    actions = ["sts:AssumeRoleWithWebIdentity"]\n    principals {\n      type        = "Federated"\n      identifiers = ["${GITHUB}"]\n    }\n    condition {\n      test     = "StringLike"\n      variable = "token.actions.githubusercontent.com:sub"\n      values   = ["repo:acme/app:*"]\n    }\n  }\n}\nresource "aws_iam_role" "deploy" {\n  assume_role_policy = data.aws_iam_policy_document.trust.json\n}\n`,
          expect: [{ line: 2, messageId: 'audMissing' }],
        },
        {
          files: role(`, Condition = { StringEquals = { ${AUD}, "token.actions.githubusercontent.com:sub" = "environment:prod" } }`),
          expect: [{ line: 3, messageId: 'subUnpinned' }],
        },
        { files: gcp(''), expect: [{ line: 1, messageId: 'gcpNoCondition' }] },
        { files: gcp('  attribute_condition = "assertion.ref == \'refs/heads/main\'"\n'), expect: [{ line: 4, messageId: 'gcpConditionUnpinned' }] },
        { files: azure('environment:prod'), expect: [{ line: 6, messageId: 'azureSubjectUnpinned' }] },
        { files: azure('repo:acme/*:ref:refs/heads/main'), expect: [{ line: 6, messageId: 'azureSubjectWildcard' }] },
      ],
      good: [
        {
          files: role(`, Condition = { StringEquals = { ${AUD}, "token.actions.githubusercontent.com:sub" = "repo:acme/app:ref:refs/heads/main" } }`),
          expect: [],
          why: '`aud` required and `sub` pinned to one repository and branch',
        },
        {
          files: role(`, Condition = { StringEquals = { ${AUD} }, StringLike = { "token.actions.githubusercontent.com:sub" = "repo:acme/app:*" } }`),
          expect: [],
          why: 'any ref of one named repository (`StringLike` with the wildcard after the repository)',
        },
        {
          files: role(`, Condition = { StringEquals = { ${AUD}, "token.actions.githubusercontent.com:sub" = "repo:acme@1234/app@5678:environment:prod" } }`),
          expect: [],
          why: 'the immutable `owner@id/repo@id` subject format is pinned',
        },
        {
          files: role(`, Condition = { StringEquals = { ${AUD}, "token.actions.githubusercontent.com:sub" = "repo:acme/*" } }`),
          expect: [],
          why: 'under `StringEquals` the `*` is literal and widens nothing',
        },
        {
          files:
            'resource "aws_iam_role" "irsa" {\n  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRoleWithWebIdentity", Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC" }, Condition = { StringEquals = { "oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub" = "system:serviceaccount:app:web" } } }] })\n}\n',
          expect: [],
          why: 'an EKS service-account (IRSA) trust, not GitHub',
        },
        { files: gcp('  attribute_condition = "assertion.repository_owner_id == \'123456\'"\n'), expect: [], why: 'the provider is pinned to one GitHub owner' },
        { files: azure('repo:acme/app:environment:prod'), expect: [], why: 'an exact repository and environment subject' },
        {
          files: 'variable "repos" {}\n' + role(`, Condition = { StringEquals = { ${AUD} }, StringLike = { "token.actions.githubusercontent.com:sub" = var.repos } }`),
          expect: [],
          undecided: true,
          why: 'the subjects come from a variable without a value',
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          files: "Resources:\n  Deploy:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: sts:AssumeRoleWithWebIdentity\n            Principal:\n              Federated: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com'\n            Condition:\n              StringEquals:\n                'token.actions.githubusercontent.com:aud': sts.amazonaws.com\n",
          expect: [{ line: 7, messageId: 'subMissing' }],
        },
        {
          files: "Resources:\n  Deploy:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: sts:AssumeRoleWithWebIdentity\n            Principal:\n              Federated: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com'\n            Condition:\n              StringEquals:\n                'token.actions.githubusercontent.com:aud': sts.amazonaws.com\n              StringLike:\n                'token.actions.githubusercontent.com:sub': 'repo:acme/*'\n",
          expect: [{ line: 7, messageId: 'subUnpinned' }],
        },
        {
          files: "Resources:\n  Deploy:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: sts:AssumeRoleWithWebIdentity\n            Principal:\n              Federated: !Ref GitHub\n            Condition:\n              StringLike:\n                'token.actions.githubusercontent.com:sub': 'repo:acme/app:*'\n  GitHub:\n    Type: AWS::IAM::OIDCProvider\n    Properties:\n      Url: https://token.actions.githubusercontent.com\n      ClientIdList: [sts.amazonaws.com]\n",
          expect: [{ line: 7, messageId: 'audMissing' }],
        },
        {
          files: "Resources:\n  Deploy:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: sts:AssumeRoleWithWebIdentity\n            Principal:\n              Federated: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com'\n            Condition:\n              StringEquals:\n                'token.actions.githubusercontent.com:aud': sts.amazonaws.com\n                'token.actions.githubusercontent.com:sub': 'environment:prod'\n",
          expect: [{ line: 7, messageId: 'subUnpinned' }],
        },
      ],
      good: [
        {
          files: "Resources:\n  Deploy:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: sts:AssumeRoleWithWebIdentity\n            Principal:\n              Federated: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com'\n            Condition:\n              StringEquals:\n                'token.actions.githubusercontent.com:aud': sts.amazonaws.com\n                'token.actions.githubusercontent.com:sub': 'repo:acme/app:ref:refs/heads/main'\n",
          expect: [],
          why: '`aud` required and `sub` pinned to one repository and branch',
        },
        {
          files: "Resources:\n  Deploy:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: sts:AssumeRoleWithWebIdentity\n            Principal:\n              Federated: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com'\n            Condition:\n              StringEquals:\n                'token.actions.githubusercontent.com:aud': sts.amazonaws.com\n              StringLike:\n                'token.actions.githubusercontent.com:sub': 'repo:acme/app:*'\n",
          expect: [],
          why: 'any ref of one named repository (`StringLike` with the wildcard after the repository)',
        },
        {
          files: "Resources:\n  Irsa:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: sts:AssumeRoleWithWebIdentity\n            Principal:\n              Federated: arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC\n            Condition:\n              StringEquals:\n                'oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:app:web'\n",
          expect: [],
          why: 'an EKS service-account (IRSA) trust, not GitHub',
        },
        {
          files: "Parameters:\n  Subjects: { Type: CommaDelimitedList }\nResources:\n  Deploy:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: sts:AssumeRoleWithWebIdentity\n            Principal:\n              Federated: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com'\n            Condition:\n              StringEquals:\n                'token.actions.githubusercontent.com:aud': sts.amazonaws.com\n              StringLike:\n                'token.actions.githubusercontent.com:sub': !Ref Subjects\n",
          expect: [],
          undecided: true,
          why: 'the subjects come from a parameter without a default',
        },
      ],
    },
  },
  check(r, ctx) {
    switch (r.kind) {
      case 'iam-role':
        return checkRole(r, ctx);
      case 'gcp-wif-provider':
        return checkGcp(r, ctx);
      case 'azure-federated-credential':
        return checkAzure(r, ctx);
    }
  },
});

type Ctx = Parameters<(typeof oidcTrustUnpinned)['check']>[1];

/** The values a statement tests for one GitHub claim, with whether wildcards apply; undefined values are unknown. */
function claimTests(s: PolicyStatement, claim: 'sub' | 'aud'): { values: string[]; wildcards: boolean }[] {
  const out: { values: string[]; wildcards: boolean }[] = [];
  for (const [operator, keys] of Object.entries(s.conditions)) {
    if (!POSITIVE.test(operator)) continue;
    for (const [key, values] of Object.entries(keys)) if (githubClaim(key) === claim) out.push({ values, wildcards: /like/i.test(operator) });
  }
  return out;
}

function checkRole(role: IamRole, ctx: Ctx): void {
  // An unknown trust policy is reported as undecided by third-party-role-trust, which shares the guardrail.
  if (role.trustPolicy.state !== 'set') return;
  for (const s of role.trustPolicy.value.statements) {
    if (s.effect !== 'Allow' || !coversAction(s, 'sts:AssumeRoleWithWebIdentity')) continue;
    const federated = s.principals?.Federated ?? [];
    const keys = Object.values(s.conditions).flatMap((byKey) => Object.keys(byKey));
    if (!federated.some(isGithubIssuer) && !keys.some((k) => githubClaim(k))) {
      if (s.partial && !keys.length) ctx.undecided(`the federated principal of ${role.name} is computed; if it is GitHub's OIDC provider, \`sub\` must be pinned`, s.at);
      continue;
    }
    const data = { name: role.name };
    const aud = claimTests(s, 'aud');
    const sub = claimTests(s, 'sub');
    if (!aud.length) {
      if (s.partial) ctx.undecided(`the trust of ${role.name} in GitHub is only partly known`, s.at);
      else ctx.report({ messageId: 'audMissing', at: s.at, severity: 'medium', data });
    }
    if (!sub.length) {
      if (s.partial) ctx.undecided(`the trust of ${role.name} in GitHub is only partly known`, s.at);
      else ctx.report({ messageId: 'subMissing', at: s.at, data });
      continue;
    }
    if (sub.some((t) => !t.values.length)) {
      ctx.undecided(`the \`sub\` condition of ${role.name} is computed`, s.at);
      continue;
    }
    for (const test of sub) {
      const verdicts = test.values.map((value) => ({ value, pin: githubSubjectPin(value, test.wildcards) }));
      const loose = verdicts.find((v) => v.pin.state === 'unpinned');
      if (loose && loose.pin.state === 'unpinned') {
        ctx.report({ messageId: 'subUnpinned', at: s.at, data: { ...data, value: loose.value, why: loose.pin.why } });
        break;
      }
      for (const v of verdicts) if (v.pin.state === 'unknown') ctx.undecided(`\`sub\` value \`${v.value}\` of ${role.name}: ${v.pin.why}`, s.at);
    }
  }
}

function checkGcp(p: GcpWorkloadIdentityProvider, ctx: Ctx): void {
  const issuer = p.issuerUri;
  const condition = p.attributeCondition;
  if (issuer.state === 'absent') return;
  if (issuer.state === 'unknown') {
    if (condition.state === 'absent') ctx.undecided(`the issuer of ${p.name} is unknown (${issuer.reason}) and there is no attribute_condition`, issuer.at);
    return;
  }
  if (!isGithubIssuer(issuer.value)) return;
  switch (condition.state) {
    case 'absent':
      return ctx.report({ messageId: 'gcpNoCondition', at: condition.at, data: { name: p.name } });
    case 'unknown':
      return ctx.undecided(`the attribute_condition of ${p.name}: ${condition.reason}`, condition.at);
    case 'set':
    case 'default':
      if (!celConditionPinsRepository(condition.value)) ctx.report({ messageId: 'gcpConditionUnpinned', at: condition.at, confidence: 'medium', data: { name: p.name } });
  }
}

function checkAzure(c: AzureFederatedCredential, ctx: Ctx): void {
  const issuer = c.issuer;
  const subject = c.subject;
  if (issuer.state === 'unknown') return ctx.undecided(`the issuer of ${c.name}: ${issuer.reason}`, issuer.at);
  if ((issuer.state !== 'set' && issuer.state !== 'default') || !isGithubIssuer(issuer.value)) return;
  if (subject.state === 'unknown') return ctx.undecided(`the subject of ${c.name}: ${subject.reason}`, subject.at);
  if (subject.state !== 'set' && subject.state !== 'default') return;
  const data = { name: c.name, value: subject.value };
  if (/[*?]/.test(subject.value)) return ctx.report({ messageId: 'azureSubjectWildcard', at: subject.at, severity: 'low', data });
  const pin = githubSubjectPin(subject.value, false);
  if (pin.state === 'unpinned') ctx.report({ messageId: 'azureSubjectUnpinned', at: subject.at, data: { ...data, why: pin.why } });
  else if (pin.state === 'unknown') ctx.undecided(`the subject \`${subject.value}\` of ${c.name}: ${pin.why}`, subject.at);
}
