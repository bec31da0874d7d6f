import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ensureHistory } from './git-history';
import type { ScopePlan } from './scope';

type DiffPlan = Extract<ScopePlan, { kind: 'diff' }>;

let dir = '';
let origin = '';
let baseTip = '';
let featureTip = '';
let orphanTip = '';
let notPushed = '';
let forkHead = '';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' }).trim();

function commit(cwd: string, file: string, text: string, message: string): string {
  writeFileSync(join(cwd, file), text);
  git(cwd, 'add', '-A');
  git(cwd, 'commit', '-q', '-m', message);
  return git(cwd, 'rev-parse', 'HEAD');
}

let clones = 0;
/** A clone as actions/checkout makes it: one commit deep by default. */
function clone(branch: string, depth?: number): string {
  const target = join(dir, `clone-${clones++}`);
  git(dir, 'clone', '-q', ...(depth ? [`--depth=${depth}`] : []), '--branch', branch, `file://${origin}`, target);
  return target;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'guardrails-history-'));
  const src = join(dir, 'src');
  mkdirSync(src);
  git(src, 'init', '-q');
  for (let i = 0; i < 3; i++) commit(src, 'main.txt', `main ${i}\n`, `main ${i}`);
  git(src, 'checkout', '-q', '-b', 'feature');
  // A long pull request: 120 commits past the merge base (commit-tree: one process per commit).
  featureTip = commit(src, 'feature.txt', 'feature\n', 'feature 0');
  const tree = git(src, 'rev-parse', 'HEAD^{tree}');
  for (let i = 1; i < 120; i++) featureTip = git(src, 'commit-tree', tree, '-p', featureTip, '-m', `feature ${i}`);
  git(src, 'update-ref', 'refs/heads/feature', featureTip);
  git(src, 'reset', '-q', '--hard', featureTip);
  git(src, 'checkout', '-q', '-b', 'fork');
  forkHead = commit(src, 'fork.txt', 'from a fork\n', 'fork change');
  git(src, 'checkout', '-q', 'main');
  // The base branch moved on after the branch point.
  for (let i = 3; i < 5; i++) baseTip = commit(src, 'main.txt', `main ${i}\n`, `main ${i}`);
  git(src, 'checkout', '-q', '--orphan', 'orphan');
  git(src, 'rm', '-q', '-rf', '.');
  orphanTip = commit(src, 'other.txt', 'unrelated\n', 'unrelated root');
  origin = join(dir, 'origin.git');
  git(dir, 'clone', '-q', '--bare', src, origin);
  // GitHub serves any reachable commit by SHA; a local origin must be told to.
  git(origin, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
  // A fork's PR head lives only under refs/pull/N/head in the base repository, which clones do not fetch.
  git(origin, 'update-ref', 'refs/pull/1/head', forkHead);
  git(origin, 'branch', '-D', 'fork');
  // A commit the server never had: the `before` of a force push that rewrote history.
  git(src, 'checkout', '-q', 'feature');
  notPushed = commit(src, 'lost.txt', 'lost\n', 'rewritten away');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const prPlan = (extra: Partial<DiffPlan> = {}): DiffPlan => ({ kind: 'diff', base: { sha: baseTip }, head: featureTip, mergeBase: true, why: 'test', ...extra });

describe('ensureHistory', () => {
  it('fetches base and head of a 120-commit PR into a one-commit checkout in one fetch when the payload gives the commit count', async () => {
    const work = clone('feature', 1);
    const history = await ensureHistory(work, prPlan({ depthHint: 120 }));
    expect(history).toMatchObject({ ok: true, base: baseTip, head: featureTip });
    expect(history.log).toEqual([`git fetch --no-tags --no-recurse-submodules --quiet --depth=121 origin ${baseTip} ${featureTip}`]);
    expect(git(work, 'merge-base', baseTip, featureTip)).toMatch(/^[0-9a-f]{40}$/);
  });

  it('deepens, bounded, until a merge base exists when the commit count is unknown', async () => {
    const work = clone('feature', 1);
    const history = await ensureHistory(work, prPlan());
    expect(history.ok).toBe(true);
    expect(history.log.map((l) => /--depth=(\d+)/.exec(l)?.[1])).toEqual(['50', '200']);
  });

  it('fetches nothing when the clone already has both commits and their merge base', async () => {
    const work = clone('feature');
    git(work, 'fetch', '-q', 'origin', 'main');
    expect(await ensureHistory(work, prPlan())).toEqual({ ok: true, base: baseTip, head: featureTip, log: [] });
  });

  it('fetches a head commit a full clone lacks (a fork PR head) without making the clone shallow', async () => {
    const work = clone('main');
    const history = await ensureHistory(work, prPlan({ head: forkHead }));
    expect(history.ok).toBe(true);
    expect(history.log).toEqual([`git fetch --no-tags --no-recurse-submodules --quiet origin ${baseTip} ${forkHead}`]);
    expect(git(work, 'rev-parse', '--is-shallow-repository')).toBe('false');
  });

  it('compares a new branch with the default branch fetched from origin', async () => {
    const work = clone('feature', 1);
    const history = await ensureHistory(work, prPlan({ base: { branch: 'main' } }));
    expect(history).toMatchObject({ ok: true, base: baseTip, head: featureTip });
    expect(git(work, 'rev-parse', 'refs/remotes/origin/main')).toBe(baseTip);
  });

  it('compares with the default branch when a force push dropped the old head', async () => {
    const work = clone('feature', 1);
    const history = await ensureHistory(work, prPlan({ base: { sha: notPushed }, fallbackBranch: 'main' }));
    expect(history).toMatchObject({ ok: true, base: baseTip, head: featureTip });
    expect(history.log.join('\n')).toMatch(/a force push may have dropped it/);
  });

  it('gives up, saying why, when the base cannot be fetched and there is no fallback', async () => {
    const work = clone('feature', 1);
    const history = await ensureHistory(work, prPlan({ base: { sha: notPushed } }));
    expect(history).toMatchObject({ ok: false, reason: `the base ${notPushed} is not in the clone and could not be fetched` });
  });

  it('gives up on histories with nothing in common', async () => {
    const work = clone('feature', 1);
    const history = await ensureHistory(work, prPlan({ base: { sha: orphanTip } }));
    expect(history.ok).toBe(false);
    if (!history.ok) expect(history.reason).toBe(`${orphanTip} and ${featureTip} have no common history`);
  });

  it('gives up without a remote to fetch from, and outside a git checkout', async () => {
    const work = clone('feature', 1);
    git(work, 'remote', 'remove', 'origin');
    expect(await ensureHistory(work, prPlan())).toMatchObject({ ok: false, reason: `the base ${baseTip} is not in the clone and could not be fetched` });
    const plain = mkdtempSync(join(dir, 'plain-'));
    expect(await ensureHistory(plain, prPlan())).toMatchObject({ ok: false, reason: `${plain} is not a git checkout` });
  });
});
