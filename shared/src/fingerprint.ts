import { createHash } from 'node:crypto';

/** sha256 hex of a value; used so that only hashes of secrets are ever stored or compared. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * A finding's fingerprint: stable when lines move or the file is edited elsewhere, different for a different
 * secret on the same line (gitleaks#2239). Built from the rule, the path (or resource) and the secret's hash.
 */
export function fingerprint(ruleId: string, where: string, subject: string): string {
  return sha256(`${ruleId}\u0000${where}\u0000${sha256(subject)}`).slice(0, 32);
}
