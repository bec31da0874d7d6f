import type { Severity } from '../model/severity';
import { isPlaceholder } from '../secrets/placeholder';
import type { Field } from './workflow-document';

/**
 * Where a credential value comes from.
 * - `secret`: a `${{ secrets.X }}` reference: a long-lived key stored in GitHub secrets.
 * - `reference`: another expression (`inputs.x`, `vars.x`, `env.x`) or shell variable: a key from elsewhere.
 * - `runtime`: only outputs of earlier steps or jobs (`steps.x.outputs.y`): made during the run, often
 *   short-lived (an OIDC exchange, a vault lease), so not reported.
 * - `literal`: text written in the file: a hard-coded key.
 * - `placeholder`: written in the file but a stand-in (`<your-key>`, `changeme`), not a key.
 */
export type ValueOrigin = 'empty' | 'runtime' | 'secret' | 'reference' | 'placeholder' | 'literal';

const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;
/** Expressions made only of context paths and operators: safe to show, since they hold no literal text. */
const PLAIN_EXPRESSIONS = /^(?:\s*\$\{\{[\s\w.\-|&!()[\]*]*\}\}\s*)+$/;
const SHELL_VARIABLE = /^\$\{?[A-Za-z_]\w*\}?$/;

/** Classifies a value taken from YAML (an input, an environment variable). */
export function valueOrigin(value: string): ValueOrigin {
  const v = value.trim();
  if (!v) return 'empty';
  const bodies = [...v.matchAll(EXPRESSION)].map((m) => m[1] ?? '');
  const rest = v.replace(EXPRESSION, '');
  // Text around expressions counts when it could hold a key; separators such as `-` or `:` do not.
  if ((rest.match(/[A-Za-z0-9/+=]/g) ?? []).length >= 4) return isPlaceholder(rest.trim()) ? 'placeholder' : 'literal';
  // A string literal inside an expression (`${{ secrets.X || 'AKIA...' }}`) is written in the file too.
  if (bodies.some((b) => /'[^']{8,}'/.test(b))) return 'literal';
  if (bodies.some((b) => /\bsecrets\s*[.[]/.test(b))) return 'secret';
  if (bodies.length && bodies.every((b) => /^\s*(?:steps|needs)\.[\w-]+\.outputs\.[\w.-]+\s*$/.test(b))) return 'runtime';
  return 'reference';
}

/** Classifies a shell word that follows a credential name in a `run` script. */
export function shellWordOrigin(word: string): ValueOrigin {
  const w = unquote(word);
  if (!w) return 'reference';
  if (w.includes('${{')) return valueOrigin(w);
  if (w.startsWith('$(') || w.startsWith('`')) return 'runtime';
  if (w.startsWith('$')) return 'reference';
  return isPlaceholder(w) ? 'placeholder' : 'literal';
}

/** The severity of a long-lived key by origin; `undefined` when the value is not reported. */
export function originSeverity(origin: ValueOrigin): Severity | undefined {
  switch (origin) {
    case 'literal':
      return 'critical';
    case 'secret':
    case 'reference':
    case 'placeholder':
      return 'high';
    case 'empty':
    case 'runtime':
      return undefined;
  }
}

const RANK: Record<ValueOrigin, number> = { empty: 0, runtime: 0, placeholder: 1, reference: 2, secret: 3, literal: 4 };

/** Positive when origin `a` is worse than `b` (a literal key is worse than a stored one). */
export function compareOrigin(a: ValueOrigin, b: ValueOrigin): number {
  return RANK[a] - RANK[b];
}

/** How a message says where the key comes from; never contains the value itself unless it is a plain expression. */
export function originPhrase(origin: ValueOrigin, value: string): string {
  switch (origin) {
    case 'secret':
      return 'from GitHub secrets';
    case 'reference':
      return PLAIN_EXPRESSIONS.test(value) || SHELL_VARIABLE.test(unquote(value)) ? `from \`${shown(value)}\`` : 'from an expression';
    case 'literal':
      return 'hard-coded in this file, readable by anyone who can read the repository';
    case 'placeholder':
      return 'set to a placeholder in this file';
    case 'empty':
    case 'runtime':
      return 'from an earlier step';
  }
}

/** A value for evidence: plain references as written, anything with literal text as its length only. */
export function displayValue(value: string): string {
  const v = value.trim();
  if (!v) return '(empty)';
  if ((PLAIN_EXPRESSIONS.test(v) || SHELL_VARIABLE.test(unquote(v))) && v.length <= 120) return shown(v);
  return v.includes('${{') && valueOrigin(v) !== 'literal' ? `<expression, ${v.length} chars>` : `<literal, ${v.length} chars>`;
}

/** What a credential finding reports about a group of related fields (a key id and its secret). */
export interface CredentialAssessment {
  /** The first reported field: where the finding points, and its fingerprint subject. */
  field: Field;
  /** The fields that hold a reported value, in order. */
  fields: Field[];
  /** The worst origin among them, and the value that has it. */
  origin: ValueOrigin;
  originValue: string;
  severity: Severity;
}

/** Assesses fields that together make one credential; `undefined` when none holds a reported value. */
export function assessCredential(candidates: readonly (Field | undefined)[], originOf: (f: Field) => ValueOrigin = (f) => valueOrigin(f.value ?? '')): CredentialAssessment | undefined {
  const reported = candidates
    .filter((f): f is Field => f !== undefined)
    .map((f) => ({ f, origin: originOf(f) }))
    .filter(({ origin }) => originSeverity(origin) !== undefined);
  const first = reported[0];
  if (!first) return undefined;
  const worst = reported.reduce((a, b) => (compareOrigin(b.origin, a.origin) > 0 ? b : a));
  return {
    field: first.f,
    fields: reported.map(({ f }) => f),
    origin: worst.origin,
    originValue: worst.f.value ?? '',
    severity: originSeverity(worst.origin)!,
  };
}

/** `with.aws-access-key-id = ${{ secrets.AWS_KEY }}, with.aws-secret-access-key = <literal, 40 chars>` */
export function fieldsEvidence(prefix: string, fields: readonly Field[]): string {
  return fields.map((f) => `${prefix}${f.key} = ${displayValue(f.value ?? '')}`).join(', ');
}

/** The names of fields for a message: `` `aws-access-key-id`, `aws-secret-access-key` `` */
export function fieldNames(fields: readonly Field[]): string {
  return fields.map((f) => `\`${f.key}\``).join(', ');
}

function unquote(word: string): string {
  const w = word.trim();
  return /^(["']).*\1$/s.test(w) ? w.slice(1, -1) : w;
}

function shown(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}
