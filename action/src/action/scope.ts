import type { ActionEvent } from './event';
import { defaultBranch, isPullRequest, pullRequestCommits, text, ZERO_SHA } from './event';
import type { ScanMode } from './inputs';

/** Where a diff starts: a commit, or the tip of a branch on `origin` (the default branch, for a new branch). */
export type Base = { sha: string } | { branch: string };

export type ScopePlan =
  | {
      kind: 'diff';
      base: Base;
      head: string;
      /** Compare from the merge base of base and head, as a pull request does (`git diff base...head`). */
      mergeBase: true;
      /** When `base` cannot be fetched (a force push that dropped it): compare with this branch instead. */
      fallbackBranch?: string;
      /** Commits between base and head when the event says, to fetch deep enough at once. */
      depthHint?: number;
      why: string;
    }
  | { kind: 'full'; why: string };

const short = (sha: string) => sha.slice(0, 12);

function prNumber(event: ActionEvent): string {
  const n = (event.payload.pull_request as { number?: unknown } | undefined)?.number;
  return typeof n === 'number' ? ` #${n}` : '';
}

/**
 * What to scan for this event: the change (base and head from the payload, never `GITHUB_SHA` for a PR head)
 * or everything. `mode` overrides the event's default: `full` always scans everything, `diff` compares with
 * the default branch where the event has no range of its own.
 */
export function planScope(event: ActionEvent, mode: ScanMode): ScopePlan {
  if (mode === 'full') return { kind: 'full', why: 'mode: full' };
  const p = event.payload;
  const main = defaultBranch(event);

  if (isPullRequest(event)) {
    const base = text(p, 'pull_request', 'base', 'sha');
    const head = text(p, 'pull_request', 'head', 'sha');
    if (!base || !head) return { kind: 'full', why: `the ${event.name} payload has no base or head SHA` };
    const commits = pullRequestCommits(event);
    return {
      kind: 'diff',
      base: { sha: base },
      head,
      mergeBase: true,
      ...(commits !== undefined ? { depthHint: commits } : {}),
      why: `pull request${prNumber(event)}: ${short(base)}...${short(head)}`,
    };
  }

  if (event.name === 'merge_group') {
    const base = text(p, 'merge_group', 'base_sha');
    const head = text(p, 'merge_group', 'head_sha');
    if (!base || !head) return { kind: 'full', why: 'the merge_group payload has no base or head SHA' };
    return { kind: 'diff', base: { sha: base }, head, mergeBase: true, why: `merge group: ${short(base)}...${short(head)}` };
  }

  if (event.name === 'push') {
    const before = text(p, 'before');
    const after = text(p, 'after');
    if (!after || ZERO_SHA.test(after)) return { kind: 'full', why: 'the push deleted the branch: nothing to compare' };
    const branch = text(p, 'ref')?.replace(/^refs\/heads\//, '');
    if (!before || ZERO_SHA.test(before)) {
      // A new branch: what it adds is what it has beyond the default branch.
      if (main && branch !== main) {
        return { kind: 'diff', base: { branch: main }, head: after, mergeBase: true, why: `new branch${branch ? ` ${branch}` : ''}: compared with ${main}` };
      }
      return { kind: 'full', why: main ? `first push of the default branch ${main}` : 'a new branch and no default branch to compare with' };
    }
    // before...after from their merge base: a force push rescans what the rewritten history brings.
    return {
      kind: 'diff',
      base: { sha: before },
      head: after,
      mergeBase: true,
      ...(main && branch !== main ? { fallbackBranch: main } : {}),
      why: `push: ${short(before)}...${short(after)}${p.forced === true ? ' (force push)' : ''}`,
    };
  }

  if (mode === 'diff') {
    const head = event.sha;
    if (main && head) return { kind: 'diff', base: { branch: main }, head, mergeBase: true, why: `mode: diff on ${event.name || 'a run'}: compared with ${main}` };
    return { kind: 'full', why: `mode: diff, but ${event.name || 'this run'} has no default branch or commit to compare with` };
  }
  return { kind: 'full', why: event.name ? `${event.name} scans everything` : 'not a pull request or push: everything is scanned' };
}
