import { getOctokit } from '@actions/github';
import type { Finding, Severity } from '@pavedroad/guardrails-core';
import { annotationMessage, annotationTitle, rankFindings } from './annotations';

/** The Checks API takes at most 50 annotations per request; each update appends. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** `output.summary` and `output.text` are limited to 65535 characters each (422 beyond). */
const OUTPUT_LIMIT = 65_535;

export type Octokit = ReturnType<typeof getOctokit>;
export type Conclusion = 'success' | 'neutral' | 'failure';

export interface CheckRunTarget {
  owner: string;
  repo: string;
  /** The PR head (never the merge commit) or the pushed commit: where the check shows. */
  headSha: string;
  name: string;
}

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  message: string;
  title: string;
  raw_details: string;
}

export type CheckResult<T> = { ok: true; value: T } | { ok: false; status?: number; message: string };

/** A GitHub REST client. `fetch` is for tests: msw sees the global fetch, not @actions/github's own. */
export function createOctokit(token: string, apiUrl: string, fetch?: typeof globalThis.fetch): Octokit {
  return getOctokit(token, { baseUrl: apiUrl, ...(fetch ? { request: { fetch } } : {}) });
}

function failure(error: unknown): { ok: false; status?: number; message: string } {
  const status = (error as { status?: unknown }).status;
  const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  return typeof status === 'number' ? { ok: false, status, message } : { ok: false, message };
}

const LEVEL: Record<Severity, CheckAnnotation['annotation_level']> = { critical: 'failure', high: 'failure', medium: 'warning', low: 'notice', info: 'notice' };

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** Check-run annotations for the open findings with a location, most severe first, at most `max`. */
export function checkAnnotations(findings: readonly Finding[], repoPath: (path: string) => string, max: number): CheckAnnotation[] {
  return rankFindings(findings)
    .filter((f) => f.location)
    .slice(0, max)
    .map((f) => {
      const loc = f.location!;
      const a: CheckAnnotation = {
        path: repoPath(loc.path),
        start_line: loc.startLine,
        end_line: loc.endLine,
        annotation_level: LEVEL[f.severity],
        title: clip(annotationTitle(f), 255),
        message: clip(annotationMessage(f), 60_000),
        raw_details: clip(
          [`Rule: ${f.ruleId}`, `Guardrail: ${f.guardrail}`, `Severity: ${f.severity}`, `Evidence: ${f.evidence}`, `Paved road: ${f.remediation.pavedRoad}`, `Fingerprint: ${f.fingerprint}`].join('\n'),
          60_000,
        ),
      };
      // Columns only on a single line, as the API requires.
      if (loc.startLine === loc.endLine) {
        a.start_column = loc.startColumn;
        a.end_column = loc.endColumn;
      }
      return a;
    });
}

/** Creates the check run, in progress, on the head commit. A 403 means the token cannot write checks. */
export async function startCheckRun(octokit: Octokit, target: CheckRunTarget, now: Date): Promise<CheckResult<number>> {
  try {
    const { data } = await octokit.rest.checks.create({
      owner: target.owner,
      repo: target.repo,
      name: target.name,
      head_sha: target.headSha,
      status: 'in_progress',
      started_at: now.toISOString(),
      output: { title: 'Scanning', summary: 'Paved Road Guardrails is scanning this change.' },
    });
    return { ok: true, value: data.id };
  } catch (error) {
    return failure(error);
  }
}

export interface CheckOutput {
  conclusion: Conclusion;
  title: string;
  summary: string;
  text?: string;
}

/**
 * Adds the annotations 50 per request, then completes the check run with its conclusion (on the last
 * request). Returns how many requests were made.
 */
export async function finishCheckRun(octokit: Octokit, target: CheckRunTarget, id: number, annotations: readonly CheckAnnotation[], output: CheckOutput, now: () => Date): Promise<CheckResult<number>> {
  const base = {
    title: clip(output.title, 255),
    summary: clip(output.summary, OUTPUT_LIMIT),
    ...(output.text ? { text: clip(output.text, OUTPUT_LIMIT) } : {}),
  };
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  if (batches.length === 0) batches.push([]);
  let requests = 0;
  try {
    for (const [i, batch] of batches.entries()) {
      const last = i === batches.length - 1;
      await octokit.rest.checks.update({
        owner: target.owner,
        repo: target.repo,
        check_run_id: id,
        output: { ...base, ...(batch.length ? { annotations: batch } : {}) },
        ...(last ? { status: 'completed' as const, conclusion: output.conclusion, completed_at: now().toISOString() } : {}),
      });
      requests++;
    }
    return { ok: true, value: requests };
  } catch (error) {
    return failure(error);
  }
}

/** Completes a check run whose scan failed, best effort. */
export async function abortCheckRun(octokit: Octokit, target: CheckRunTarget, id: number, message: string, now: Date): Promise<void> {
  try {
    await octokit.rest.checks.update({
      owner: target.owner,
      repo: target.repo,
      check_run_id: id,
      status: 'completed',
      conclusion: 'failure',
      completed_at: now.toISOString(),
      output: { title: 'The scan failed', summary: clip(message, OUTPUT_LIMIT) },
    });
  } catch {
    // The step fails with the message anyway.
  }
}
