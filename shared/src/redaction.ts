/**
 * Redacts a secret for display: at most `visible` leading characters (a provider prefix such as `AKIA`
 * or `ghp_`, never more than a fifth of the value) and the length. The rest of the value never leaves.
 */
export function redact(secret: string, visible = 4): string {
  const shown = Math.min(visible, Math.floor(secret.length / 5));
  return shown > 0 ? `${secret.slice(0, shown)}…(${secret.length} chars)` : `redacted, ${secret.length} chars`;
}
