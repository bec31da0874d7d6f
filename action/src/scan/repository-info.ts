import type { Report } from '@pavedroad/guardrails-core';
import { git } from '../git/run-git';

/** `owner/repo` from a GitHub remote URL (https or ssh). */
export function slugFromRemote(url: string): string | undefined {
  const m = /github\.com[:/]([^/\s]+\/[^/\s]+?)(?:\.git)?\/?$/.exec(url.trim());
  return m?.[1];
}

/** Best effort: the repository, branch and commit of `root`, or undefined outside a git work tree. */
export async function repositoryInfo(root: string): Promise<Report['repository']> {
  try {
    const commit = (await git(root, ['rev-parse', 'HEAD'])).trim();
    const ref = (await git(root, ['rev-parse', '--abbrev-ref', 'HEAD'])).trim();
    const remote = await git(root, ['remote', 'get-url', 'origin']).catch(() => '');
    const toplevel = (await git(root, ['rev-parse', '--show-toplevel'])).trim();
    const slug = slugFromRemote(remote) ?? toplevel.split('/').pop() ?? 'local';
    const info: NonNullable<Report['repository']> = { slug, commit };
    if (ref && ref !== 'HEAD') info.ref = ref;
    const head = await git(root, ['symbolic-ref', '--short', 'refs/remotes/origin/HEAD']).catch(() => '');
    if (head.trim()) info.defaultBranch = head.trim().replace(/^origin\//, '');
    return info;
  } catch {
    return undefined;
  }
}
