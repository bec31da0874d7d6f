/** What a `uses:` value points at. */
export type UsesRef =
  | { kind: 'local'; path: string }
  | { kind: 'docker'; image: string; digest: string | undefined }
  | { kind: 'remote'; owner: string; repo: string; subpath: string; ref: string | undefined }
  | { kind: 'unknown'; value: string };

const REMOTE = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)((?:\/[^@\s]*)?)(?:@(\S+))?$/;
const DIGEST = /@(sha256:[0-9a-f]{64})$/i;

/** Parses `uses:` as GitHub reads it: `./path`, `docker://image`, or `owner/repo[/path]@ref`. */
export function parseUses(value: string): UsesRef {
  const v = value.trim();
  if (v.startsWith('./') || v.startsWith('../')) return { kind: 'local', path: v };
  if (v.startsWith('docker://')) {
    const image = v.slice('docker://'.length);
    return { kind: 'docker', image, digest: DIGEST.exec(image)?.[1] };
  }
  const m = REMOTE.exec(v);
  if (!m) return { kind: 'unknown', value: v };
  return { kind: 'remote', owner: m[1]!, repo: m[2]!, subpath: m[3] ?? '', ref: m[4] };
}

/** True when `uses` names the action `ownerRepo` (owner and repository names are case-insensitive on GitHub). */
export function usesAction(uses: string | undefined, ...ownerRepos: string[]): boolean {
  if (!uses) return false;
  const ref = parseUses(uses);
  if (ref.kind !== 'remote') return false;
  const name = `${ref.owner}/${ref.repo}${ref.subpath}`.toLowerCase();
  return ownerRepos.some((o) => o.toLowerCase() === name);
}

/** A full commit SHA: the only ref that cannot be moved (GitHub's security hardening guide). */
export function isFullSha(ref: string): boolean {
  return /^[0-9a-f]{40}$/i.test(ref);
}
