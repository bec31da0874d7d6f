/** GitHub Actions' OIDC issuer host; GitHub Enterprise Cloud with a unique issuer adds `/<enterprise>`. */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

// Condition keys of GitHub's provider, as Checkov's gh_sub_condition spells them (checkov/common/util/oidc_utils.py).
const CLAIM_KEY = /^token\.actions\.githubusercontent\.com(?:\/[A-Za-z0-9_-]+)?:(sub|aud)$/i;

/** The GitHub claim a condition key tests (`token.actions.githubusercontent.com:sub` → `sub`), else undefined. */
export function githubClaim(key: string): 'sub' | 'aud' | undefined {
  const claim = CLAIM_KEY.exec(key)?.[1]?.toLowerCase();
  return claim === 'sub' || claim === 'aud' ? claim : undefined;
}

/** Whether an issuer URL or a federated principal ARN is GitHub's OIDC provider. */
export function isGithubIssuer(value: string): boolean {
  return value.toLowerCase().includes(GITHUB_OIDC_HOST);
}

/** Whether a subject value restricts tokens to specific repositories. */
export type SubjectPin = { state: 'pinned' } | { state: 'unpinned'; why: string } | { state: 'unknown'; why: string };

// Claims that name no repository: a subject made only of them matches workflows in any repository
// (Checkov's gh_abusable_claims, plus job_workflow_ref, which names the called workflow, not the caller).
const REPOLESS = new Set(['workflow', 'environment', 'ref', 'context', 'head_ref', 'base_ref', 'job_workflow_ref', 'pull_request']);
const REPO_KEYS = new Set(['repo', 'repository', 'repository_id']);
const OWNER_KEYS = new Set(['repository_owner', 'repository_owner_id']);

/**
 * Reads a GitHub `sub` value: `repo:<owner>/<name>:...` (names or immutable `owner@id/name@id`), or a
 * customised template of `claim:value` pairs. `wildcards` is true under `StringLike`, where `*` and `?`
 * match; under `StringEquals` they are literal and cannot widen the match.
 */
export function githubSubjectPin(subject: string, wildcards: boolean): SubjectPin {
  const wild = (s: string) => wildcards && /[*?]/.test(s);
  if (wild(subject) && /^[*?]+$/.test(subject)) return { state: 'unpinned', why: 'matches tokens from every repository on GitHub' };
  if (subject.startsWith('repo:')) {
    const m = /^repo:([^/:]+)\/([^:]+)(?::|$)/.exec(subject);
    if (!m) return wild(subject) ? { state: 'unpinned', why: 'the repository is a wildcard: any repository on GitHub matches' } : { state: 'unknown', why: 'not a `repo:<owner>/<name>` subject' };
    const [, owner = '', repo = ''] = m;
    if (wild(owner)) return { state: 'unpinned', why: 'the owner is a wildcard: any repository on GitHub matches' };
    if (wild(repo)) return { state: 'unpinned', why: `the repository is a wildcard: every repository of ${owner} matches` };
    return { state: 'pinned' };
  }
  // A customised subject template: claim names and values alternate.
  const parts = subject.split(':');
  const keys = parts.filter((_, i) => i % 2 === 0);
  const valueOf = (key: string) => parts[parts.indexOf(key) + 1] ?? '';
  const repoKey = keys.find((k) => REPO_KEYS.has(k));
  if (repoKey) return wild(valueOf(repoKey)) ? { state: 'unpinned', why: 'the repository is a wildcard' } : { state: 'pinned' };
  const ownerKey = keys.find((k) => OWNER_KEYS.has(k));
  if (ownerKey) return { state: 'unpinned', why: `only the owner is pinned (${ownerKey}): every repository of it matches` };
  if (REPOLESS.has(parts[0] ?? '')) return { state: 'unpinned', why: `\`${parts[0]}\` names no repository: workflows in any repository match` };
  return { state: 'unknown', why: 'a subject format this check does not read' };
}

// A test of a repository-identifying claim in a CEL condition (`assertion.repository == "acme/app"`,
// `attribute.repository_owner_id in [...]`); negations (`!=`) do not pin anything.
const CEL_REPO_TEST = /\b(?:assertion|attribute)\.(?:repository|repository_id|repository_owner|repository_owner_id)\s*(?:==|\bin\b)|\b(?:assertion|attribute)\.(?:repository|repository_owner)\.startsWith\(/;
const CEL_SUB_TEST = /\b(?:assertion|attribute)\.sub\s*==\s*(['"])(.*?)\1/g;

/**
 * Whether a GCP workload identity `attribute_condition` restricts GitHub tokens to a repository or an owner.
 * An owner pin is accepted here: the service account bindings (`principalSet://.../attribute.repository/...`)
 * narrow further, which Google recommends (Workload Identity Federation with deployment pipelines).
 */
export function celConditionPinsRepository(condition: string): boolean {
  if (CEL_REPO_TEST.test(condition)) return true;
  for (const m of condition.matchAll(CEL_SUB_TEST)) if (githubSubjectPin(m[2] ?? '', false).state === 'pinned') return true;
  return false;
}
