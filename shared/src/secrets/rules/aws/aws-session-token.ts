import { ALPHABETS, fakeSecret } from '../../fake-secret';
import { AWS_KEY_ID } from '../../aws-key-id';
import { shannonEntropy } from '../../entropy';
import type { SecretMatch } from '../../secret-rule';
import { defineSecretRule } from '../../secret-rule';

const NAMED =
  /(?<![A-Za-z0-9_])[A-Za-z0-9_.-]{0,30}(?:session|security)[_.-]?token["'\]]?\s{0,5}(?::=|=>|=|:)\s{0,5}["'`]?(?<secret>[A-Za-z0-9/+=]{100,4096})(?![A-Za-z0-9/+=])/gi;
// Without a name, a long base64 blob is a session token only beside a temporary (ASIA) key id.
const BARE = /(?<![A-Za-z0-9/+])(?<secret>[A-Za-z0-9/+]{100,4096}={0,3})(?![A-Za-z0-9/+=])/g;

function* findSessionTokens(window: string, offset: number): Iterable<SecretMatch> {
  const seen = new Set<number>();
  NAMED.lastIndex = 0;
  for (let m = NAMED.exec(window); m; m = NAMED.exec(window)) {
    const secret = m.groups?.secret ?? '';
    const start = offset + m.index + m[0].length - secret.length;
    seen.add(start);
    yield { secret, start, end: start + secret.length, groups: {} };
  }
  const id = AWS_KEY_ID.exec(window);
  if (!id?.[0].startsWith('ASIA')) return;
  BARE.lastIndex = 0;
  for (let m = BARE.exec(window); m; m = BARE.exec(window)) {
    const secret = m.groups?.secret ?? '';
    const start = offset + m.index;
    if (seen.has(start) || shannonEntropy(secret) < 4.5) continue;
    yield { secret, start, end: start + secret.length, groups: {} };
  }
}

const token = (seed: string) => 'IQoJb3JpZ2luX2VjE' + fakeSecret(seed, ALPHABETS.base64, 300);

export const awsSessionToken = defineSecretRule({
  id: 'aws-session-token',
  title: 'AWS session token',
  provider: 'AWS',
  description: 'A temporary AWS session token. It expires, but until then it grants the role\'s access.',
  severity: 'high',
  confidence: 'high',
  keywords: ['session_token', 'sessiontoken', 'session-token', 'security_token', 'securitytoken', 'security-token', 'asia'],
  find: findSessionTokens,
  contextLines: 4,
  minEntropy: 4,
  visiblePrefix: 0,
  priority: 1,
  message:
    'An AWS session token is committed ({{evidence}}). It works until it expires: revoke the role\'s active sessions, and stop copying temporary credentials into files.',
  remediation: {
    text: "Revoke active sessions of the role (IAM > Roles > Revoke sessions) and remove the token from the repository.",
    pavedRoad: 'Let the SDK obtain credentials from the environment (instance profile, OIDC in CI) instead of pasting them.',
  },
  anchors: { trufflehog: ['AWSSessionKey'], 'GitHub secret scanning': ['aws_temporary_access_key_id'] },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html'],
  examples: {
    leaks: [
      `aws_session_token = ${token('t1')}`,
      `"SessionToken": "${token('t2')}"`,
      `export AWS_ACCESS_KEY_ID=ASIA${fakeSecret('i3', ALPHABETS.base32, 16)}\nexport TOKEN=${token('t3')}`,
    ],
    notLeaks: [
      { text: 'aws_session_token = ${AWS_SESSION_TOKEN}', why: 'a reference to an environment variable' },
      { text: `aws_session_token = "${'x'.repeat(120)}"`, why: 'a placeholder' },
      { text: `integrity: "${fakeSecret('n3', ALPHABETS.base64, 120)}"`, why: 'a long base64 value with no session-token name and no ASIA key id nearby' },
    ],
  },
});
