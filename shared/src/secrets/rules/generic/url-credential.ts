import { ALPHABETS, fakeSecret } from '../../fake-secret';
import { defineSecretRule } from '../../secret-rule';

// `scheme://user:password@host`: database URLs, broker URLs, git remotes with a password.
const URL_CREDENTIAL =
  /(?<![A-Za-z0-9+.-])(?<scheme>[a-z][a-z0-9+.-]{1,20}):\/\/(?<user>[^\s:@/"'<>`]{1,64}):(?<secret>[^\s:@/"'<>`]{3,128})@(?<host>[A-Za-z0-9.-]{1,253})/i;
// Defaults that documentation and local development use, never real secrets.
const DEFAULT_PASSWORDS = /^(?:pass(?:word)?|passwd|secret|changeme|admin|root|test|guest|postgres|mysql|redis|user|example|\*+|x+)$/i;
const LOCAL_HOSTS = /^(?:localhost|127\.0\.0\.1|0\.0\.0\.0|host\.docker\.internal|example\.(?:com|org|net)|.*\.example\.(?:com|org|net)|.*\.local|db|database|postgres|mysql|redis|mongo|rabbitmq)$/i;

export const urlCredential = defineSecretRule({
  id: 'url-credential',
  title: 'Password in a URL',
  provider: 'Generic',
  description: 'A URL with a literal password (`scheme://user:password@host`): database, broker and git remote URLs.',
  severity: 'high',
  confidence: 'medium',
  keywords: ['://'],
  pattern: URL_CREDENTIAL,
  minEntropy: 2.5,
  visiblePrefix: 0,
  inspect(match) {
    const { user, host, scheme } = match.groups;
    if (!host || !scheme || DEFAULT_PASSWORDS.test(match.secret) || match.secret === user || LOCAL_HOSTS.test(host)) return undefined;
    return { data: { scheme: scheme.toLowerCase(), host }, properties: { host } };
  },
  message:
    'A {{scheme}} URL for {{host}} carries a literal password ({{evidence}}). Anyone with the code can connect: rotate the password and build the URL from a secret at run time.',
  remediation: {
    text: 'Rotate the password, then read the URL or its password from the environment or a secret manager.',
    pavedRoad: 'Use IAM database authentication or managed identities where the service supports them; otherwise a secret manager.',
  },
  anchors: { secretlint: ['basicauth', 'database-connection-string'], gitleaks: ['generic-api-key (partly)'] },
  references: ['https://cwe.mitre.org/data/definitions/798.html'],
  examples: {
    leaks: [
      `DATABASE_URL=postgres://orders_app:${fakeSecret('u1', ALPHABETS.alnum, 18)}@db.internal.acme.io:5432/orders`,
      `broker: "amqp://svc:${fakeSecret('u2', ALPHABETS.alnum, 16)}@mq.prod.acme.io/"`,
    ],
    notLeaks: [
      { text: 'DATABASE_URL=postgres://postgres:postgres@localhost:5432/dev', why: 'a local development default' },
      { text: 'url = "https://user:${PASSWORD}@git.acme.io/repo.git"', why: 'a reference, not a value' },
      { text: 'mongodb://admin:password@mongo.acme.io', why: 'a documentation default password' },
      { text: 'see https://docs.acme.io/setup for details', why: 'a URL without credentials' },
    ],
  },
});
