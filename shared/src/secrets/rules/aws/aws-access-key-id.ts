import { ALPHABETS, fakeSecret } from '../../fake-secret';
import { AWS_KEY_ID_SOURCE, awsAccountFromKeyId, awsKeyKind } from '../../aws-key-id';
import { defineSecretRule } from '../../secret-rule';

const id = (seed: string, prefix = 'AKIA') => prefix + fakeSecret(seed, ALPHABETS.base32, 16);

export const awsAccessKeyId = defineSecretRule({
  id: 'aws-access-key-id',
  title: 'AWS access key id',
  provider: 'AWS',
  description:
    'An AWS access key id. `AKIA` keys are long-lived IAM user keys; `ASIA` keys are temporary STS credentials that stay valid until they expire.',
  severity: 'critical',
  confidence: 'high',
  keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'],
  pattern: new RegExp(`(?<![A-Za-z0-9])(?<secret>${AWS_KEY_ID_SOURCE})(?![A-Za-z0-9])`),
  minEntropy: 3,
  // The AWS documentation examples (AKIAIOSFODNN7EXAMPLE) end in EXAMPLE.
  allow: [/EXAMPLE$/],
  visiblePrefix: 4,
  prefixLength: 4,
  inspect(match) {
    const kind = awsKeyKind(match.secret);
    const account = awsAccountFromKeyId(match.secret);
    const properties: Record<string, string> = { keyKind: kind };
    if (account) properties.awsAccount = account;
    return {
      severity: kind === 'long-lived' ? 'critical' : 'high',
      data: { kind, account: account ? ` of account ${account}` : '' },
      properties,
    };
  },
  message:
    'An AWS {{kind}} access key id{{account}} is committed ({{evidence}}). With its secret it grants the key owner\'s access to anyone who can read this repository: deactivate and delete the key in IAM, then load credentials from a role instead.',
  remediation: {
    text: 'Deactivate and delete the key (IAM > Users > Security credentials), check CloudTrail for its use, and remove it from the code and the git history.',
    pavedRoad: 'Use IAM roles: instance profiles, IRSA/Pod Identity on EKS, and OIDC (`role-to-assume`) in CI. No access keys in code.',
  },
  anchors: { gitleaks: ['aws-access-token'], trufflehog: ['AWS'], secretlint: ['AWSAccessKeyID'], 'GitHub secret scanning': ['aws_access_key_id'] },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
  ],
  examples: {
    leaks: [
      `aws_access_key_id = ${id('ex1')}`,
      `export AWS_ACCESS_KEY_ID="${id('ex2')}"`,
      `{"AccessKeyId": "${id('ex3', 'ASIA')}"}`,
      `key: ${id('ex4', 'ABIA')}`,
    ],
    notLeaks: [
      { text: 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE', why: 'the AWS documentation example key' },
      { text: `id = "AKIA${'X'.repeat(16)}"`, why: 'a placeholder: one repeated character' },
      { text: `ref = "XAKIA${fakeSecret('n3', ALPHABETS.base32, 16)}"`, why: 'part of a longer word, not a key id' },
      { text: `name = "AKIA${fakeSecret('n4', ALPHABETS.base32, 15)}"`, why: 'too short for a key id (15 characters after the prefix)' },
      { text: `value = "AKIA${fakeSecret('n5', ALPHABETS.base32, 14)}01"`, why: '0 and 1 are not base32: not a key id' },
    ],
  },
});
