import { readFileSync } from 'node:fs';
import { GuardrailsError } from '@pavedroad/guardrails-core';

/** The run that triggered the Action, as the runner describes it in `GITHUB_*` variables and the event file. */
export interface ActionEvent {
  /** `GITHUB_EVENT_NAME`; empty outside GitHub Actions. */
  name: string;
  payload: Readonly<Record<string, unknown>>;
  /** `owner/repo`. */
  repository?: string;
  /** `GITHUB_SHA`: on a pull request, the synthetic merge commit, not the PR head. */
  sha?: string;
  /** `GITHUB_REF_NAME`. */
  refName?: string;
  serverUrl: string;
  apiUrl: string;
}

export const ZERO_SHA = /^0+$/;

/** Reads `GITHUB_EVENT_NAME`, the payload at `GITHUB_EVENT_PATH` and the other `GITHUB_*` variables. */
export function readEvent(env: Readonly<Record<string, string | undefined>> = process.env): ActionEvent {
  let payload: Record<string, unknown> = {};
  const path = env.GITHUB_EVENT_PATH;
  if (path) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new GuardrailsError('IO', `cannot read the event payload GITHUB_EVENT_PATH=${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') payload = parsed as Record<string, unknown>;
    } catch (error) {
      throw new GuardrailsError('IO', `the event payload ${path} is not JSON: ${(error as Error).message}`, { cause: error });
    }
  }
  const event: ActionEvent = {
    name: env.GITHUB_EVENT_NAME ?? '',
    payload,
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
  };
  const repository = env.GITHUB_REPOSITORY || text(payload, 'repository', 'full_name');
  if (repository) event.repository = repository;
  if (env.GITHUB_SHA) event.sha = env.GITHUB_SHA;
  if (env.GITHUB_REF_NAME) event.refName = env.GITHUB_REF_NAME;
  return event;
}

/** A string at a path in the payload, or undefined. */
export function text(value: unknown, ...path: string[]): string | undefined {
  let at = value;
  for (const key of path) {
    if (!at || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return typeof at === 'string' && at ? at : undefined;
}

function count(value: unknown, ...path: string[]): number | undefined {
  let at = value;
  for (const key of path) {
    if (!at || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return typeof at === 'number' && Number.isFinite(at) ? at : undefined;
}

export const isPullRequest = (event: ActionEvent) => event.name === 'pull_request' || event.name === 'pull_request_target';

/** The commit the change ends at: the PR head (never the merge commit), the merge group head, the pushed commit. */
export function headSha(event: ActionEvent): string | undefined {
  const p = event.payload;
  if (isPullRequest(event)) return text(p, 'pull_request', 'head', 'sha') ?? event.sha;
  if (event.name === 'merge_group') return text(p, 'merge_group', 'head_sha') ?? event.sha;
  if (event.name === 'push') {
    const after = text(p, 'after');
    if (after && !ZERO_SHA.test(after)) return after;
  }
  return event.sha;
}

/** The branch of the head commit, for the report. */
export function headRef(event: ActionEvent): string | undefined {
  if (isPullRequest(event)) return text(event.payload, 'pull_request', 'head', 'ref');
  if (event.name === 'merge_group') return text(event.payload, 'merge_group', 'head_ref')?.replace(/^refs\/heads\//, '');
  return event.refName;
}

export const defaultBranch = (event: ActionEvent) => text(event.payload, 'repository', 'default_branch');

/** Commits in the pull request, when the payload says: a hint for how deep to fetch. */
export const pullRequestCommits = (event: ActionEvent) => (isPullRequest(event) ? count(event.payload, 'pull_request', 'commits') : undefined);

/** A pull request from another repository: GitHub gives it a read-only token and no secrets. */
export function isFork(event: ActionEvent): boolean {
  if (!isPullRequest(event)) return false;
  const head = text(event.payload, 'pull_request', 'head', 'repo', 'full_name');
  const base = text(event.payload, 'pull_request', 'base', 'repo', 'full_name') ?? event.repository;
  return head !== undefined && base !== undefined && head !== base;
}

/**
 * The running workflow's file, repository-relative, from `GITHUB_WORKFLOW_REF`
 * (`owner/repo/.github/workflows/ci.yml@refs/heads/main`); undefined outside GitHub Actions.
 */
export function runningWorkflowFile(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  const ref = env.GITHUB_WORKFLOW_REF;
  const m = ref ? /^[^/]+\/[^/]+\/(.+?)@[^@]*$/.exec(ref) : null;
  return m?.[1];
}
