import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { ActionEvent } from './event';
import { headRef, headSha, isFork, readEvent } from './event';
import { planScope } from './scope';

const BASE = 'b'.repeat(40);
const HEAD = 'h'.repeat(40);
const MERGE = 'm'.repeat(40);
const ZERO = '0'.repeat(40);

function event(name: string, payload: Record<string, unknown>): ActionEvent {
  return { name, payload: { repository: { full_name: 'acme/payments', default_branch: 'main' }, ...payload }, repository: 'acme/payments', sha: MERGE, serverUrl: 'https://github.com', apiUrl: 'https://api.github.com' };
}

const pr = (extra: Record<string, unknown> = {}) => ({
  pull_request: {
    number: 42,
    commits: 317,
    base: { sha: BASE, ref: 'main', repo: { full_name: 'acme/payments' } },
    head: { sha: HEAD, ref: 'feature/x', repo: { full_name: 'acme/payments' } },
    ...extra,
  },
});

describe('planScope', () => {
  it.each([['pull_request'], ['pull_request_target']])('takes base and head from the %s payload, never GITHUB_SHA', (name) => {
    const e = event(name, pr());
    expect(planScope(e, 'auto')).toEqual({ kind: 'diff', base: { sha: BASE }, head: HEAD, mergeBase: true, depthHint: 317, why: `pull request #42: ${BASE.slice(0, 12)}...${HEAD.slice(0, 12)}` });
    expect(headSha(e)).toBe(HEAD);
    expect(headRef(e)).toBe('feature/x');
  });

  it('uses merge_group base_sha and head_sha', () => {
    const e = event('merge_group', { merge_group: { base_sha: BASE, head_sha: HEAD, head_ref: 'refs/heads/gh-readonly-queue/main/pr-42-abc' } });
    expect(planScope(e, 'auto')).toMatchObject({ kind: 'diff', base: { sha: BASE }, head: HEAD, mergeBase: true });
    expect(headSha(e)).toBe(HEAD);
    expect(headRef(e)).toBe('gh-readonly-queue/main/pr-42-abc');
  });

  it('compares a push from before to after, from their merge base (force pushes too), with the default branch as fallback', () => {
    const plan = planScope(event('push', { ref: 'refs/heads/feature', before: BASE, after: HEAD, forced: true }), 'auto');
    expect(plan).toEqual({ kind: 'diff', base: { sha: BASE }, head: HEAD, mergeBase: true, fallbackBranch: 'main', why: `push: ${BASE.slice(0, 12)}...${HEAD.slice(0, 12)} (force push)` });
    expect(headSha(event('push', { before: BASE, after: HEAD }))).toBe(HEAD);
  });

  it('compares a new branch (all-zero before) with the default branch', () => {
    expect(planScope(event('push', { ref: 'refs/heads/feature', before: ZERO, after: HEAD }), 'auto')).toEqual({
      kind: 'diff',
      base: { branch: 'main' },
      head: HEAD,
      mergeBase: true,
      why: 'new branch feature: compared with main',
    });
  });

  it('scans everything on the first push of the default branch, on a new branch without a known default, and on a deleted branch', () => {
    expect(planScope(event('push', { ref: 'refs/heads/main', before: ZERO, after: HEAD }), 'auto')).toMatchObject({ kind: 'full', why: 'first push of the default branch main' });
    const noDefault = event('push', { ref: 'refs/heads/x', before: ZERO, after: HEAD });
    noDefault.payload = { ref: 'refs/heads/x', before: ZERO, after: HEAD };
    expect(planScope(noDefault, 'auto')).toMatchObject({ kind: 'full' });
    expect(planScope(event('push', { ref: 'refs/heads/x', before: BASE, after: ZERO, deleted: true }), 'auto')).toMatchObject({ kind: 'full', why: 'the push deleted the branch: nothing to compare' });
  });

  it.each([['schedule'], ['workflow_dispatch'], ['release'], ['']])('scans everything on %s in auto mode', (name) => {
    expect(planScope(event(name, {}), 'auto')).toMatchObject({ kind: 'full' });
  });

  it('lets mode override the event: full on a PR, diff on a schedule (against the default branch)', () => {
    expect(planScope(event('pull_request', pr()), 'full')).toEqual({ kind: 'full', why: 'mode: full' });
    expect(planScope(event('workflow_dispatch', {}), 'diff')).toMatchObject({ kind: 'diff', base: { branch: 'main' }, head: MERGE });
    const bare = event('schedule', {});
    bare.payload = {};
    expect(planScope(bare, 'diff')).toMatchObject({ kind: 'full' });
  });

  it('falls back to everything when the PR payload lacks SHAs', () => {
    expect(planScope(event('pull_request', { pull_request: { number: 1 } }), 'auto')).toMatchObject({ kind: 'full', why: 'the pull_request payload has no base or head SHA' });
  });
});

describe('the event', () => {
  it('is read from GITHUB_EVENT_NAME, GITHUB_EVENT_PATH and the GITHUB_* variables', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guardrails-event-'));
    try {
      writeFileSync(join(dir, 'event.json'), JSON.stringify(pr()));
      const e = readEvent({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: join(dir, 'event.json'), GITHUB_REPOSITORY: 'acme/payments', GITHUB_SHA: MERGE, GITHUB_API_URL: 'http://127.0.0.1:9/' });
      expect(e).toMatchObject({ name: 'pull_request', repository: 'acme/payments', sha: MERGE, apiUrl: 'http://127.0.0.1:9', serverUrl: 'https://github.com' });
      expect(headSha(e)).toBe(HEAD);
      writeFileSync(join(dir, 'bad.json'), '{');
      expect(() => readEvent({ GITHUB_EVENT_PATH: join(dir, 'bad.json') })).toThrow(/is not JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('knows a fork PR by its head repository', () => {
    expect(isFork(event('pull_request', pr()))).toBe(false);
    expect(isFork(event('pull_request', pr({ head: { sha: HEAD, repo: { full_name: 'mallory/payments' } } })))).toBe(true);
    expect(isFork(event('push', {}))).toBe(false);
  });
});
