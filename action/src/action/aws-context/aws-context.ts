import type { Finding, GuardrailId, Report } from '@pavedroad/guardrails-core';
import type { AwsFailure, AwsResult } from './aws-call';
import { AWS_CALL_TIMEOUT_MS } from './aws-call';
import type { AwsSession } from './aws-session';
import type { CallerKey } from './caller-key';
import { readCallerKey } from './caller-key';
import { callerKeyFacts, enrichStaticKeyFindings, STATIC_KEYS_RULE } from './caller-key-note';
import type { ImdsContext } from './imds-context';
import { readImdsContext } from './imds-context';
import { applyImdsContext, isContextDependent, literalAmi } from './imds-decision';
import { applyKeyAccounts, readKeyAccounts } from './leaked-key-accounts';
import type { SourceReader } from './leaked-key-ids';
import { leakedKeyIds } from './leaked-key-ids';
import { regradeGuardrails } from './regrade-guardrails';

export interface AwsContextOptions {
  session: AwsSession;
  now: Date;
  /** Reads a scanned file again, for the key ids the findings only show redacted. */
  read: SourceReader;
  /** Whether a finding is in the workflow that is running, where the key the job signs in with is configured. */
  inRunningWorkflow: (f: Finding) => boolean;
  /** Why the scan could not decide each guardrail it could not, for guardrails left without findings. */
  undecided?: ReadonlyMap<GuardrailId, string>;
  timeoutMs?: number;
}

export interface AwsContextOutcome {
  /** What AWS said and what changed, for the log and the job summary. */
  notes: string[];
  /** Calls that gave nothing: the parts that needed them changed nothing. */
  failures: AwsFailure[];
  /** The job's long-lived key, when no finding in the running workflow could carry it. */
  unplacedKey?: string;
  /** Context-dependent IMDSv2 findings AWS decided in favour of IMDSv2, removed from the report. */
  dropped: { finding: Finding; why: string }[];
}

const skipped = <T>(): AwsResult<T | undefined> => ({ ok: true, value: undefined });

/**
 * Adds what the job's AWS credentials can tell to the report, in place:
 * (a) the age and last use of the job's own long-lived key, on the `ci-aws-static-keys` findings of the running
 *     workflow; (b) the region's IMDS defaults and AMIs' `ImdsSupport`, which decide `absent` IMDSv2 findings;
 * (c) the account of leaked AKIA/ASIA keys the scanner could not decode offline.
 * Each part applies only when every call it made succeeded; failures are returned, never thrown.
 */
export async function addAwsContext(report: Report, options: AwsContextOptions): Promise<AwsContextOutcome> {
  const { session, now } = options;
  const timeoutMs = options.timeoutMs ?? AWS_CALL_TIMEOUT_MS;
  const notes: string[] = [];
  const failures: AwsFailure[] = [];
  const outcome: AwsContextOutcome = { notes, failures, dropped: [] };

  const contextDependent = report.findings.filter(isContextDependent);
  const amis = contextDependent.map(literalAmi).filter((a): a is string => a !== undefined);
  const ec2 = session.ec2;
  const region = session.region;
  if (contextDependent.length && !(ec2 && region)) notes.push('AWS context: the job names no AWS region (`AWS_REGION`), so the IMDS defaults were not read.');

  const keyIds = await leakedKeyIds(report.findings, options.read);
  const [caller, imds, accounts] = await Promise.all([
    readCallerKey(session, timeoutMs),
    contextDependent.length && ec2 && region ? readImdsContext(ec2, region, amis, timeoutMs) : skipped<ImdsContext>(),
    keyIds.size ? readKeyAccounts(session.sts, [...keyIds.values()], timeoutMs) : skipped<Map<string, string>>(),
  ]);

  let findings = report.findings;
  // (c) first: the key ids are keyed by the finding objects as the scan made them.
  if (!accounts.ok) failures.push(accounts.failure);
  else if (accounts.value) {
    const named = applyKeyAccounts(findings, keyIds, accounts.value);
    findings = named.findings;
    if (named.named) notes.push(`AWS context: \`sts:GetAccessKeyInfo\` named the owning account of ${named.named} leaked AWS key id(s) the scanner could not decode offline.`);
  }

  if (!caller.ok) failures.push(caller.failure);
  else if (caller.value) {
    const key: CallerKey = caller.value;
    const facts = callerKeyFacts(key, now);
    const enriched = enrichStaticKeyFindings(findings, facts, options.inRunningWorkflow);
    findings = enriched.findings;
    if (enriched.enriched) notes.push(`${facts.sentence} Added to ${enriched.enriched} \`${STATIC_KEYS_RULE}\` finding(s) of the running workflow.`);
    else {
      notes.push(facts.sentence);
      outcome.unplacedKey = facts.sentence;
    }
  }

  if (!imds.ok) failures.push(imds.failure);
  else if (imds.value) {
    const decided = applyImdsContext(findings, imds.value);
    findings = decided.findings;
    outcome.dropped = decided.dropped;
    for (const d of decided.dropped) notes.push(`AWS context: dropped the IMDSv2 finding on ${String(d.finding.properties?.resource ?? d.finding.location?.path ?? 'a resource')}: ${d.why}.`);
    if (decided.explained) notes.push(`AWS context: kept ${decided.explained} IMDSv2 finding(s) on resources that do not set \`http_tokens\`, with the account's IMDS default for ${imds.value.defaults.region} (\`${imds.value.defaults.httpTokens}\`) in the message.`);
  }

  report.findings = findings;
  if (outcome.dropped.length) report.guardrails = regradeGuardrails(report, options.undecided);
  return outcome;
}
