import * as core from '@actions/core';
import type { Report } from '@pavedroad/guardrails-core';
import { pushReport as pushToPortal } from '../portal/push-report';
import { TOOL_VERSION } from '../version';
import type { ActionInputs } from './inputs';

// Re-exported for callers and tests of the Action's push.
export { MAX_TRIES } from '../portal/push-report';

export type PortalOptions = NonNullable<ActionInputs['portal']>;

export interface PortalDeps {
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number) => Promise<void>;
}

export type PortalOutcome =
  | { sent: true; status: number; tries: number; url?: string }
  /** `missingCredentials`: expected on fork PRs, which get neither secrets nor OIDC tokens. */
  | { sent: false; reason: string; tries: number; missingCredentials?: boolean };

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

/**
 * The Action's portal push: the credential from the inputs or GitHub's OIDC, retries logged to the job log, and
 * the report's URL when the portal gives one. Never throws: the caller decides whether a failed push fails the step.
 */
export async function pushReport(report: Report, options: PortalOptions, deps: PortalDeps = {}): Promise<PortalOutcome> {
  const auth = await credential(options);
  if ('reason' in auth) return { sent: false, reason: auth.reason, tries: 0, missingCredentials: true };
  const outcome = await pushToPortal(
    report,
    { url: options.url, token: auth.token, userAgent: `paved-road-guardrails-action/${TOOL_VERSION}` },
    { ...deps, log: (message) => core.info(message) },
  );
  if (!outcome.sent) return { sent: false, reason: outcome.reason, tries: outcome.tries };
  const url = outcome.receipt.url;
  return { sent: true, status: outcome.httpStatus, tries: outcome.tries, ...(url ? { url } : {}) };
}
