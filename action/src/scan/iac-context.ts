import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceFile } from '@pavedroad/guardrails-core';
import { decodeText, isBinary, isTemplateCandidate, isTerraformPath } from '@pavedroad/guardrails-core';
import { git, gitBytes } from '../git/run-git';

const LOCAL_MODULE = /source\s*=\s*"(\.\.?\/[^"]+)"/g;
// Enough for real module trees; bounds the work on a pathological repository.
const MAX_DIRS = 64;

const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');

function join2(dir: string, rel: string): string | undefined {
  const out = dir ? dir.split('/') : [];
  for (const part of rel.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') {
      if (!out.length) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/**
 * The infrastructure code a diff needs for context: every Terraform file of the module directories the change
 * touches, and of the local modules they call, plus changed CloudFormation templates. Read at `head`, or from
 * the working tree (`readAtHead`: a faster reader of files at `head`).
 */
export async function iacContext(
  root: string,
  changed: readonly string[],
  head: string | undefined,
  readAtHead: (path: string) => Promise<Buffer> = (path) => gitBytes(root, ['show', `${head}:./${path}`]),
): Promise<SourceFile[]> {
  const read = async (path: string): Promise<string | undefined> => {
    try {
      const bytes = head ? await readAtHead(path) : readFileSync(join(root, path));
      return isBinary(bytes) ? undefined : decodeText(bytes);
    } catch {
      return undefined;
    }
  };
  const list = async (dir: string): Promise<string[]> => {
    try {
      if (head) {
        const out = await git(root, ['ls-tree', '--name-only', `${head}:./${dir}`]);
        return out.split('\n').filter(Boolean).map((name) => (dir ? `${dir}/${name}` : name));
      }
      return readdirSync(join(root, dir)).map((name) => (dir ? `${dir}/${name}` : name));
    } catch {
      return [];
    }
  };

  const files = new Map<string, string>();
  const queue = [...new Set(changed.filter(isTerraformPath).map(dirOf))];
  const seen = new Set(queue);
  while (queue.length && seen.size <= MAX_DIRS) {
    const dir = queue.shift()!;
    for (const path of (await list(dir)).filter(isTerraformPath)) {
      const text = await read(path);
      if (text === undefined) continue;
      files.set(path, text);
      for (const m of text.matchAll(LOCAL_MODULE)) {
        const target = join2(dir, m[1]!);
        if (target !== undefined && !seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
  }
  for (const path of changed.filter((p) => isTemplateCandidate(p))) {
    const text = await read(path);
    if (text !== undefined && isTemplateCandidate(path, text)) files.set(path, text);
  }
  return [...files].map(([path, text]) => ({ path, text }));
}
