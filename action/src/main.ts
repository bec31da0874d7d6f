import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as core from '@actions/core';
import type { Report } from '@pavedroad/guardrails-core';
import { computeScorecard, SEVERITIES } from '@pavedroad/guardrails-core';
import { AnnotationBudget, emitCommands, rankFindings } from './action/annotations';
import type { AwsConnection } from './action/aws-context/aws-session';
import type { SourceReader } from './action/aws-context/leaked-key-ids';
import type { CheckRunTarget, Conclusion, Octokit } from './action/check-run';
import { abortCheckRun, checkAnnotations, createOctokit, finishCheckRun, startCheckRun } from './action/check-run';
import type { ActionEvent } from './action/event';
import { defaultBranch, headRef, headSha, isFork, readEvent, runningWorkflowFile } from './action/event';
import { ensureHistory } from './action/git-history';
import type { ActionInputs } from './action/inputs';
import { readInputs } from './action/inputs';
import { setOutputs } from './action/outputs';
import { pushReport } from './action/portal';
import { blobUrl, repoPathFor, scanRootPrefix, withRepoPaths } from './action/repo-paths';
import { planScope } from './action/scope';
import { buildSummary, writeSummary } from './action/summary';
import { shouldFail } from './cli/run-cli';
import { formatJson } from './format/json-format';
import { formatSarif } from './format/sarif-format';
import { gitBytes } from './git/run-git';
import { runScan } from './scan/run-scan';

export const CHECK_NAME = 'Paved Road Guardrails';

/** Seams for tests: msw sees the global fetch only, and retries should not wait. */
export interface RunDeps {
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  /** The job's AWS clients for `aws-context: auto` (tests pass msw-backed ones); default: the SDK's chain. */
  awsConnect?: () => Promise<AwsConnection>;
}

interface Scope {
  diff?: { base: string; head: string; mergeBase: true };
  description: string;
}

/** The change to scan, with the history it needs fetched; everything when the history cannot be had. */
async function resolveScope(root: string, event: ActionEvent, inputs: ActionInputs, budget: AnnotationBudget): Promise<Scope> {
  const plan = planScope(event, inputs.mode);
  if (plan.kind === 'full') return { description: `everything (${plan.why})` };
  const history = await ensureHistory(root, plan);
  for (const line of history.log) core.info(line);
  if (!history.ok) {
    budget.notice(
      `Scanning everything instead of the change: ${history.reason}. Check out with enough history (actions/checkout \`fetch-depth: 0\`) or keep its credentials (\`persist-credentials\`) so the Action can fetch it.`,
    );
    return { description: `everything (${history.reason})` };
  }
  return { diff: { base: history.base, head: history.head, mergeBase: true }, description: `the change in ${plan.why}` };
}

function checkTarget(event: ActionEvent): CheckRunTarget | undefined {
  const [owner, repo] = (event.repository ?? '').split('/');
  const sha = headSha(event);
  return owner && repo && sha ? { owner, repo, headSha: sha, name: CHECK_NAME } : undefined;
}

/** Scanned files as the scan read them: at the head commit for a change, else from disk. */
function sourceReader(root: string, head: string | undefined): SourceReader {
  if (head) return async (path) => (await gitBytes(root, ['cat-file', 'blob', `${head}:./${path}`])).toString('utf8');
  return (path) => readFile(resolve(root, path), 'utf8');
}

/** The report as the portal should file it: the repository and commit from the event, not the merge checkout. */
function attribute(report: Report, event: ActionEvent, head: string | undefined): void {
  if (!event.repository) return;
  const repository: NonNullable<Report['repository']> = { ...report.repository, slug: event.repository };
  if (head) repository.commit = head;
  const ref = headRef(event);
  if (ref) repository.ref = ref;
  const main = defaultBranch(event);
  if (main) repository.defaultBranch = main;
  report.repository = repository;
}

/**
 * The Action: scope the scan to the change, scan, then report where developers look (annotations or a check
 * run, the job summary, SARIF and JSON files, outputs, the portal) and fail the step at the threshold.
 */
