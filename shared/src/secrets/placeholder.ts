// Words that mark a value as documentation, a template or a stand-in rather than a credential.
// Sources: gitleaks stop-words and curl allowlists, secretlint's built-in ignores, detect-secrets' filters.
const PLACEHOLDER_WORDS =
  /example|placeholder|changeme|change_me|change-me|your[_-]|yourkey|yoursecret|yourtoken|redacted|dummy|sample|replace[_-]?me|insert[_-]|fill[_-]?in|xxxx|\*\*\*\*|\.\.\.|todo|fixme|notreal|not[_-]a[_-]real|lorem|0123456|1234567|abcdefg/i;

// References to a value kept elsewhere: ${VAR}, $VAR, {{ .Values.x }}, ${{ secrets.X }}, %(name)s, #{x}, <name>.
const TEMPLATE_REFERENCE = /\$\{|\{\{|\$\(|%\(|#\{|^\$[A-Za-z_]|^<[^>]*>?$|^%[A-Za-z_]+%$|^@[A-Za-z_]/;

/** True when one character makes up most of the value (`xxxxxxxx`, `00000000`). */
function mostlyOneChar(value: string): boolean {
  const counts = new Map<string, number>();
  let max = 0;
  for (const c of value) {
    const n = (counts.get(c) ?? 0) + 1;
    counts.set(c, n);
    if (n > max) max = n;
  }
  return max / value.length > 0.6;
}

/** True for runs like `abcdefgh` or `12345678` that people type as stand-ins. */
function isSequential(value: string): boolean {
  if (value.length < 6) return false;
  let ascending = 0;
  for (let i = 1; i < value.length; i++) if (value.charCodeAt(i) - value.charCodeAt(i - 1) === 1) ascending++;
  return ascending / (value.length - 1) > 0.7;
}

/**
 * True when a candidate secret is a placeholder, a template reference or a documented example, which
 * must never be reported. `body` is the part after any fixed provider prefix.
 */
export function isPlaceholder(value: string, body: string = value): boolean {
  return (
    PLACEHOLDER_WORDS.test(value) ||
    TEMPLATE_REFERENCE.test(value) ||
    mostlyOneChar(body) ||
    isSequential(body)
  );
}
