import { ALPHABETS, fakeSecret } from '../../fake-secret';
import type { SecretMatch } from '../../secret-rule';
import { defineSecretRule } from '../../secret-rule';

const NPM_TOKEN = /(?<![A-Za-z0-9_])(?<secret>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/g;
// `.npmrc`: `//registry.npmjs.org/:_authToken=…`; `${NPM_TOKEN}` references are placeholders.
const AUTH_TOKEN = /_authToken\s{0,3}=\s{0,3}["']?(?<secret>[A-Za-z0-9._~+/=-]{20,512})/g;

// `.npmrc` `_auth=` is base64 of `user:password`.
const BASIC_AUTH = /(?<![A-Za-z0-9_])_auth\s{0,3}=\s{0,3}["']?(?<secret>[A-Za-z0-9+/]{8,512}={0,2})(?![A-Za-z0-9+/=])/g;

function isUserPassword(encoded: string): boolean {
  try {
    return /^[^:\s]{1,128}:\S{3,}$/.test(atob(encoded));
  } catch {
    return false;
  }
}

function* findNpmTokens(window: string, offset: number): Iterable<SecretMatch> {
  const seen = new Set<number>();
  BASIC_AUTH.lastIndex = 0;
  for (let m = BASIC_AUTH.exec(window); m; m = BASIC_AUTH.exec(window)) {
    const secret = m.groups?.secret ?? '';
    if (!isUserPassword(secret)) continue;
    const start = offset + m.index + m[0].length - secret.length;
    seen.add(start);
    yield { secret, start, end: start + secret.length, groups: {} };
  }
  for (const re of [NPM_TOKEN, AUTH_TOKEN]) {
    re.lastIndex = 0;
    for (let m = re.exec(window); m; m = re.exec(window)) {
      const secret = m.groups?.secret ?? '';
      const start = offset + m.index + m[0].length - secret.length;
      if (seen.has(start)) continue;
      seen.add(start);
      yield { secret, start, end: start + secret.length, groups: {} };
    }
  }
}

const token = (seed: string) => 'npm_' + fakeSecret(seed, ALPHABETS.alnum, 36);

export const npmToken = defineSecretRule({
  id: 'npm-token',
  title: 'npm access token',
  provider: 'npm',
  description: 'An npm access token (`npm_…`) or an `.npmrc` `_authToken` value.',
  severity: 'critical',
  confidence: 'high',
  keywords: ['npm_', '_auth'],
  find: findNpmTokens,
  minEntropy: 3,
  visiblePrefix: 4,
  prefixLength: 4,
  message:
    'An npm token is committed ({{evidence}}). It can publish packages as its owner, a supply-chain risk: revoke it and publish from CI with trusted publishing.',
  remediation: {
    text: 'Revoke the token (`npm token revoke` or npmjs.com > Access Tokens) and check recent publishes.',
    pavedRoad: 'Use npm trusted publishing (OIDC) from CI; read install tokens from `${NPM_TOKEN}`.',
  },
  anchors: { gitleaks: ['npm-access-token'], secretlint: ['npm'], trufflehog: ['NpmToken'] },
  references: ['https://docs.npmjs.com/trusted-publishers'],
  examples: {
    leaks: [
      `//registry.npmjs.org/:_authToken=${token('n1')}`,
      `NPM_TOKEN=${token('n2')}`,
      { path: '.npmrc', text: `//npm.pkg.github.com/:_authToken=${fakeSecret('n3', ALPHABETS.base64, 40)}` },
      { path: '.npmrc', text: `//npm.acme.test/:_auth=${btoa(`ci-publisher:${fakeSecret('n4', ALPHABETS.alnum, 16)}`)}` },
    ],
    notLeaks: [
      { text: '//registry.npmjs.org/:_authToken=${NPM_TOKEN}', why: 'a reference to an environment variable' },
      { text: `NPM_TOKEN=npm_${'0'.repeat(36)}`, why: 'a placeholder' },
    ],
  },
});
