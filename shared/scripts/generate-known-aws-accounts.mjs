// Writes shared/src/iac/iam/data/known-aws-accounts.ts from fwdcloudsec/known_aws_accounts `accounts.yaml`.
// Usage, from the repository root:
//   node shared/scripts/generate-known-aws-accounts.mjs [path/to/known_aws_accounts.yaml] [--check]
// The default path is the research copy beside the repository (../shared/data/known_aws_accounts.yaml).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED_PATH, renderKnownAwsAccounts } from './known-aws-accounts-source.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const source = resolve(args.find((a) => !a.startsWith('--')) ?? join(root, '../shared/data/known_aws_accounts.yaml'));
if (!existsSync(source)) {
  console.error(`${source} not found: pass the path to fwdcloudsec/known_aws_accounts accounts.yaml`);
  process.exit(2);
}
const target = join(root, GENERATED_PATH);
const text = renderKnownAwsAccounts(readFileSync(source, 'utf8'));

if (args.includes('--check')) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== text) {
    console.error(`${GENERATED_PATH} is out of date: run node shared/scripts/generate-known-aws-accounts.mjs ${source}`);
    process.exit(1);
  }
  console.log(`${GENERATED_PATH} is up to date`);
} else {
  writeFileSync(target, text);
  console.log(`wrote ${GENERATED_PATH}`);
}
