import { ALPHABETS, fakeSecret } from '../../fake-secret';
import { AWS_KEY_ID } from '../../aws-key-id';
import { shannonEntropy } from '../../entropy';
import type { SecretMatch } from '../../secret-rule';
import { defineSecretRule } from '../../secret-rule';

// A secret access key is 40 characters of base64. Alone it looks like any other base64, so it is reported
// only when assigned to a secret-key-like name or when a key id sits within a few lines (GitHub secret
// scanning's pair rule does the same).
const NAMED =
  /secret[_. -]?(?:access[_. -]?)?key[A-Za-z0-9_]{0,10}["'\]]?\s{0,5}(?::=|=>|=|:|,)\s{0,5}["'`]?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi;
const BARE = /(?<![A-Za-z0-9/+])(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g;

const PAIRED_MIN_ENTROPY = 4.25;

function looksRandom(value: string): boolean {
  return /[A-Z]/.test(value) && /[a-z]/.test(value) && !/^[0-9a-f]+$/i.test(value);
}

function* findSecretKeys(window: string, offset: number): Iterable<SecretMatch> {
  const seen = new Set<number>();
  NAMED.lastIndex = 0;
  for (let m = NAMED.exec(window); m; m = NAMED.exec(window)) {
    const secret = m.groups?.secret ?? '';
    const start = offset + m.index + m[0].length - secret.length;
    if (!looksRandom(secret)) continue;
    seen.add(start);
    yield { secret, start, end: start + secret.length, groups: { pairing: 'name' } };
  }
  if (!AWS_KEY_ID.test(window)) return;
  BARE.lastIndex = 0;
  for (let m = BARE.exec(window); m; m = BARE.exec(window)) {
    const secret = m.groups?.secret ?? '';
    const start = offset + m.index;
    if (seen.has(start)) continue;
    if (!looksRandom(secret) || !/[0-9]/.test(secret) || shannonEntropy(secret) < PAIRED_MIN_ENTROPY) continue;
    yield { secret, start, end: start + secret.length, groups: { pairing: 'key id' } };
  }
}

const secret = (seed: string) => fakeSecret(seed, ALPHABETS.base64, 40);
const keyId = (seed: string) => 'AKIA' + fakeSecret(seed, ALPHABETS.base32, 16);

export const awsSecretAccessKey = defineSecretRule({
  id: 'aws-secret-access-key',
  title: 'AWS secret access key',
  provider: 'AWS',
  description:
    'An AWS secret access key, found by its name (`aws_secret_access_key`, `SecretAccessKey`, ...) or next to an access key id.',
  severity: 'critical',
  confidence: 'high',
  keywords: ['secret', 'akia', 'asia', 'abia', 'acca', 'a3t'],
  find: findSecretKeys,
  contextLines: 4,
  minEntropy: 3.5,
  allow: [/EXAMPLEKEY$/],
  visiblePrefix: 0,
  priority: 1,
  inspect(match) {
    return { data: { pairing: match.groups.pairing ?? 'name' } };
  },
  message:
    'An AWS secret access key is committed ({{evidence}}, found by its {{pairing}}). Together with its key id it signs requests as the key owner: deactivate and delete the key, then move to role-based credentials.',
  remediation: {
    text: 'Deactivate and delete the access key in IAM, review CloudTrail for its use, and purge it from the git history.',
    pavedRoad: 'Use IAM roles (instance profiles, EKS Pod Identity, OIDC in CI) so no secret key exists to leak.',
  },
  anchors: { secretlint: ['AWSSecretAccessKey'], trufflehog: ['AWS'], 'detect-secrets': ['AWSKeyDetector'], 'GitHub secret scanning': ['aws_secret_access_key'] },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html'],
  examples: {
    leaks: [
      `aws_secret_access_key = ${secret('s1')}`,
      `AWS_SECRET_ACCESS_KEY="${secret('s2')}"`,
      `{"SecretAccessKey": "${secret('s3')}"}`,
      `creds = {\n  "id": "${keyId('k4')}",\n  "key": "${secret('s4')}",\n}`,
      `secretKey: '${secret('s5')}'`,
    ],
    notLeaks: [
      { text: 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', why: 'the AWS documentation example secret' },
      { text: 'commit = "5d9f0a6b1c2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a"', why: 'a git SHA: hex, with no key id or secret-key name' },
      { text: `checksum: "${secret('n3')}"`, why: 'base64 with no key id nearby and no secret-key name' },
      { text: 'aws_secret_access_key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}', why: 'a reference to a CI secret, not a value' },
      { text: `aws_secret_access_key = "${'A'.repeat(40)}"`, why: 'a placeholder: one repeated character' },
    ],
  },
});
