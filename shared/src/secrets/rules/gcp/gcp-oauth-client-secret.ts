import { ALPHABETS, fakeSecret } from '../../fake-secret';
import { defineSecretRule } from '../../secret-rule';

const secret = (seed: string) => 'GOCSPX-' + fakeSecret(seed, ALPHABETS.base64url, 28);

export const gcpOauthClientSecret = defineSecretRule({
  id: 'gcp-oauth-client-secret',
  title: 'Google OAuth client secret',
  provider: 'GCP',
  description: 'A Google OAuth 2.0 client secret (`GOCSPX-…`).',
  severity: 'high',
  confidence: 'high',
  keywords: ['gocspx-'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>GOCSPX-[A-Za-z0-9_-]{28})(?![A-Za-z0-9_-])/,
  minEntropy: 3.5,
  visiblePrefix: 7,
  prefixLength: 7,
  message:
    'A Google OAuth client secret is committed ({{evidence}}). It lets anyone impersonate your OAuth client: reset the secret and keep the new one in a secret manager.',
  remediation: {
    text: 'Reset the client secret in Google Cloud console > APIs & Services > Credentials.',
    pavedRoad: 'Keep OAuth client secrets in Secret Manager and inject them at run time.',
  },
  anchors: { trufflehog: ['GoogleOauth2'], 'GitHub secret scanning': ['google_oauth_client_secret'] },
  references: ['https://support.google.com/cloud/answer/15549257'],
  examples: {
    leaks: [`"client_secret": "${secret('o1')}"`, `GOOGLE_CLIENT_SECRET=${secret('o2')}`],
    notLeaks: [{ text: `client_secret = "GOCSPX-${'x'.repeat(28)}"`, why: 'a placeholder' }],
  },
});
