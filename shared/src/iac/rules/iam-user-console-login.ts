import { shownValue } from '../model/attr';
import { defineResourceRule } from './resource-rule';

export const iamUserConsoleLogin = defineResourceRule({
  id: 'iam-user-console-login',
  guardrail: 'human-access-federated',
  title: 'People sign in through federation, not IAM users',
  description: 'A console password for an IAM user is a long-lived human credential outside your identity provider.',
  severity: 'medium',
  confidence: 'high',
  kinds: ['console-login'],
  messages: {
    login: '{{name}} gives IAM user {{user}} a console password. People should sign in through IAM Identity Center or your IdP, where MFA, offboarding and audit live.',
  },
  remediation: {
    text: 'Remove the login profile and grant the person access through IAM Identity Center permission sets.',
    pavedRoad: 'IAM Identity Center (or your IdP via SAML/OIDC) for every human; IAM users only for break-glass, outside IaC.',
  },
  anchors: { Checkov: ['CKV_AWS_273'], KICS: ['9ec311bf-dfd9-421f-8498-0b063c8bc552'], Prowler: ['iam_user_console_access_unused'], 'Security Hub': ['IAM.22'] },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-users-federation-idp'],
  examples: {
    terraform: {
      bad: [{ files: 'resource "aws_iam_user_login_profile" "oncall" {\n  user = "oncall"\n}\n', expect: [{ line: 1, messageId: 'login' }] }],
      good: [{ files: 'resource "aws_iam_user" "ci" {\n  name = "ci"\n}\n', expect: [], why: 'a user without a console password' }],
    },
    cloudformation: {
      bad: [
        {
          files: 'Resources:\n  Oncall:\n    Type: AWS::IAM::User\n    Properties:\n      UserName: oncall\n      LoginProfile:\n        Password: !Ref InitialPassword\n',
          expect: [{ line: 2, messageId: 'login' }],
        },
      ],
      good: [{ files: 'Resources:\n  Ci:\n    Type: AWS::IAM::User\n    Properties:\n      UserName: ci\n', expect: [], why: 'a user without a console password' }],
    },
  },
  check(r, ctx) {
    ctx.report({ messageId: 'login', at: r.site, data: { name: r.name, user: shownValue(r.user) ?? 'a computed user' } });
  },
});
