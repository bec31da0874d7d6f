import { setTimeout as sleep } from 'node:timers/promises';
import {
  CredentialReportExpiredException,
  CredentialReportNotPresentException,
  CredentialReportNotReadyException,
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
} from '@aws-sdk/client-iam';
import type { ScanContext } from '../session/scan-context';
import type { CredentialReportRow } from './credential-report-csv';
import { parseCredentialReport } from './credential-report-csv';

export interface CredentialReport {
  rows: CredentialReportRow[];
  /** AWS regenerates the report at most every 4 hours: data can be that old. */
  generatedAt?: string | undefined;
}

/** Polls at most this many times (about 2 minutes at the default 2 s). */
const MAX_POLLS = 60;

/**
 * Generates the credential report and reads it. `ReportInProgress` is a modelled 404 the SDK does not retry, so
 * this polls itself; `ReportNotPresent` and `ReportExpired` start a new generation (research aws-live §1.1).
 */
export async function readCredentialReport(ctx: ScanContext): Promise<CredentialReport | undefined> {
  const iam = ctx.clients.iam();
  return ctx.step(
    // No guardrail depends on the report alone: per-user calls stand in for it (collectUsers).
    { service: 'iam', operation: 'GetCredentialReport', guardrails: [] },
    async (abortSignal) => {
      let generate = true;
      for (let poll = 0; poll < MAX_POLLS; poll++) {
        if (generate) {
          const started = await iam.send(new GenerateCredentialReportCommand({}), { abortSignal });
          generate = false;
          if (started.State !== 'COMPLETE') {
            await sleep(ctx.pollMs, undefined, { signal: abortSignal });
            continue;
          }
        }
        try {
          const report = await iam.send(new GetCredentialReportCommand({}), { abortSignal });
          // Parsed from the bytes: the report's text is never decoded as a whole.
          return { rows: parseCredentialReport(report.Content ?? new Uint8Array()), generatedAt: report.GeneratedTime?.toISOString() };
        } catch (error) {
          if (error instanceof CredentialReportNotPresentException || error instanceof CredentialReportExpiredException) generate = true;
          else if (!(error instanceof CredentialReportNotReadyException)) throw error;
          await sleep(ctx.pollMs, undefined, { signal: abortSignal });
        }
      }
      throw Object.assign(new Error(`the credential report was not ready after ${MAX_POLLS} polls`), { name: 'TimeoutError' });
    },
  );
}
