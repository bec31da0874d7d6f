import { execFile } from 'node:child_process';
import type { Base, ScopePlan } from './scope';

/** The diff to scan, every revision present locally; or why the change cannot be isolated. */
export type History = { ok: true; base: string; head: string; log: string[] } | { ok: false; reason: string; log: string[] };

/** First fetch depth when the event gives no hint, then ×4 per try: bounded work on a shallow checkout. */
const FIRST_DEPTH = 50;
const MAX_DEPTH = 12_800;
const FETCH_TIMEOUT_MS = 5 * 60_000;

interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

function runGit(cwd: string, args: readonly string[], timeout = 60_000): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile(
      'git',
      args,
      // Never prompt for credentials in CI: a fetch that needs them fails and the scan falls back.
      { cwd, timeout, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never' } },
      (error, stdout, stderr) => resolve({ ok: !error, stdout, stderr: stderr || (error ? error.message : '') }),
    );
  });
}

const firstLine = (text: string) => text.trim().split('\n').pop()?.trim() ?? '';

/**
 * Makes sure the commits a diff needs are in the clone, fetching what a shallow checkout lacks
 * (`actions/checkout` fetches one commit by default): the head, the base, then deeper history until the two
 * have a merge base. Bounded: past MAX_DEPTH commits the caller scans everything instead.
 */
export async function ensureHistory(root: string, plan: Extract<ScopePlan, { kind: 'diff' }>): Promise<History> {
  const log: string[] = [];
  const git = (args: readonly string[], timeout?: number) => runGit(root, args, timeout);
  const has = async (rev: string) => (await git(['cat-file', '-e', `${rev}^{commit}`])).ok;
  const shallow = async () => (await git(['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true';
  // Few git processes on the common path (each costs tens of milliseconds on a runner).
  const state = await git(['rev-parse', '--is-inside-work-tree', '--is-shallow-repository']);
  if (!state.ok) return { ok: false, reason: `${root} is not a git checkout`, log };

  const fetch = async (refspecs: readonly string[], depth: number): Promise<boolean> => {
    // --depth on a complete clone would make it shallow: only a shallow clone is fetched by depth.
    const depthArgs = (await shallow()) ? [`--depth=${depth}`] : [];
    const args = ['fetch', '--no-tags', '--no-recurse-submodules', '--quiet', ...depthArgs, 'origin', ...refspecs];
    const result = await git(args, FETCH_TIMEOUT_MS);
    log.push(`git ${args.join(' ')}${result.ok ? '' : ` failed: ${firstLine(result.stderr)}`}`);
    return result.ok;
  };

  const revision = (base: Base) => ('sha' in base ? base.sha : `refs/remotes/origin/${base.branch}`);
  const refspec = (base: Base) => ('sha' in base ? base.sha : `+refs/heads/${base.branch}:refs/remotes/origin/${base.branch}`);
  let depth = Math.max(FIRST_DEPTH, (plan.depthHint ?? 0) + 1);
  let base = plan.base;
  const mergeBase = async () => (await git(['merge-base', revision(base), plan.head])).ok;
  // The report names commits: a branch base is resolved to the commit it was compared at.
  const found = async (): Promise<History> => {
    const sha = 'sha' in base ? base.sha : (await git(['rev-parse', '--verify', `${revision(base)}^{commit}`])).stdout.trim() || revision(base);
    return { ok: true, base: sha, head: plan.head, log };
  };
  // A branch base is fetched on a shallow clone even when present: its local ref may be stale.
  const stale = 'branch' in base && state.stdout.trim().endsWith('true');
  if (!stale && (await mergeBase())) return found();

  // Fetch base and head together, deeper each time, until they meet: one fetch for most pull requests.
  for (;;) {
    let fetched = await fetch([refspec(base), plan.head], depth);
    if (!fetched && plan.fallbackBranch && 'sha' in base) {
      log.push(`the base ${revision(base)} cannot be fetched (a force push may have dropped it): comparing with ${plan.fallbackBranch}`);
      base = { branch: plan.fallbackBranch };
      fetched = await fetch([refspec(base), plan.head], depth);
    }
    if (await mergeBase()) return found();
    if (!(await has(plan.head))) return { ok: false, reason: `the head commit ${plan.head} is not in the clone and could not be fetched`, log };
    if (!(await has(revision(base)))) return { ok: false, reason: `the base ${revision(base)} is not in the clone and could not be fetched`, log };
    if (!fetched) return { ok: false, reason: `could not fetch the history between ${revision(base)} and ${plan.head}`, log };
    if (!(await shallow())) return { ok: false, reason: `${revision(base)} and ${plan.head} have no common history`, log };
    if (depth >= MAX_DEPTH) return { ok: false, reason: `no merge base of ${revision(base)} and ${plan.head} within ${MAX_DEPTH} commits of history`, log };
    depth = Math.min(depth * 4, MAX_DEPTH);
  }
}
