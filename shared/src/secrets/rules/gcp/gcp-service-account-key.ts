import { ALPHABETS, fakePem, fakeSecret } from '../../fake-secret';
import { decodedRunsWith, encodedForms } from '../../base64-run';
import { isKeyMaterial, pemBlocks } from '../../pem-block';
import type { SecretMatch } from '../../secret-rule';
import { defineSecretRule } from '../../secret-rule';

// Matches plain and escaped JSON (a key file pasted into an env var or a CI variable: `{\"type\": ...}`).
const TYPE = /\\?"type\\?"\s*:\s*\\?"service_account\\?"/g;
const PRIVATE_KEY = /\\?"private_key\\?"\s*:\s*\\?"/g;
const CLIENT_EMAIL = /\\?"client_email\\?"\s*:\s*\\?"(?<email>[^"\\\s]{1,200}?)\\?"/;
// A key file is a few kilobytes: `"type"` must sit this close to `"private_key"`.
const REACH = 8192;
const MAX_BLOCK = 64 * 1024;

/**
 * Linear: one pass collects the `"type": "service_account"` positions, one pass walks the `"private_key"`
 * fields with a moving pointer into them, and END markers are searched forward only.
 */
const ENCODED_TYPE = encodedForms('service_account');

function* findServiceAccountKeys(text: string, offset: number): Iterable<SecretMatch> {
  yield* findInJson(text, offset);
  // A key file committed base64-encoded (a CI variable, a Kubernetes Secret).
  for (const run of decodedRunsWith(text, ENCODED_TYPE)) {
    for (const match of findInJson(run.decoded, 0)) {
      yield { ...match, start: offset + run.start, end: offset + run.end, groups: { ...match.groups, encoded: 'yes' } };
    }
  }
}

function* findInJson(text: string, offset: number): Iterable<SecretMatch> {
  const types: number[] = [];
  TYPE.lastIndex = 0;
  for (let m = TYPE.exec(text); m; m = TYPE.exec(text)) types.push(m.index);
  if (types.length === 0) return;
  let t = 0;
  let nextEnd = -1;
  PRIVATE_KEY.lastIndex = 0;
  for (let m = PRIVATE_KEY.exec(text); m; m = PRIVATE_KEY.exec(text)) {
    const field = m.index;
    while (t < types.length && types[t]! < field - REACH) t++;
    if (t >= types.length || types[t]! > field + REACH) continue;
    const valueStart = field + m[0].length;
    if (!text.startsWith('-----BEGIN', valueStart)) continue;
    if (nextEnd < valueStart) {
      nextEnd = text.indexOf('-----END', valueStart);
      if (nextEnd < 0) return;
    }
    const close = text.indexOf('-----', nextEnd + 8);
    if (close < 0 || close - valueStart > MAX_BLOCK) continue;
    const block = [...pemBlocks(text.slice(valueStart, close + 5), offset + valueStart)][0];
    if (!block || !isKeyMaterial(block)) continue;
    PRIVATE_KEY.lastIndex = close + 5;
    const region = text.slice(Math.max(0, field - REACH), Math.min(text.length, field + REACH));
    const email = CLIENT_EMAIL.exec(region)?.groups?.email;
    yield { secret: block.body, start: block.start, end: block.end, groups: { email } };
  }
}

const keyFile = (seed: string) =>
  JSON.stringify(
    {
      type: 'service_account',
      project_id: 'payments-prod',
      private_key_id: fakeSecret(seed, ALPHABETS.hex, 40),
      private_key: fakePem(seed, 'PRIVATE KEY') + '\n',
      client_email: 'deployer@payments-prod.iam.gserviceaccount.com',
      client_id: fakeSecret(seed + 'id', ALPHABETS.digits, 21),
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: 'https://oauth2.googleapis.com/token',
    },
    null,
    2,
  );

export const gcpServiceAccountKey = defineSecretRule({
  id: 'gcp-service-account-key',
  title: 'GCP service-account key',
  provider: 'GCP',
  description: 'A Google Cloud service-account key file (JSON with `"type": "service_account"` and a private key).',
  severity: 'critical',
  confidence: 'high',
  keywords: ['service_account', ...ENCODED_TYPE.map((f) => f.toLowerCase())],
  scope: 'text',
  find: findServiceAccountKeys,
  visiblePrefix: 0,
  skipPlaceholderCheck: true,
  priority: 2,
  inspect(match) {
    const email = match.groups.email;
    const data: Record<string, string> = { account: email ? ` for ${email}` : '' };
    return {
      data,
      evidence: `service-account key${email ? ` of ${email}` : ''}…(${match.secret.length} base64 chars)`,
      ...(email ? { properties: { serviceAccount: email } } : {}),
    };
  },
  message:
    'A GCP service-account key{{account}} is committed. It never expires by default and grants the account\'s roles to anyone holding it: delete the key and use workload identity instead.',
  remediation: {
    text: 'Delete the key (IAM > Service accounts > Keys), review its use in Cloud Audit Logs, and purge the file from the git history.',
    pavedRoad: 'Use Workload Identity Federation (GitHub OIDC, GKE Workload Identity) and block key creation with the `iam.disableServiceAccountKeyCreation` policy.',
  },
  anchors: { gitleaks: ['gcp-service-account (not in the default config)'], secretlint: ['gcp'], trufflehog: ['GCP'], 'GitHub secret scanning': ['google_cloud_private_key_id'] },
  references: ['https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys'],
  examples: {
    leaks: [
      { path: 'deploy/sa.json', text: keyFile('sa1') },
      { path: '.env', text: `GOOGLE_CREDENTIALS=${JSON.stringify(keyFile('sa2'))}` },
      { path: 'k8s/secret.yml', text: `data:\n  key.json: ${btoa(keyFile('sa3'))}` },
    ],
    notLeaks: [
      {
        text: '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n"}',
        why: 'a documentation template with an elided key',
      },
      { text: '{"type": "service_account", "client_email": "x@y.iam.gserviceaccount.com"}', why: 'no private key' },
    ],
  },
});
