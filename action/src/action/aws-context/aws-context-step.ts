import * as core from '@actions/core';
import type { Finding, GuardrailId, Report } from '@pavedroad/guardrails-core';
import type { AnnotationBudget } from '../annotations';
import { AWS_CALL_TIMEOUT_MS, describeFailure } from './aws-call';
import { addAwsContext } from './aws-context';
import type { AwsConnection } from './aws-session';
import { connectAws, withImdsDisabled } from './aws-session';
import type { SourceReader } from './leaked-key-ids';

export interface AwsContextStep {
  budget: AnnotationBudget;
  now: Date;
  read: SourceReader;
  /** The repository path of a finding's (scan-root-relative) path. */
  repoPath: (path: string) => string;
  /** The running workflow file, repository-relative (from `GITHUB_WORKFLOW_REF`). */
  workflowFile?: string | undefined;
  undecided?: ReadonlyMap<GuardrailId, string>;
  /** The job's AWS clients; tests pass msw-backed ones. */
  connect?: () => Promise<AwsConnection>;
  timeoutMs?: number;
}

/**
 * `aws-context: auto`: when the job has AWS credentials, adds what they can tell to the report (see
 * `addAwsContext`) and says so in the log and notices. Returns lines for the job summary. Never throws and never
 * fails the step: a missing permission, throttling, a network error or a timeout is one notice.
 */
export async function runAwsContext(report: Report, step: AwsContextStep): Promise<string[]> {
  const timeoutMs = step.timeoutMs ?? AWS_CALL_TIMEOUT_MS;
  try {
    return await withImdsDisabled(async () => {
      const connection = await (step.connect ?? (() => connectAws(process.env, timeoutMs)))();
      if (!connection.ok) {
        core.info(`aws-context: ${connection.why}; nothing is read from AWS.`);
        return [];
      }
      const workflowFile = step.workflowFile;
      const inRunningWorkflow = (f: Finding) => workflowFile !== undefined && f.location !== undefined && step.repoPath(f.location.path) === workflowFile;
      const outcome = await addAwsContext(report, {
        session: connection.session,
        now: step.now,
        read: step.read,
        inRunningWorkflow,
        timeoutMs,
        ...(step.undecided ? { undecided: step.undecided } : {}),
      });
      for (const note of outcome.notes) core.info(note);
      if (outcome.unplacedKey) {
        if (workflowFile) step.budget.annotate('notice', outcome.unplacedKey, { title: 'AWS context: long-lived key', file: workflowFile });
        else step.budget.notice(outcome.unplacedKey);
      }
      if (outcome.dropped.length) {
        const n = outcome.dropped.length;
        step.budget.notice(`AWS context decided ${n} IMDSv2 finding(s) on resources that do not set http_tokens: IMDSv2 is required after all (${outcome.dropped[0]!.why}${n > 1 ? ', and more in the job summary' : ''}). They were dropped.`);
      }
      if (!outcome.failures.length) return outcome.notes;
      const incomplete = `AWS context is incomplete: ${outcome.failures.map((f) => describeFailure(f, timeoutMs)).join('; ')}.`;
      const remedy = outcome.failures.some((f) => f.kind === 'denied')
        ? 'Allow the denied calls to the job\'s credentials (docs/action.md, "AWS context") or set aws-context: off.'
        : 'Set aws-context: off to skip it.';
      step.budget.notice(`${incomplete} What those calls would have added is left out and nothing else changed. ${remedy}`);
      return [...outcome.notes, incomplete];
    });
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    step.budget.notice(`AWS context was skipped after an unexpected error (${message}); the scan result stands.`);
    return [];
  }
}
