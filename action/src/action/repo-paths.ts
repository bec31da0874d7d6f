import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import type { Report } from '@pavedroad/guardrails-core';

/**
 * Findings carry paths relative to the scan root (`path` input); GitHub wants them relative to the repository
 * (annotations, check runs, SARIF, links). This is the root's own path in the repository, `''` or `dir/`.
 */
export async function scanRootPrefix(cwd: string, scanPath: string, workspace: string | undefined): Promise<string> {
  const target = resolve(cwd, scanPath);
  // A single file is scanned from its directory, as runScan does.
  const root = statSync(target, { throwIfNoEntry: false })?.isFile() ? dirname(target) : target;
  const fromGit = await new Promise<string | undefined>((done) =>
    execFile('git', ['rev-parse', '--show-prefix'], { cwd: root, encoding: 'utf8' }, (error, stdout) => done(error ? undefined : stdout.trim())),
  );
  if (fromGit !== undefined) return fromGit;
  const rel = relative(resolve(workspace ?? cwd), root).split(sep).join('/');
  return rel && !rel.startsWith('..') ? `${rel}/` : '';
}

/** Maps a scan-root-relative path to a repository-relative one. */
export const repoPathFor = (prefix: string) => (path: string) => (prefix ? `${prefix}${path}` : path);

/** The report with repository-relative paths, for SARIF (code scanning resolves URIs from the repository root). */
export function withRepoPaths(report: Report, repoPath: (path: string) => string): Report {
  return {
    ...report,
    findings: report.findings.map((f) => (f.location ? { ...f, location: { ...f.location, path: repoPath(f.location.path) } } : f)),
    errors: report.errors.map((e) => (e.path ? { ...e, path: repoPath(e.path) } : e)),
  };
}

/** `${server}/${repo}/blob/${sha}/${path}#L${start}-L${end}`: a file's lines at the commit scanned. */
export function blobUrl(serverUrl: string, repository: string, sha: string, path: string, startLine: number, endLine = startLine): string {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return `${serverUrl}/${repository}/blob/${sha}/${encoded}#L${startLine}${endLine > startLine ? `-L${endLine}` : ''}`;
}
