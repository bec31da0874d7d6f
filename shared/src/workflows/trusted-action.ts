/** Owners whose actions may be used by tag: GitHub's own, which GitHub maintains and protects. */
export const DEFAULT_TRUSTED_ACTIONS: readonly string[] = ['actions/*', 'github/*'];

/** `owner/repo` patterns: `*` matches any run of characters within one segment. */
export const TRUSTED_ACTION_PATTERN = /^[A-Za-z0-9_.*-]+\/[A-Za-z0-9_.*-]+$/;

function toRegExp(pattern: string): RegExp {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${source}$`, 'i');
}

/** True when `owner/repo` matches one of the trusted patterns (case-insensitive, as GitHub names are). */
export function isTrustedAction(owner: string, repo: string, patterns: readonly string[]): boolean {
  const name = `${owner}/${repo}`;
  return patterns.some((p) => toRegExp(p).test(name));
}
