import type { Report } from '@pavedroad/guardrails-core';
import { pushReport } from '../portal/push-report';
import { isRepositorySlug } from '../portal/repository-slug';
import { TOOL_VERSION } from '../version';
import type { CliIo } from './run-cli';

/** The portal to push to (its base URL) and the bearer token; no token: `--push-optional` without one. */
export interface PortalTarget {
  url: string;
  token?: string;
}

/**
 * Pushes the report and says how it went in one line on stderr (retries add a line each). Returns whether the
 * report was filed. With `optional`, a failure is a warning; the caller keeps its exit status.
 */
export async function publishReport(report: Report, portal: PortalTarget, io: Pick<CliIo, 'stderr' | 'fetch' | 'sleep'>, optional: boolean): Promise<boolean> {
  const failed = (reason: string) => {
    io.stderr(
      optional
        ? `guardrails: warning: report not pushed to ${portal.url}: ${reason} (--push-optional: the exit status does not change)\n`
        : `guardrails: error: report not pushed to ${portal.url}: ${reason}\n`,
    );
    return false;
  };
  if (!portal.token) return failed('no token: pass --portal-token or set GUARDRAILS_PORTAL_TOKEN');
  // The portal files reports by repository and refuses one without an owner/repo slug: say so without a round trip.
  const slug = report.repository?.slug;
  if (!slug || !isRepositorySlug(slug)) {
    return failed(`the report names ${slug ? `the repository "${slug}", not an owner/repo slug` : 'no repository'}: scan with --repository owner/repo`);
  }

  const outcome = await pushReport(
    report,
    { url: portal.url, token: portal.token, userAgent: `paved-road-guardrails-cli/${TOOL_VERSION}` },
    {
      ...(io.fetch ? { fetch: io.fetch } : {}),
      ...(io.sleep ? { sleep: io.sleep } : {}),
      log: (message) => io.stderr(`guardrails: ${message}\n`),
    },
  );
  if (!outcome.sent) return failed(outcome.reason);
  const { receipt } = outcome;
  const entities = receipt.entities?.length ? receipt.entities.join(', ') : 'none';
  io.stderr(`guardrails: report pushed to ${receipt.url ?? portal.url} (${receipt.status ?? `HTTP ${outcome.httpStatus}`}, entities: ${entities})\n`);
  return true;
}
