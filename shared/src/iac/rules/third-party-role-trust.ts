import { coversAction } from '../iam/action-matcher';
import { caveatText } from '../iam/privileges';
import { rolePrivileges } from '../iam/role-privileges';
import { hasConditions, requiresExternalId, trustedAwsAccounts, trustsAnyPrincipal } from '../iam/trust-principals';
import { knownAwsAccount } from '../iam/vendor-accounts';
import { defineResourceRule } from './resource-rule';

const DATADOG = '464622532012';
const trust = (statement: string) => `resource "aws_iam_role" "vendor" {\n  name               = "vendor"\n  assume_role_policy = ${statement}\n}\n`;

export const thirdPartyRoleTrust = defineResourceRule({
  id: 'third-party-role-trust',
  guardrail: 'third-party-roles-safe',
  title: 'Cross-account trust is scoped',
  description:
    'Roles that trust a known SaaS vendor account (fwdcloudsec/known_aws_accounts) require `sts:ExternalId` and grant the vendor neither administrator access, privilege escalation nor account-wide data access; no role trusts a whole foreign account without a condition, or any AWS principal at all.',
  severity: 'high',
  confidence: 'high',
  kinds: ['iam-role'],
  messages: {
    vendorNoExternalId:
      '{{name}} trusts {{vendor}} (account {{account}}) without an `sts:ExternalId` condition: any other customer of {{vendor}} can get it to assume this role for them (confused deputy). Add `StringEquals = { "sts:ExternalId" = "<the id {{vendor}} gives you>" }` to the trust statement.',
    vendorOverPrivileged:
      '{{name}} trusts {{vendor}} and gives it {{access}} through {{what}}: a breach at {{vendor}} becomes {{impact}} of this account. Attach the vendor\'s least-privilege policy (often `SecurityAudit` plus a scoped policy) instead.{{caveat}}',
    wholeAccount:
      '{{name}} lets every principal of account {{account}} assume it, with no condition: any user or role there, including ones created later, gets this role. Trust a specific role (`arn:aws:iam::{{account}}:role/<name>`) or add an `aws:PrincipalArn` or `sts:ExternalId` condition.',
    anyPrincipal:
      '{{name}} can be assumed by any AWS principal (`{{principal}}`) with no condition: anyone with an AWS account can take this role. Name the trusted principals, or add an `aws:PrincipalOrgID` or `aws:PrincipalAccount` condition.',
  },
  remediation: {
    text: 'Require `sts:ExternalId` for vendor roles, give vendors only the access they document, and trust specific roles rather than whole accounts or `*`.',
    pavedRoad: 'A vendor-role module that takes the vendor\'s account and external id and attaches only `SecurityAudit` or the vendor\'s published policy.',
  },
  anchors: {
    Checkov: ['CKV_AWS_60', 'CKV_AWS_61', 'CKV_AWS_274'],
    KICS: ['09c35abf-5852-4622-ac7a-b987b331232e', '12b7e704-37f0-4d1e-911a-44bf60c48c21'],
    Prowler: ['iam_role_cross_account_readonlyaccess_policy'],
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html',
    'https://github.com/fwdcloudsec/known_aws_accounts',
  ],
  examples: {
    terraform: {
      bad: [
        {
          files: trust(`jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::${DATADOG}:root" } }] })`),
          expect: [{ line: 3, messageId: 'vendorNoExternalId' }],
        },
        {
          files:
            trust(
              `jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::${DATADOG}:root" }, Condition = { StringEquals = { "sts:ExternalId" = "abc123" } } }] })`,
            ) + 'resource "aws_iam_role_policy_attachment" "ro" {\n  role       = aws_iam_role.vendor.name\n  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"\n}\n',
          expect: [{ line: 7, messageId: 'vendorOverPrivileged' }],
        },
        {
          files: trust('jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "111122223333" } }] })'),
          expect: [{ line: 3, messageId: 'wholeAccount' }],
        },
        {
          files:
            'resource "aws_iam_role" "open" {\n  assume_role_policy = <<EOF\n{\n  "Statement": [\n    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"},\n    {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}\n  ]\n}\nEOF\n}\n',
          expect: [{ line: 6, messageId: 'anyPrincipal' }],
        },
        {
          files:
            'data "aws_iam_policy_document" "trust" {\n  statement {\n    actions = ["sts:*"]\n    principals {\n      type        = "AWS"\n      identifiers = ["*"]\n    }\n  }\n}\nresource "aws_iam_role" "open" {\n  assume_role_policy = data.aws_iam_policy_document.trust.json\n}\n',
          expect: [{ line: 2, messageId: 'anyPrincipal' }],
        },
      ],
      good: [
        {
          files:
            trust(
              `jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::${DATADOG}:root" }, Condition = { StringEquals = { "sts:ExternalId" = "abc123" } } }] })`,
            ) + 'resource "aws_iam_role_policy_attachment" "audit" {\n  role       = aws_iam_role.vendor.name\n  policy_arn = "arn:aws:iam::aws:policy/SecurityAudit"\n}\n',
          expect: [],
          why: 'a vendor role with an external id and the SecurityAudit policy',
        },
        {
          files: trust('jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::111122223333:role/deployer" } }] })'),
          expect: [],
          why: 'one named role in another account, not the whole account',
        },
        {
          files: trust(
            'jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "111122223333" }, Condition = { ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::111122223333:role/ci-*" } } }] })',
          ),
          expect: [],
          why: 'a whole-account trust narrowed by a condition',
        },
        {
          files: trust('jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })'),
          expect: [],
          why: 'a service principal is not a cross-account trust',
        },
        {
          files:
            `variable "external_id" {}\ndata "aws_iam_policy_document" "trust" {\n  statement {\n    actions = ["sts:AssumeRole"]\n    principals {\n      type        = "AWS"\n      identifiers = ["arn:aws:iam::${DATADOG}:root"]\n    }\n    condition {\n      test     = "StringEquals"\n      variable = "sts:ExternalId"\n      values   = [var.external_id]\n    }\n  }\n}\n` +
            'resource "aws_iam_role" "vendor" {\n  assume_role_policy = data.aws_iam_policy_document.trust.json\n}\n',
          expect: [],
          undecided: true,
          why: 'the external id condition comes from a variable without a value, so the statement is only partly known',
        },
      ],
    },
    cloudformation: {
      bad: [
        {
          files:
            'Resources:\n  Vendor:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal:\n              AWS: !Sub arn:${AWS::Partition}:iam::444455556666:root\n            Action: sts:AssumeRole\n',
          expect: [{ line: 7, messageId: 'wholeAccount' }],
        },
        {
          files: 'Resources:\n  Vendor:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: vendor\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: sts:AssumeRole\n            Principal: { AWS: arn:aws:iam::464622532012:root }\n',
          expect: [{ line: 8, messageId: 'vendorNoExternalId' }],
        },
        {
          files: "Resources:\n  Vendor:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: vendor\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: sts:AssumeRole\n            Principal: { AWS: arn:aws:iam::464622532012:root }\n            Condition: { StringEquals: { 'sts:ExternalId': abc123 } }\n      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/ReadOnlyAccess\n",
          expect: [{ line: 13, messageId: 'vendorOverPrivileged' }],
        },
        {
          files: "Resources:\n  Vendor:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: vendor\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: sts:AssumeRole\n            Principal: { AWS: arn:aws:iam::464622532012:root }\n            Condition: { StringEquals: { 'sts:ExternalId': abc123 } }\n  VendorAccess:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      Roles: [!Ref Vendor]\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: iam:*\n            Resource: '*'\n",
          expect: [{ line: 18, messageId: 'vendorOverPrivileged' }],
        },
        {
          files: "Resources:\n  Vendor:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: vendor\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: sts:AssumeRole\n            Principal: { AWS: '111122223333' }\n",
          expect: [{ line: 8, messageId: 'wholeAccount' }],
        },
        {
          files: "Resources:\n  Open:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: ec2.amazonaws.com }\n            Action: sts:AssumeRole\n          - Effect: Allow\n            Principal: { AWS: '*' }\n            Action: sts:*\n",
          expect: [{ line: 10, messageId: 'anyPrincipal' }],
        },
      ],
      good: [
        {
          files: "Resources:\n  Vendor:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: vendor\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: sts:AssumeRole\n            Principal: { AWS: arn:aws:iam::464622532012:root }\n            Condition: { StringEquals: { 'sts:ExternalId': abc123 } }\n      ManagedPolicyArns:\n        - !Sub 'arn:${AWS::Partition}:iam::aws:policy/SecurityAudit'\n",
          expect: [],
          why: 'a vendor role with an external id and the SecurityAudit policy',
        },
        {
          files: 'Resources:\n  Vendor:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: vendor\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: sts:AssumeRole\n            Principal: { AWS: arn:aws:iam::111122223333:role/deployer }\n',
          expect: [],
          why: 'one named role in another account, not the whole account',
        },
        {
          files: "Resources:\n  Vendor:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: vendor\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: sts:AssumeRole\n            Principal: { AWS: '111122223333' }\n            Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/ci-*' } }\n",
          expect: [],
          why: 'a whole-account trust narrowed by a condition',
        },
        {
          files: 'Resources:\n  Vendor:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: vendor\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: sts:AssumeRole\n            Principal: { Service: ec2.amazonaws.com }\n',
          expect: [],
          why: 'a service principal is not a cross-account trust',
        },
        {
          files: "Parameters:\n  ExternalId: { Type: String, NoEcho: true }\nResources:\n  Vendor:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: vendor\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: sts:AssumeRole\n            Principal: { AWS: arn:aws:iam::464622532012:root }\n            Condition: { StringEquals: { 'sts:ExternalId': !Ref ExternalId } }\n",
          expect: [],
          why: 'the external id is a parameter: the condition is there, whatever its value',
        },
      ],
    },
  },
  check(role, ctx) {
    const policy = role.trustPolicy;
    if (policy.state === 'unknown') return ctx.undecided(`the trust policy of ${role.name}: ${policy.reason}`, policy.at);
    if (policy.state === 'absent') return;
    const vendors = new Map<string, string>();
    for (const s of policy.value.statements) {
      if (s.effect !== 'Allow' || !coversAction(s, 'sts:AssumeRole')) continue;
      if (trustsAnyPrincipal(s) && !hasConditions(s)) {
        ctx.report({ messageId: 'anyPrincipal', at: s.at, severity: 'critical', data: { name: role.name, principal: s.principals?.['*'] ? 'Principal: "*"' : 'AWS: "*"' } });
      }
      for (const trusted of trustedAwsAccounts(s)) {
        const known = knownAwsAccount(trusted.account);
        if (known && !known.aws) {
          vendors.set(known.name, trusted.account);
          if (requiresExternalId(s)) continue;
          if (s.partial) ctx.undecided(`the trust of ${role.name} in ${known.name} is only partly known; an external id may be set`, s.at);
          else ctx.report({ messageId: 'vendorNoExternalId', at: s.at, data: { name: role.name, vendor: known.name, account: trusted.account } });
        } else if (!known && trusted.wholeAccount && !hasConditions(s)) {
          if (s.partial) ctx.undecided(`the trust of ${role.name} in account ${trusted.account} is only partly known`, s.at);
          else ctx.report({ messageId: 'wholeAccount', at: s.at, severity: 'medium', data: { name: role.name, account: trusted.account } });
        }
      }
      // A computed AWS principal may be any account; computed parts of service trusts are not this rule's concern.
      const computedPrincipal = !s.principals || !Object.keys(s.principals).length || s.principals.AWS?.length === 0;
      if (s.partial && computedPrincipal) ctx.undecided(`a trust statement of ${role.name} has a computed principal`, s.at);
    }
    if (!vendors.size) return;
    const { findings, undecided } = rolePrivileges(role, ctx.model);
    for (const u of undecided) ctx.undecided(u.reason, u.at);
    const vendor = [...vendors.keys()].join(', ');
    for (const f of findings) {
      if (f.category === 'lateral-movement') continue;
      const access = f.category === 'admin' ? 'administrator access' : f.category === 'data-access' ? 'read access to all data' : 'privilege escalation';
      const impact = f.category === 'data-access' ? 'a read of all the data' : 'a takeover';
      ctx.report({
        messageId: 'vendorOverPrivileged',
        at: f.at,
        confidence: f.caveats.length ? 'medium' : 'high',
        data: { name: role.name, vendor, access, what: f.what, impact, caveat: caveatText(f.caveats) },
      });
    }
  },
});
