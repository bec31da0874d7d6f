import { ALPHABETS, fakeSecret } from '../../fake-secret';
import { defineSecretRule } from '../../secret-rule';

// Entra ID client secrets created since 2021: 3 characters, a digit, `Q~`, then 31-34 characters
// (the format gitleaks and TruffleHog anchor on).
const CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_~.-';
const secret = (seed: string) =>
  fakeSecret(seed, ALPHABETS.alnum, 3) + '8Q~' + fakeSecret(seed + 'b', CHARS, 34);

export const azureEntraClientSecret = defineSecretRule({
  id: 'azure-entra-client-secret',
  title: 'Azure Entra ID client secret',
  provider: 'Azure',
  description: 'An Entra ID (Azure AD) application client secret (`…Q~…`).',
  severity: 'critical',
  confidence: 'high',
  keywords: ['q~'],
  pattern: /(?<![A-Za-z0-9_~.-])(?<secret>[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])/,
  minEntropy: 3,
  visiblePrefix: 0,
  message:
    'An Entra ID client secret is committed ({{evidence}}). It signs in as the application wherever it has access: delete the secret from the app registration and use federated credentials.',
  remediation: {
    text: 'Delete the secret in Entra ID > App registrations > Certificates & secrets and review the sign-in logs of the service principal.',
    pavedRoad: 'Use managed identities in Azure and workload identity federation (GitHub OIDC) elsewhere: no client secrets.',
  },
  anchors: { gitleaks: ['azure-ad-client-secret'], trufflehog: ['AzureEntra ServicePrincipal v2'], 'GitHub secret scanning': ['azure_active_directory_application_secret'] },
  references: ['https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation'],
  examples: {
    leaks: [
      `AZURE_CLIENT_SECRET=${secret('e1')}`,
      `"clientSecret": "${secret('e2')}"`,
      `client_secret = '${secret('e3')}'`,
    ],
    notLeaks: [
      { text: `AZURE_CLIENT_SECRET=abc8Q~${'x'.repeat(34)}`, why: 'a placeholder' },
      { text: 'url = "https://example.com/search?q~term"', why: 'no secret around the `Q~`' },
    ],
  },
});
