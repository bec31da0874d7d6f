import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { HclParser } from '@pavedroad/guardrails-core';

const GRAMMAR = 'tree-sitter-terraform.wasm';

let loading: Promise<HclParser> | undefined;

/**
 * The Terraform parser, loaded once per process. The bundle ships the grammar beside itself (the runner
 * never installs node_modules); from source it comes from the grammar package.
 */
export function loadHclParser(): Promise<HclParser> {
  loading ??= (async () => {
    const beside = fileURLToPath(new URL(`./${GRAMMAR}`, import.meta.url));
    const path = existsSync(beside) ? beside : createRequire(import.meta.url).resolve(`@tree-sitter-grammars/tree-sitter-hcl/${GRAMMAR}`);
    return HclParser.create(readFileSync(path));
  })();
  return loading;
}
