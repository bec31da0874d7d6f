import type { Report } from '@pavedroad/guardrails-core';
import { formatJson } from '../format/json-format';
import type { PortalReceipt } from './portal-answer';
import { errorDetail, readReceipt } from './portal-answer';

/** The portal backend's ingestion endpoint, under the portal URL (plugin `guardrails`, `POST /reports`). */
export const REPORTS_PATH = '/api/guardrails/reports';
export const MAX_TRIES = 3;
const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30_000;
const REQUEST_TIMEOUT_MS = 30_000;

/** Where to push and as whom. `url` is the portal's base URL, without a trailing slash. */
export interface PushTarget {
  url: string;
  /** The bearer credential: a static portal token or a GitHub OIDC token. Never logged. */
  token: string;
  /** Who is calling, e.g. `paved-road-guardrails-cli/1.2.3`. */
  userAgent: string;
}

export interface PushDeps {
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Progress worth a line in the log (a retry); the outcome is returned, not logged. */
  log?: (message: string) => void;
}

export type PushOutcome =
  | { sent: true; httpStatus: number; tries: number; receipt: PortalReceipt }
  | { sent: false; reason: string; tries: number; httpStatus?: number };

/** What to check when the portal refuses the report; Backstage's message says what, these say where to look. */
const REFUSAL_HINTS: Readonly<Partial<Record<number, string>>> = {
  401: 'the portal did not accept the credential: check the token, or that the portal trusts its issuer',
  403: 'the credential may not push reports for this repository: check the portal permission guardrails.report.create and its repository bindings',
  413: "the report is larger than the portal's guardrails.ingest.maxBodySize",
};

const wait = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Retry-After in seconds (or an HTTP date), capped; undefined when absent or unreadable. */
function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), MAX_BACKOFF_MS) : undefined;
}

const retriable = (status: number) => status >= 500 || status === 429 || status === 408;

/**
 * POSTs the JSON report to the portal. Retries 5xx, 429, 408, timeouts and network errors with exponential
 * backoff (honouring Retry-After), at most MAX_TRIES times. Never throws: the caller decides whether a failed
 * push is a failure. The token never appears in the outcome or the log, even if the portal echoes it.
 */
export async function pushReport(report: Report, target: PushTarget, deps: PushDeps = {}): Promise<PushOutcome> {
  const fetch = deps.fetch ?? globalThis.fetch;
  const sleep = deps.sleep ?? wait;
  // fetch refuses such a header with an error that quotes it, token included; refuse it first, without quoting.
  if (!target.token || /[\s\x00-\x1f\x7f]/.test(target.token)) {
    return { sent: false, reason: 'the portal token is empty or contains whitespace or control characters', tries: 0 };
  }
  const hide = (text: string) => text.split(target.token).join('***');
  const endpoint = `${target.url}${REPORTS_PATH}`;
  const body = formatJson(report);
  let last = '';
  let lastStatus: number | undefined;
  for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
    let delay = FIRST_BACKOFF_MS * 2 ** (attempt - 1);
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${target.token}`,
          'content-type': 'application/json',
          accept: 'application/json',
          'user-agent': target.userAgent,
        },
        body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      if (response.ok) return { sent: true, httpStatus: response.status, tries: attempt, receipt: readReceipt(text, response.status) };
      const detail = errorDetail(text);
      const hint = REFUSAL_HINTS[response.status];
      last = hide(`${`${endpoint} answered ${response.status} ${response.statusText}`.trim()}${detail ? `: ${detail}` : ''}${hint ? ` (${hint})` : ''}`);
      lastStatus = response.status;
      if (!retriable(response.status)) return { sent: false, reason: last, tries: attempt, httpStatus: response.status };
      delay = retryAfter(response.headers.get('retry-after')) ?? delay;
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      last = hide(`${endpoint} could not be reached: ${cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))}`);
      lastStatus = undefined;
    }
    if (attempt < MAX_TRIES) {
      deps.log?.(`Portal push try ${attempt} of ${MAX_TRIES} failed (${last}); retrying in ${Math.round(delay)} ms.`);
      await sleep(delay);
    }
  }
  return { sent: false, reason: `${last} (after ${MAX_TRIES} tries)`, tries: MAX_TRIES, ...(lastStatus === undefined ? {} : { httpStatus: lastStatus }) };
}
