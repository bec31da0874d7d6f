import { fakePem } from '../../fake-secret';
import { decodedRunsWith, encodedForms } from '../../base64-run';
import { keyMaterial, pemBlocks } from '../../pem-block';
import type { SecretMatch } from '../../secret-rule';
import { defineSecretRule } from '../../secret-rule';

const ENCODED_BEGIN = encodedForms('-----BEGIN');

function* findPrivateKeys(text: string, offset: number): Iterable<SecretMatch> {
  for (const block of pemBlocks(text, offset)) {
    const material = keyMaterial(block);
    if (material === 'none') continue;
    yield {
      secret: block.body,
      start: block.start,
      end: block.end,
      groups: { label: block.label, encrypted: block.encrypted ? 'yes' : undefined, material },
    };
  }
  // A PEM file committed base64-encoded, e.g. in a Kubernetes Secret's `data:`.
  for (const run of decodedRunsWith(text, ENCODED_BEGIN)) {
    for (const block of pemBlocks(run.decoded)) {
      const material = keyMaterial(block);
      if (material === 'none') continue;
      yield {
        secret: block.body,
        start: offset + run.start,
        end: offset + run.end,
        groups: { label: block.label, encrypted: block.encrypted ? 'yes' : undefined, material, encoded: 'yes' },
      };
    }
  }
}

export const privateKey = defineSecretRule({
  id: 'private-key',
  title: 'Private key',
  provider: 'PEM / OpenSSH / PGP',
  description: 'A private key block (RSA, EC, DSA, PKCS#8, OpenSSH, PGP), also inside JSON or YAML strings.',
  severity: 'critical',
  confidence: 'high',
  keywords: ['-----begin', ...ENCODED_BEGIN.map((f) => f.toLowerCase())],
  scope: 'text',
  find: findPrivateKeys,
  visiblePrefix: 0,
  skipPlaceholderCheck: true,
  inspect(match) {
    const label = match.groups.label ?? 'PRIVATE KEY';
    const encrypted = match.groups.encrypted === 'yes';
    const encoded = match.groups.encoded === 'yes';
    return {
      severity: encrypted ? 'high' : 'critical',
      // Key material without the DER or OpenSSH header is likely but less certain.
      confidence: match.groups.material === 'structured' ? 'high' : 'medium',
      evidence: `${encoded ? 'base64 of ' : ''}-----BEGIN ${label}-----…(${match.secret.length} base64 chars)`,
      data: { label, encrypted: encrypted ? ' (passphrase-encrypted)' : '', encoded: encoded ? ', base64-encoded,' : '' },
      properties: { keyType: label, encrypted, encoded },
    };
  },
  message:
    'A private key ({{label}}){{encrypted}}{{encoded}} is committed. Whoever reads the repository can sign, decrypt or log in as its owner: revoke it where it is trusted, generate a new key and keep it out of the repository.',
  remediation: {
    text: 'Revoke the key wherever it is trusted (authorized_keys, deploy keys, certificates), create a new one, and purge the old one from the git history.',
    pavedRoad: 'Keep keys in a secret manager or KMS/HSM; use short-lived certificates (SSH CA, ACM) instead of long-lived key files.',
  },
  anchors: { gitleaks: ['private-key'], secretlint: ['privatekey'], trufflehog: ['PrivateKey'], 'detect-secrets': ['PrivateKeyDetector'] },
  references: ['https://docs.github.com/en/code-security/secret-scanning/introduction/supported-secret-scanning-patterns'],
  examples: {
    leaks: [
      fakePem('p1'),
      fakePem('p2', 'PRIVATE KEY'),
      `{"key": "${fakePem('p3', 'EC PRIVATE KEY', 160).replace(/\n/g, '\\n')}"}`,
      { path: 'deploy/id_rsa', text: fakePem('p4', 'ENCRYPTED PRIVATE KEY') },
      `apiVersion: v1\nkind: Secret\ndata:\n  tls.key: ${btoa(fakePem('p5', 'RSA PRIVATE KEY'))}`,
    ],
    notLeaks: [
      { text: '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----', why: 'a placeholder body' },
      { text: '-----BEGIN PRIVATE KEY-----\n<your key here>\n-----END PRIVATE KEY-----', why: 'a template' },
      { text: fakePem('n3', 'PUBLIC KEY'), why: 'a public key is not a secret' },
      { text: fakePem('n4', 'CERTIFICATE'), why: 'a certificate is public' },
      { text: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC', why: 'a header without a closing END: an excerpt in docs' },
    ],
  },
});
