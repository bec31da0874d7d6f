import type { Dirent } from 'node:fs';
import { lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { SkippedFile } from '@pavedroad/guardrails-core';

export interface WalkOptions {
  /** gitignore-style patterns from the config, relative to the root. */
  ignorePaths: readonly string[];
  maxFileSize: number;
}

export interface WalkedFile {
  /** POSIX path relative to the root. */
  path: string;
  absolute: string;
  size: number;
}

export interface WalkResult {
  files: WalkedFile[];
  skipped: SkippedFile[];
}

// Never scanned: version control internals. Lock files are listed as skipped: their integrity hashes are
// the largest source of false positives in every scanner (gitleaks#1076, gitleaks-action#9).
const ALWAYS_IGNORED = ['.git'];
const LOCK_FILES = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'Cargo.lock', 'go.sum', 'poetry.lock', 'Gemfile.lock', 'composer.lock', 'Pipfile.lock', 'uv.lock']);

const toPosix = (p: string) => p.split(sep).join('/');

interface Layer {
  base: string;
  rules: Ignore;
}

function gitignoreLayer(dir: string, base: string): Layer | undefined {
  try {
    const text = readFileSync(join(dir, '.gitignore'), 'utf8');
    return { base, rules: ignore().add(text) };
  } catch {
    return undefined;
  }
}

function ignoredBy(layers: readonly Layer[], path: string, isDir: boolean): boolean {
  for (const layer of layers) {
    const rel = layer.base ? path.slice(layer.base.length + 1) : path;
    if (rel && layer.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/**
 * Synchronous on purpose: on a local disk, sync directory reads beat thousands of thread-pool round trips.
 * Lists the files to scan under `root`: respects `.gitignore` files at every level and the config's ignored
 * paths, skips files over the size limit (listed with the reason), and never follows a symlink out of the root.
 */
export function walk(root: string, options: WalkOptions): WalkResult {
  const files: WalkedFile[] = [];
  const skipped: SkippedFile[] = [];
  const realRoot = realpathSync(root);
  const configLayer: Layer = { base: '', rules: ignore().add([...options.ignorePaths]) };

  function visit(dir: string, layers: readonly Layer[]): void {
    const relDir = toPosix(relative(root, dir));
    const own = gitignoreLayer(dir, relDir);
    const active = own ? [...layers, own] : layers;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      skipped.push({ path: relDir || '.', reason: `could not read directory: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const absolute = join(dir, entry.name);
      const path = relDir ? `${relDir}/${entry.name}` : entry.name;
      if (ALWAYS_IGNORED.includes(entry.name)) continue;
      const isDir = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        let target: string;
        try {
          target = realpathSync(absolute);
        } catch {
          skipped.push({ path, reason: 'broken symlink' });
          continue;
        }
        if (target !== realRoot && !target.startsWith(realRoot + sep)) {
          skipped.push({ path, reason: 'symlink outside the scan root' });
          continue;
        }
        // Inside the root the target is scanned under its own path.
        continue;
      }
      if (ignoredBy(active, path, isDir) || ignoredBy([configLayer], path, isDir)) continue;
      if (isDir) {
        visit(absolute, active);
        continue;
      }
      if (!entry.isFile()) continue;
      if (LOCK_FILES.has(entry.name)) {
        skipped.push({ path, reason: 'lock file' });
        continue;
      }
      const stat = lstatSync(absolute);
      if (stat.size > options.maxFileSize) {
        skipped.push({ path, reason: `larger than ${options.maxFileSize} bytes (${stat.size})` });
        continue;
      }
      files.push({ path, absolute, size: stat.size });
    }
  }

  visit(root, []);
  return { files, skipped };
}