export async function run(deps: RunDeps = {}): Promise<void> {
  const now = deps.now ?? (() => new Date());
  let check: { octokit: Octokit; target: CheckRunTarget; id: number } | undefined;
  try {
    const inputs = readInputs();
    const event = readEvent();
    const cwd = process.cwd();
    const root = resolve(cwd, inputs.path);
    const budget = new AnnotationBudget();
    const scope = await resolveScope(root, event, inputs, budget);
    core.info(`Scanning ${scope.description}.`);

    // The check run is created first, so the PR shows the scan in progress and a read-only token is known early.
    const target = checkTarget(event);
    const wantsCheck = inputs.annotations === 'auto' || inputs.annotations === 'check-run';
    if (wantsCheck && inputs.githubToken && target) {
      const octokit = createOctokit(inputs.githubToken, event.apiUrl, deps.fetch);
      const started = await startCheckRun(octokit, target, now());
      if (started.ok) check = { octokit, target, id: started.value };
      else if (started.status === 403) {
        budget.notice(
          `The token cannot create a check run (${isFork(event) ? 'a pull request from a fork gets a read-only token' : 'grant `checks: write`'}): the findings are annotated with workflow commands instead.`,
        );
      } else budget.notice(`Could not create a check run (${started.message}): the findings are annotated with workflow commands instead.`);
    } else if (inputs.annotations === 'check-run') {
      budget.notice(`No check run: ${inputs.githubToken ? 'the repository or head commit is unknown' : 'no github-token'}. The findings are annotated with workflow commands instead.`);
    }

    const { report, config, undecided } = await runScan({
      paths: [inputs.path],
      cwd,
      ...(inputs.config ? { configFile: inputs.config } : {}),
      ...(scope.diff ? { diff: scope.diff } : {}),
      now: now(),
    });
    const checkedOut = report.repository?.commit ?? event.sha;
    attribute(report, event, scope.diff?.head ?? headSha(event));
    const repoPath = repoPathFor(await scanRootPrefix(cwd, inputs.path, process.env.GITHUB_WORKSPACE));

    let awsContext: string[] | undefined;
    if (inputs.awsContext === 'auto') {
      // Loaded only when asked for: the AWS SDK is most of the bundle's code.
      const { runAwsContext } = await import('./action/aws-context/aws-context-step');
      awsContext = await runAwsContext(report, {
        budget,
        now: now(),
        read: sourceReader(resolve(cwd, report.scan.root), scope.diff?.head),
        repoPath,
        workflowFile: runningWorkflowFile(),
        undecided,
        ...(deps.awsConnect ? { connect: deps.awsConnect } : {}),
      });
    }

    const failOn = inputs.failOn ?? config.failOn;
    const failures: string[] = [];
    const open = rankFindings(report.findings);
    if (shouldFail(report, failOn)) {
      const counts = SEVERITIES.map((s) => `${open.filter((f) => f.severity === s).length} ${s}`).join(', ');
      failures.push(`${open.length} guardrail finding(s): ${counts}`);
    }
    const scorecard = computeScorecard(report.guardrails, report.findings);

    const sarifFile = inputs.sarifFile;
    const jsonFile = inputs.jsonFile;
    const category = inputs.path === '.' ? 'guardrails' : `guardrails:${inputs.path.replace(/^\.\//, '').replace(/\/+$/, '')}`;
    await writeFile(resolve(cwd, sarifFile), formatSarif(withRepoPaths(report, repoPath), { category }));
    await writeFile(resolve(cwd, jsonFile), formatJson(report));

    let reportUrl: string | undefined;
    if (inputs.portal) {
      const outcome = await pushReport(report, inputs.portal, { ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.sleep ? { sleep: deps.sleep } : {}) });
      if (outcome.sent) {
        reportUrl = outcome.url;
        core.info(`Report sent to the portal${outcome.url ? `: ${outcome.url}` : ''}.`);
      } else if (inputs.portal.required) {
        failures.push(`The report was not sent to the portal: ${outcome.reason}`);
      } else {
        budget.notice(`The report was not sent to the portal: ${outcome.reason}. The scan result stands; set portal-required: true to fail instead.`);
      }
    }
    if (failures.length) budget.reserve('error');

    const sha = scope.diff?.head ?? checkedOut;
    const link = event.repository && sha ? (path: string, start: number, end: number) => blobUrl(event.serverUrl, event.repository!, sha, path, start, end) : undefined;
    const summaryContext = {
      scorecard,
      scope: scope.description,
      failOn,
      failed: shouldFail(report, failOn),
      repoPath,
      ...(link ? { link } : {}),
      files: [sarifFile, jsonFile],
      awsContext,
    };

    let annotateWithCommands = inputs.annotations !== 'none';
    if (check) {
      const conclusion: Conclusion = summaryContext.failed ? 'failure' : open.length ? 'neutral' : 'success';
      const annotations = checkAnnotations(report.findings, repoPath, inputs.maxAnnotations);
      const located = open.filter((f) => f.location).length;
      const headline = `${open.length} open finding(s)${summaryContext.failed ? ` at or above ${failOn}` : ''} · score ${scorecard.score ?? '–'} · grade ${scorecard.grade ?? '–'} · level ${scorecard.level}`;
      const finished = await finishCheckRun(
        check.octokit,
        check.target,
        check.id,
        annotations,
        {
          conclusion,
          title: headline,
          summary: `Scanned ${scope.description}.\n\n${annotations.length} of ${located} finding(s) with a location are annotated${located > annotations.length ? ` (max-annotations: ${inputs.maxAnnotations})` : ''}.`,
          text: buildSummary(report, { ...summaryContext, limitBytes: 60_000 }),
        },
        now,
      );
      check = undefined;
      if (finished.ok) {
        annotateWithCommands = false;
        core.info(`Check run "${CHECK_NAME}" completed (${conclusion}) with ${annotations.length} annotation(s) in ${finished.value} update(s).`);
      } else {
        budget.notice(`Could not add the annotations to the check run (${finished.status === 403 ? 'the token cannot write checks' : finished.message}): they are written as workflow commands instead.`);
      }
    }
    if (annotateWithCommands) {
      const elsewhere = inputs.summary && process.env.GITHUB_STEP_SUMMARY ? 'the job summary' : `the reports ${sarifFile} and ${jsonFile}`;
      emitCommands(report.findings, report.errors, budget, { repoPath, max: inputs.maxAnnotations, elsewhere });
    }

    if (inputs.summary) await writeSummary(buildSummary(report, summaryContext));
    setOutputs({ report, scorecard, sarifFile, jsonFile, ...(reportUrl ? { reportUrl } : {}) });
    if (failures.length) core.setFailed(failures.join('\n'));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (check) await abortCheckRun(check.octokit, check.target, check.id, message, now());
    core.setFailed(message);
  }
}
