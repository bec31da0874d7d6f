import { defineLiveRule } from './live-rule';

export const iamUserConsoleNoMfa = defineLiveRule({
  id: 'iam-user-console-no-mfa',
  guardrail: 'human-access-federated',
  title: 'IAM users who sign in to the console have MFA',
  description:
    'An IAM user with a console password and no MFA device can be taken over with a phished or reused password. Read live from the IAM credential report; the password itself is judged by `iam-user-console-login`.',
  severity: 'high',
  confidence: 'high',
  kinds: ['console-login'],
  messages: {
    noMfa: 'IAM user {{user}} signs in to the console with a password and no MFA device: one phished or reused password takes over the account. Move the person to IAM Identity Center, or enforce MFA now.',
  },
  remediation: {
    text: 'Assign an MFA device to the user (or remove the console password), and deny actions without `aws:MultiFactorAuthPresent` for IAM users.',
    pavedRoad: 'IAM Identity Center (or your IdP) with enforced MFA for every human; no IAM user passwords.',
  },
  anchors: { Prowler: ['iam_user_mfa_enabled_console_access'], 'Security Hub': ['IAM.5'], CIS: ['1.10'] },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html'],
  live: {
    reports: { noMfa: { when: 'an IAM user has a console password and no MFA device' } },
    evidence: [
      '`iam:GenerateCredentialReport` and `iam:GetCredentialReport`: each user\'s `password_enabled` and `mfa_active`',
      'without the report, per user: `iam:GetLoginProfile` (`NoSuchEntity` is no password) and `iam:ListMFADevices`',
    ],
    neverReported: [
      'a user without a console password (keys alone are `iam-access-key-age`\'s concern)',
      'a user with a console password and an MFA device (the password itself is reported by `iam-user-console-login`)',
      'a user whose MFA devices could not be read: its guardrail is unknown, never pass',
    ],
  },
  check(login, ctx) {
    const mfa = login.mfaActive;
    if (!mfa || mfa.state === 'absent') return;
    if (mfa.state === 'unknown') return ctx.undecided(`whether ${login.name} has MFA: ${mfa.reason}`, mfa.at);
    if (mfa.value) return;
    ctx.report({ messageId: 'noMfa', at: mfa.at, data: { user: login.user.state === 'set' ? login.user.value : login.name } });
  },
});
