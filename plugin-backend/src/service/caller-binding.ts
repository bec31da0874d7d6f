/** Repositories a non-OIDC caller may push reports for, from `guardrails.ingest.bindings`. */
export interface CallerBinding {
  subject: string;
  repositories: readonly string[];
}

export type BindingDecision = { allowed: true } | { allowed: false; reason: string };

// GitHub OIDC subjects arrive as `external:<prefix>:repo:<owner>/<repo>:<context>` (backend.auth.externalAccess
// type jwks adds `external:` and the configured prefix) or, without a prefix, `external:repo:<owner>/<repo>:...`.
const GITHUB_OIDC_SUBJECT = /^external:(?:[^:]+:)?repo:([^/:]+\/[^:]+):/;

/** The `owner/repo` a GitHub OIDC subject speaks for, or undefined for other subjects. */
export function repositoryOfOidcSubject(subject: string): string | undefined {
  return GITHUB_OIDC_SUBJECT.exec(subject)?.[1]?.toLowerCase();
}

function matches(pattern: string, repository: string): boolean {
  const p = pattern.toLowerCase();
  if (p === '*') return true;
  if (p.endsWith('/*')) return repository.startsWith(p.slice(0, -1));
  return p === repository;
}

/**
 * Whether `subject` may push a report for `repository`. A GitHub OIDC caller is bound to the repository in its
 * token; any other caller only to the repositories configured for its subject. Unbound callers are refused.
 */
export function decideBinding(subject: string, repository: string, bindings: readonly CallerBinding[]): BindingDecision {
  const repo = repository.toLowerCase();
  const oidcRepository = repositoryOfOidcSubject(subject);
  if (oidcRepository !== undefined) {
    return oidcRepository === repo
      ? { allowed: true }
      : { allowed: false, reason: `the GitHub OIDC token is for ${oidcRepository}, not ${repo}` };
  }
  const own = bindings.filter((b) => b.subject === subject);
  if (own.length === 0) {
    return {
      allowed: false,
      reason: `caller ${subject} is not bound to any repository (add it to guardrails.ingest.bindings, or push with GitHub OIDC)`,
    };
  }
  return own.some((b) => b.repositories.some((p) => matches(p, repo)))
    ? { allowed: true }
    : { allowed: false, reason: `caller ${subject} is not bound to ${repo}` };
}
