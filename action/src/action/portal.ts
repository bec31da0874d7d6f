import * as core from '@actions/core';
import type { Report } from '@pavedroad/guardrails-core';
import { formatJson } from '../format/json-format';
import { TOOL_VERSION } from '../version';
import type { ActionInputs } from './inputs';

export type PortalOptions = NonNullable<ActionInputs['portal']>;

/** The portal backend's ingestion endpoint, under the portal URL. */
export const REPORTS_PATH = '/api/guardrails/reports';
export const MAX_TRIES = 3;
const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30_000;
const REQUEST_TIMEOUT_MS = 30_000;

export interface PortalDeps {
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number) => Promise<void>;
}

export type PortalOutcome =
  | { sent: true; status: number; tries: number; url?: string }
  /** `missingCredentials`: expected on fork PRs, which get neither secrets nor OIDC tokens. */
  | { sent: false; reason: string; tries: number; missingCredentials?: boolean };

const wait = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** The bearer credential: the portal token, or a GitHub OIDC token for the portal's audience. */
async function credential(options: PortalOptions): Promise<{ token: string } | { reason: string }> {
  if (options.auth === 'oidc') {
    try {
      return { token: await core.getIDToken(options.audience) };
    } catch (error) {
      const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
      return { reason: `no GitHub OIDC token (the job needs \`permissions: id-token: write\`; fork pull requests never get one): ${detail}` };
    }
  }
  if (!options.token) return { reason: 'no portal-token (secrets are not passed to workflows from fork pull requests)' };
  return { token: options.token };
}

/** Retry-After in seconds (or an HTTP date), capped; undefined when absent or unreadable. */
function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), MAX_BACKOFF_MS) : undefined;
}

const retriable = (status: number) => status >= 500 || status === 429 || status === 408;

/**
 * POSTs the JSON report to the portal. Retries 5xx, 429, timeouts and network errors with exponential
 * backoff (honouring Retry-After), at most MAX_TRIES times; returns the report's URL when the portal gives
 * one. Never throws: the caller decides whether a failed push fails the step.
 */
export async function pushReport(report: Report, options: PortalOptions, deps: PortalDeps = {}): Promise<PortalOutcome> {
  const fetch = deps.fetch ?? globalThis.fetch;
  const sleep = deps.sleep ?? wait;
  const auth = await credential(options);
  if ('reason' in auth) return { sent: false, reason: auth.reason, tries: 0, missingCredentials: true };

  const endpoint = `${options.url}${REPORTS_PATH}`;
  const body = formatJson(report);
  let last = '';
  for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
    let delay = FIRST_BACKOFF_MS * 2 ** (attempt - 1);
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${auth.token}`,
          'content-type': 'application/json',
          accept: 'application/json',
          'user-agent': `paved-road-guardrails-action/${TOOL_VERSION}`,
        },
        body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      if (response.ok) {
        let url: string | undefined;
        try {
          const parsed: unknown = JSON.parse(text);
          const value = parsed && typeof parsed === 'object' ? (parsed as { url?: unknown }).url : undefined;
          if (typeof value === 'string' && value) url = value;
        } catch {
          // A portal that answers without JSON still took the report.
        }
        return { sent: true, status: response.status, tries: attempt, ...(url ? { url } : {}) };
      }
      last = `${endpoint} answered ${response.status} ${response.statusText}`.trim() + (text ? `: ${text.slice(0, 200).replace(/\s+/g, ' ')}` : '');
      if (!retriable(response.status)) return { sent: false, reason: last, tries: attempt };
      delay = retryAfter(response.headers.get('retry-after')) ?? delay;
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      last = `${endpoint} could not be reached: ${cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))}`;
    }
    if (attempt < MAX_TRIES) {
      core.info(`Portal push try ${attempt} of ${MAX_TRIES} failed (${last}); retrying in ${Math.round(delay)} ms.`);
      await sleep(delay);
    }
  }
  return { sent: false, reason: `${last} (after ${MAX_TRIES} tries)`, tries: MAX_TRIES };
}
