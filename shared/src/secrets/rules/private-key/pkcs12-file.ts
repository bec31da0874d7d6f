import { defineFileRule } from '../../secret-rule';

export const pkcs12File = defineFileRule({
  id: 'pkcs12-file',
  title: 'PKCS#12 key store',
  provider: 'PKCS#12',
  description: 'A `.p12` / `.pfx` key store, which bundles a private key with its certificate.',
  severity: 'high',
  confidence: 'medium',
  path: /(?:^|\/)[^/]+\.(?:p12|pfx)$/i,
  message:
    'A PKCS#12 key store ({{path}}) is committed. It holds a private key, often with a weak or default password (legacy GCP keys use `notasecret`): revoke the certificate or key and remove the file.',
  remediation: {
    text: 'Revoke the certificate or key it contains, remove the file and purge it from the git history.',
    pavedRoad: 'Keep certificates and keys in a secret manager, Key Vault or ACM.',
  },
  anchors: { gitleaks: ['pkcs12-file'], secretlint: ['gcp (p12)'] },
  references: ['https://datatracker.ietf.org/doc/html/rfc7292'],
  examples: {
    leaks: ['certs/client.p12', 'signing/release.PFX'],
    notLeaks: [
      { text: 'docs/p12-format.md', why: 'a document about the format' },
      { text: 'certs/client.p12.md', why: 'not a key store extension' },
    ],
  },
});
