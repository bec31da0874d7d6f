import { DEFAULT_CONFIG } from '../config/config';
import { FileScanner } from '../engine/file-scanner';
import { awsAccountFromKeyId } from './aws-key-id';
import { ALPHABETS, fakePem, fakeSecret } from './fake-secret';
import { SECRET_RULES } from './secret-rule-registry';
import { SecretScanner } from './secret-scanner';

const scanner = new SecretScanner(SECRET_RULES);
const files = new FileScanner({ config: DEFAULT_CONFIG, source: 'repo', today: '2026-11-28' });
const keyId = (seed: string) => 'AKIA' + fakeSecret(seed, ALPHABETS.base32, 16);
const secretKey = (seed: string) => fakeSecret(seed, ALPHABETS.base64, 40);

/** The fastest of five runs: interference from other processes only ever adds time. */
function bestMs(fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

// Inputs built to make backtracking regexes go quadratic: long runs of the characters each pattern
// accepts, keywords repeated with no valid match, and openers without closers.
const ADVERSARIAL: Record<string, (n: number) => string> = {
  'repeated key id prefixes': (n) => 'AKIA'.repeat(n / 4),
  'a long base64 run beside a key id': (n) => `${keyId('adv')} ` + 'A1b2'.repeat(n / 4),
  'secret-key names without values': (n) => 'aws_secret_access_key='.repeat(n / 22),
  'generic names with long values': (n) => ('password=' + 'x9'.repeat(150) + ' ').repeat(n / 310),
  'identifier runs with keywords': (n) => ('a'.repeat(50) + 'token').repeat(n / 55),
  'PEM openers without an end': (n) => '-----BEGIN PRIVATE KEY-----\n'.repeat(n / 28),
  'service-account types without keys': (n) => '{"type": "service_account", "private_key": "'.repeat(n / 46),
  'Slack prefixes with digit runs': (n) => ('xoxb-' + '1'.repeat(60) + '-').repeat(n / 66),
  'Entra markers': (n) => 'aaa1Q~'.repeat(n / 6),
  'GitHub app token dots': (n) => ('ghs_1_' + 'a.'.repeat(40)).repeat(n / 86),
};

describe('secret scanner', () => {
  it.each(Object.keys(ADVERSARIAL))('stays linear on %s', (name) => {
    const build = ADVERSARIAL[name]!;
    const small = build(200_000);
    const large = build(1_600_000);
    const stats = { windowChars: 0 };
    scanner.scan(large, 'adversarial.txt', stats);
    // Each rule looks at each character at most a bounded number of times.
    expect(stats.windowChars).toBeLessThanOrEqual(large.length * SECRET_RULES.length * 2);
    // Eight times the input costs about eight times the time when linear, sixty-four when quadratic.
    const ratio = bestMs(() => scanner.scan(large, 'a')) / Math.max(1, bestMs(() => scanner.scan(small, 'a')));
    expect(ratio).toBeLessThan(24);
  }, 60_000);

  it('reports the exact line and columns of a secret', () => {
    const id = keyId('pos');
    const text = `line one\n  key = "${id}"\n`;
    const [finding] = files.scanText('cfg/app.ini', text).findings;
    expect(finding?.location).toEqual({ path: 'cfg/app.ini', startLine: 2, startColumn: 10, endLine: 2, endColumn: 30 });
  });

  it('pairs an AWS secret with a key id a few lines away but not with a distant one', () => {
    const near = `id: ${keyId('n')}\nother: 1\nkey: ${secretKey('n')}\n`;
    expect(files.scanText('a.yml', near).findings.map((f) => f.ruleId).sort()).toEqual(['aws-access-key-id', 'aws-secret-access-key']);
    const far = `id: ${keyId('f')}\n${'filler: 1\n'.repeat(20)}key: ${secretKey('f')}\n`;
    expect(files.scanText('a.yml', far).findings.map((f) => f.ruleId)).toEqual(['aws-access-key-id']);
  });

  it('records whether an AWS key is long-lived or temporary', () => {
    const asia = 'ASIA' + fakeSecret('t', ALPHABETS.base32, 16);
    const [long] = files.scanText('a', `k=${keyId('l')}`).findings;
    const [temp] = files.scanText('a', `k=${asia}`).findings;
    expect([long?.properties?.keyKind, long?.severity]).toEqual(['long-lived', 'critical']);
    expect([temp?.properties?.keyKind, temp?.severity]).toEqual(['temporary', 'high']);
  });

  it('decodes the account id from a modern AWS key id', () => {
    // Known pair from AWS's documentation of the key id format (ASIAY34FZKBOKMUTVV7A -> 609629065308).
    expect(awsAccountFromKeyId('ASIAY34FZKBOKMUTVV7A')).toBe('609629065308');
    expect(awsAccountFromKeyId('AKIAIOSFODNN7EXAMPLE')).toBeUndefined();
  });

  it('reports a service-account key once, not also as a private key', () => {
    const json = JSON.stringify({ type: 'service_account', private_key: fakePem('sa', 'PRIVATE KEY'), client_email: 'a@b.iam.gserviceaccount.com' });
    const findings = files.scanText('sa.json', json).findings;
    expect(findings.map((f) => f.ruleId)).toEqual(['gcp-service-account-key']);
    expect(findings[0]?.properties?.serviceAccount).toBe('a@b.iam.gserviceaccount.com');
  });

  it('prefers a specific rule over the generic one for the same value', () => {
    const findings = files.scanText('.env', `AWS_SECRET_ACCESS_KEY=${secretKey('g')}`).findings;
    expect(findings.map((f) => f.ruleId)).toEqual(['aws-secret-access-key']);
  });

  it('never puts the raw secret in message or evidence', () => {
    const secret = secretKey('raw');
    const [finding] = files.scanText('.env', `aws_secret_access_key = ${secret}`).findings;
    expect(finding?.evidence).toBe('redacted, 40 chars');
    expect(JSON.stringify(finding)).not.toContain(secret.slice(0, 12));
  });

  it('honours a config allowlist of values', () => {
    const allowed = new FileScanner({ config: { ...DEFAULT_CONFIG, allowSecrets: [/^ghp_/] }, source: 'repo', today: '2026-11-28' });
    const token = 'ghp_' + fakeSecret('al', ALPHABETS.alnum, 36);
    expect(allowed.scanText('a', `t=${token}`).findings).toEqual([]);
    expect(files.scanText('a', `t=${token}`).findings).toHaveLength(1);
  });
});
