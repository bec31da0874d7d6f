import type { Confidence, Remediation } from '../model/finding';
import type { Severity } from '../model/severity';

/** A candidate secret found in a window of text. Offsets are absolute offsets into the scanned text. */
export interface SecretMatch {
  /** The credential itself: hashed for the fingerprint, redacted for evidence, never output. */
  secret: string;
  start: number;
  end: number;
  /** Named groups of the rule's pattern (names, prefixes); never output unless the rule puts them in `data`. */
  groups: Readonly<Record<string, string | undefined>>;
}

/** What a rule concludes about a match it accepts. */
export interface SecretVerdict {
  /** Values for the message placeholders. Must not contain secret material. */
  data?: Record<string, string>;
  severity?: Severity;
  confidence?: Confidence;
  /** Replaces the default redacted evidence; must not contain secret material. */
  evidence?: string;
  properties?: Record<string, string | number | boolean>;
}

export interface SecretScanContext {
  /** The whole text being scanned. */
  text: string;
  /** POSIX path relative to the scan root. */
  path: string;
}

/** A false positive the rule must never report, with the reason it is not a leak. */
export interface NotALeak {
  text: string;
  why: string;
  path?: string;
}

export interface SecretRuleSpec {
  /** Stable id, equal to the file name; never reused. */
  id: string;
  title: string;
  provider: string;
  description: string;
  severity: Severity;
  confidence: Confidence;
  /**
   * Lower-case literals; the rule runs only around places where one occurs (the prefilter).
   * Choose literals that every real match contains.
   */
  keywords: readonly string[];
  /**
   * The pattern, with a named group `secret`. It runs on the lines around each keyword hit, so it must be
   * linear: bounded quantifiers, no nested repetition. The `g` flag is added by the engine.
   */
  pattern?: RegExp;
  /** Extra lines searched before and after a keyword hit (for pairs such as an AWS key id and its secret). */
  contextLines?: number;
  /**
   * `window` (default): the rule sees the lines around each keyword hit. `text`: a finder sees the whole text
   * once, for multi-line formats such as PEM blocks and JSON key files.
   */
  scope?: 'window' | 'text';
  /**
   * A custom finder for structured formats (PEM blocks, JSON documents). It gets a window of the text and
   * its offset and must run in time linear in the window.
   */
  find?: (window: string, offset: number, ctx: SecretScanContext) => Iterable<SecretMatch>;
  /** Minimum Shannon entropy of the secret (bits per character). */
  minEntropy?: number;
  /** Secrets that are documented examples or well-known non-secrets. */
  allow?: readonly RegExp[];
  /** How many leading characters of the secret are a public prefix and may be shown in evidence. */
  visiblePrefix?: number;
  /** Placeholder checks apply to the secret without its fixed prefix. */
  prefixLength?: number;
  /**
   * Skip the placeholder word check, for long structured secrets that the rule validates itself (a PEM
   * body could contain `todo` by chance).
   */
  skipPlaceholderCheck?: boolean;
  /** When findings of two rules overlap, the higher priority wins (specific rules over generic ones). */
  priority?: number;
  /** Accepts or rejects a match and supplies message data. Return `undefined` to reject. */
  inspect?: (match: SecretMatch, ctx: SecretScanContext) => SecretVerdict | undefined;
  /** Message template; `{{name}}` placeholders come from the verdict's data. Says the risk and the fix. */
  message: string;
  remediation: Remediation;
  /** The equivalent rules of the tools users know, by tool name. */
  anchors: Readonly<Record<string, readonly string[]>>;
  references: readonly string[];
  examples: {
    /** Each text holds exactly one leak of this rule. */
    leaks: readonly (string | { text: string; path: string })[];
    notLeaks: readonly NotALeak[];
  };
}

export type SecretRule = Readonly<SecretRuleSpec> & { readonly kind: 'secret' };

/** Defines a secret rule. Rules are data; the engine does the walking, matching and reporting. */
export function defineSecretRule(spec: SecretRuleSpec): SecretRule {
  if (!spec.pattern && !spec.find) throw new Error(`Secret rule ${spec.id} needs a pattern or a finder`);
  if (spec.keywords.some((k) => k !== k.toLowerCase() || k.length === 0)) {
    throw new Error(`Secret rule ${spec.id}: keywords must be non-empty lower-case literals`);
  }
  return { ...spec, kind: 'secret' };
}

/** A rule that reports a whole file by its name (e.g. a PKCS#12 key store), whatever its content. */
export interface FileRuleSpec {
  id: string;
  title: string;
  provider: string;
  description: string;
  severity: Severity;
  confidence: Confidence;
  /** Matched against the POSIX path relative to the scan root. */
  path: RegExp;
  message: string;
  remediation: Remediation;
  anchors: Readonly<Record<string, readonly string[]>>;
  references: readonly string[];
  examples: { leaks: readonly string[]; notLeaks: readonly NotALeak[] };
}

export type FileRule = Readonly<FileRuleSpec> & { readonly kind: 'file' };

export function defineFileRule(spec: FileRuleSpec): FileRule {
  return { ...spec, kind: 'file' };
}
