import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_PATH, readKnownAccounts, renderKnownAwsAccounts } from '../../../scripts/known-aws-accounts-source.mjs';
import { KNOWN_AWS_ACCOUNTS, KNOWN_AWS_ACCOUNTS_SHA256 } from './data/known-aws-accounts';
import { knownAwsAccount } from './vendor-accounts';

const repoRoot = join(__dirname, '../../../..');
// The research copy lives beside the repository; CI without it skips the comparison.
const yamlPath = process.env.KNOWN_AWS_ACCOUNTS_YAML ?? join(repoRoot, '../shared/data/known_aws_accounts.yaml');
const withYaml = existsSync(yamlPath) ? it : it.skip;

describe('known AWS accounts data', () => {
  withYaml('matches the YAML it was generated from (run generate-known-aws-accounts.mjs when this fails)', () => {
    const yaml = readFileSync(yamlPath, 'utf8');
    expect(createHash('sha256').update(yaml).digest('hex')).toBe(KNOWN_AWS_ACCOUNTS_SHA256);
    expect(readFileSync(join(repoRoot, GENERATED_PATH), 'utf8')).toBe(renderKnownAwsAccounts(yaml));
  });

  it('keeps the licence note and the upstream snapshot in the generated file', () => {
    const text = readFileSync(join(repoRoot, GENERATED_PATH), 'utf8');
    expect(text).toContain('Apache License 2.0');
    expect(text).toContain('fwdcloudsec/known_aws_accounts');
    expect(text).toContain(KNOWN_AWS_ACCOUNTS_SHA256);
  });

  it('holds 12-digit account ids, each once', () => {
    const ids = KNOWN_AWS_ACCOUNTS.flatMap((e) => e.accounts);
    expect(ids.every((id) => /^\d{12}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('rejects a YAML entry with a malformed or repeated account', () => {
    expect(() => readKnownAccounts("- name: 'A'\n  accounts: ['12345']\n")).toThrow('"12345" is not a 12-digit account id');
    expect(() => readKnownAccounts("- name: 'A'\n  accounts: ['111122223333']\n- name: 'B'\n  accounts: ['111122223333']\n")).toThrow('appears twice');
  });
});

describe('knownAwsAccount', () => {
  it('names vendors', () => {
    expect(knownAwsAccount('464622532012')).toEqual({ name: 'Datadog', aws: false, enabled: true });
  });

  it('tells AWS service accounts apart from vendors', () => {
    expect(knownAwsAccount('386209384616')).toEqual({ name: 'Billing', aws: true, enabled: true });
  });

  it('still labels deprecated entries', () => {
    expect(knownAwsAccount('068664126052')).toEqual({ name: 'DoIt', aws: false, enabled: false });
  });

  it('knows nothing of other accounts', () => {
    expect(knownAwsAccount('111122223333')).toBeUndefined();
  });
});
