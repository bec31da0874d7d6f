import { ALPHABETS, fakeSecret } from '../../fake-secret';
import { shannonEntropy } from '../../entropy';
import type { SecretMatch } from '../../secret-rule';
import { defineSecretRule } from '../../secret-rule';

// An assignment: a name (an identifier, optionally quoted or in brackets), an operator, and a value: quoted
// (any character but the quote), or bare. The name is checked in `inspect`, so the pattern starts only at
// identifier starts and stays linear.
const ASSIGNMENT =
  /(?<![A-Za-z0-9_.-])(?<name>[A-Za-z0-9_.-]{2,60})["'\]]{0,2}\s{0,5}(?::=|=>|\?=|=|:)\s{0,5}(?:@|[rbuRBU]{1,2})?(?:"(?<dq>[^"\n]{8,200})"|'(?<sq>[^'\n]{8,200})'|`(?<bq>[^`\n]{8,200})`|(?<bare>[^\s"'`;,(){}[\]<>|\\]{8,200}))/g;

function* findAssignments(window: string, offset: number): Iterable<SecretMatch> {
  ASSIGNMENT.lastIndex = 0;
  for (let m = ASSIGNMENT.exec(window); m; m = ASSIGNMENT.exec(window)) {
    const g = m.groups ?? {};
    const secret = g.dq ?? g.sq ?? g.bq ?? g.bare ?? '';
    const quoted = g.bare === undefined;
    const start = offset + m.index + m[0].length - secret.length - (quoted ? 1 : 0);
    // A quoted value may itself hold assignments (`"Server=…;Password=…"`): look inside it too.
    if (quoted) ASSIGNMENT.lastIndex = start - offset;
    // A bare value followed by `(` is a call in code (`toUint8Array(secret)`), not a literal.
    const call = !quoted && window[m.index + m[0].length] === '(';
    yield { secret, start, end: start + secret.length, groups: { name: g.name, quoted: quoted ? 'yes' : undefined, call: call ? 'yes' : undefined } };
  }
}

const CREDENTIAL_NAME = /passw(?:or)?d|passwd|pwd|secret|token|api[_.-]?key|access[_.-]?key|auth[_.-]?key|credential|creds?$|client[_.-]?key|private[_.-]?key|auth$/i;
// Names that hold metadata about a credential, not the credential (gitleaks#1219, #1587: ids, names, types).
const METADATA_NAME =
  /(?:[_.-]?(?:name|names|id|ids|type|types|field|fields|url|uri|urls|path|paths|file|files|filename|dir|len|length|size|prefix|suffix|header|headers|env|var|variable|ref|arn|label|placeholder|hint|regex|pattern|format|count|expires?|expiry|expiration|ttl|timeout|endpoint|policy|mode|enabled|required|hash|digest|version|key_?id|param|params|location|provider|source|store|class|kind|schema|method|algorithm|usage|limit|min|max))$/i;
const PUBLIC_NAME = /public|publishable|keyword|tokeniz|monkey|author|csrf|xsrf|nonce|salt/i;
const NON_VALUES = /^(?:true|false|null|nil|none|undefined|required|optional|string|number|boolean|object|secret|password|token)$/i;
// Dotted references (`var.db_password`, `config.secret`, `os.environ`), calls, paths and URLs are code, not values.
// Member chains with optional chaining and indexes (`m.groups?.secret`, `env['X']`), URLs, paths, and words made
// only of letters, `_`, `.` and `-` (gitleaks requires a non-letter in a generic secret for the same reason).
const REFERENCE =
  /^[A-Za-z_$#][A-Za-z0-9_$-]*(?:[?!]?\.[A-Za-z_$#][A-Za-z0-9_$-]*|\[[^\]]*\])+[!?]?$|^(?:https?|file|s3|gs):\/\/|^[./~]|^[A-Za-z_./-]+$/;

function characterClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
}

const value = (seed: string) => fakeSecret(seed, ALPHABETS.alnum, 24);

export const genericCredential = defineSecretRule({
  id: 'generic-credential',
  title: 'Hard-coded credential',
  provider: 'Generic',
  description:
    'A password, secret, token or API key assigned a literal, random-looking value. Placeholders, references and metadata names are filtered.',
  severity: 'high',
  confidence: 'medium',
  keywords: [
    'passw', 'pwd', 'secret', 'token', 'credential', 'creds', 'auth',
    ...['api', 'access', 'auth', 'client', 'private'].flatMap((w) => ['key', '_key', '-key', '.key'].map((k) => w + k)),
  ],
  find: findAssignments,
  minEntropy: 3,
  visiblePrefix: 0,
  priority: -1,
  inspect(match) {
    const name = match.groups.name ?? '';
    const secret = match.secret;
    if (!CREDENTIAL_NAME.test(name) || METADATA_NAME.test(name) || PUBLIC_NAME.test(name)) return undefined;
    if (NON_VALUES.test(secret) || REFERENCE.test(secret) || match.groups.call) return undefined;
    // Prose and labels contain spaces; credentials almost never do (`credential: 'IAM access key'`).
    if (/\s/.test(secret)) return undefined;
    // A constant that spells its own name (`METADATA_TOKEN = "metadata-token"`) names a header or a key, not a secret.
    const squash = (v: string) => v.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (squash(name).includes(squash(secret))) return undefined;
    // Key blocks belong to the private-key rule, which validates their body.
    if (secret.includes('-----BEGIN')) return undefined;
    if (characterClasses(secret) < 2) return undefined;
    // Long values must look random; short ones are passwords, which rarely do.
    if (secret.length >= 20 && shannonEntropy(secret) < 3.5) return undefined;
    return { data: { name } };
  },
  message:
    '`{{name}}` is assigned a hard-coded credential ({{evidence}}). Anyone who reads the code can use it: rotate it and read it from a secret store at run time.',
  remediation: {
    text: 'Rotate the credential, then read it from the environment or a secret manager.',
    pavedRoad: 'Store credentials in a secret manager (AWS Secrets Manager, GCP Secret Manager, Key Vault) and inject them at run time.',
  },
  anchors: { gitleaks: ['generic-api-key'], 'detect-secrets': ['KeywordDetector'], secretlint: ['basicauth (URLs only)'] },
  references: ['https://cwe.mitre.org/data/definitions/798.html'],
  examples: {
    leaks: [
      `db_password = "${value('c1')}"`,
      `API_KEY=${value('c2')}`,
      `  "client_secret": "${value('c3')}",`,
      `const apiToken = '${value('c4')}';`,
      `password: Tr0ub4dor&3x!`,
      `SECRET_KEY = '${fakeSecret('c6', ALPHABETS.alnum, 20)}(%$#)!'`,
      `some_dict["secret"] = "${value('c7')}"`,
      `NSString *apikey = @"${value('c8')}";`,
      `"Orders": "Server=tcp:sql.acme.io,1433;Database=orders;User Id=app;Password=${value('c9')};Encrypt=True;"`,
    ],
    notLeaks: [
      { text: 'password = "changeme"', why: 'a placeholder' },
      { text: 'password = var.db_password', why: 'a Terraform reference' },
      { text: 'secret_name = "payments/db-credentials-2024"', why: 'the name of a secret, not its value' },
      { text: 'token_type = "Bearer"', why: 'metadata about a token' },
      { text: 'DB_PASSWORD=${DB_PASSWORD}', why: 'an environment reference' },
      { text: 'password: "{{ .Values.db.password }}"', why: 'a Helm template' },
      { text: 'max_tokens = 4096', why: 'a number, not a credential' },
      { text: 'password = os.environ["DB_PASSWORD"]', why: 'read from the environment' },
      { text: 'tokenizationId = "c0a8f2d4-17e3-4b1a-9f3e-2d6c8b7a5e41"', why: 'an id, not a credential (gitleaks#1219)' },
      { text: 'secret_key_path = "/etc/app/secret.key"', why: 'a path' },
      { text: 'password_field = "user_password_1"', why: 'metadata name' },
      { text: '"token1": "xoxp-1234567890"', why: 'a truncated example with a sequential run' },
      { text: 'author = "Jane Doe <jane@example.org>"', why: 'not a credential name' },
      { text: "const secret = m.groups?.secret ?? '';", why: 'optional chaining: a reference in code' },
      { text: 'this.secret = toUint8Array(secret);', why: 'a function call, not a literal' },
      { text: "credential: 'IAM access key',", why: 'a label with spaces' },
      { text: 'credentials: "same-origin"', why: 'a keyword made only of letters and dashes' },
      { text: 'X_AWS_EC2_METADATA_TOKEN = "x-aws-ec2-metadata-token";', why: 'a constant that spells its own name' },
      { text: "const tokens = level?.HttpTokens;", why: 'a property read' },
    ],
  },
});
