import { shannonEntropy } from './entropy';
import { KeywordAutomaton } from './keyword-automaton';
import { isPlaceholder } from './placeholder';
import type { SecretMatch, SecretRule, SecretScanContext, SecretVerdict } from './secret-rule';

/** A match a rule accepted, before it becomes a Finding. Holds the raw secret: never output it. */
export interface SecretHit {
  rule: SecretRule;
  match: SecretMatch;
  verdict: SecretVerdict;
}

// A window never reaches further than this from a keyword hit, so minified files with one huge line and
// many hits stay linear: each character is searched by a rule at most once.
const WINDOW_REACH = 2048;
const WINDOW_REACH_PER_CONTEXT_LINE = 512;

/** Start of the window: back to the line start, then `lines` more lines, within `reach` characters. */
function windowStart(text: string, pos: number, lines: number, reach: number): number {
  let i = pos;
  const limit = Math.max(0, pos - reach);
  let remaining = lines;
  while (i > limit) {
    if (text.charCodeAt(i - 1) === 10) {
      if (remaining === 0) break;
      remaining--;
    }
    i--;
  }
  return i;
}

/** End of the window (exclusive): to the line end, then `lines` more lines, within `reach` characters. */
function windowEnd(text: string, pos: number, lines: number, reach: number): number {
  let i = pos;
  const limit = Math.min(text.length, pos + reach);
  let remaining = lines;
  while (i < limit) {
    if (text.charCodeAt(i) === 10) {
      if (remaining === 0) break;
      remaining--;
    }
    i++;
  }
  return i;
}

function* regexMatches(pattern: RegExp, window: string, offset: number): Iterable<SecretMatch> {
  pattern.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(window)) !== null) {
    const groups = m.groups ?? {};
    const secret = groups.secret ?? m[1] ?? m[0];
    const within = m[0].indexOf(secret);
    const start = offset + m.index + Math.max(0, within);
    yield { secret, start, end: start + secret.length, groups };
    if (m[0].length === 0) pattern.lastIndex++;
  }
}

interface CompiledRule {
  rule: SecretRule;
  pattern: RegExp | undefined;
  contextLines: number;
  reach: number;
}

export interface SecretScannerOptions {
  /** Extra values never to report (from the config's allowlist). */
  allow?: readonly RegExp[];
}

/**
 * Scans text for secrets in one pass: a single keyword prefilter over the text, then each rule only on
 * the windows around its keywords. Precompile once and reuse for every file.
 */
export class SecretScanner {
  readonly #automaton: KeywordAutomaton;
  /** Rules by keyword index of the automaton. */
  readonly #rulesByKeyword: CompiledRule[][];
  readonly #allow: readonly RegExp[];

  constructor(rules: readonly SecretRule[], options: SecretScannerOptions = {}) {
    this.#allow = options.allow ?? [];
    const compiled = rules.map<CompiledRule>((rule) => {
      const contextLines = rule.contextLines ?? 0;
      return {
        rule,
        pattern: rule.pattern ? new RegExp(rule.pattern.source, rule.pattern.flags.replace('g', '') + 'g') : undefined,
        contextLines,
        reach: WINDOW_REACH + contextLines * WINDOW_REACH_PER_CONTEXT_LINE,
      };
    });
    const byKeyword = new Map<string, CompiledRule[]>();
    for (const c of compiled) {
      for (const keyword of c.rule.keywords) byKeyword.set(keyword, [...(byKeyword.get(keyword) ?? []), c]);
    }
    this.#automaton = new KeywordAutomaton([...byKeyword.keys()]);
    this.#rulesByKeyword = this.#automaton.keywords.map((k) => byKeyword.get(k) ?? []);
  }

  /**
   * Returns the accepted matches in the text, overlaps resolved in favour of the more specific rule.
   * `stats.windowChars` counts the characters handed to rule patterns: the work bound that keeps a scan linear.
   */
  scan(text: string, path: string, stats?: { windowChars: number }): SecretHit[] {
    const ctx: SecretScanContext = { text, path };
    const windows = new Map<CompiledRule, [number, number][]>();
    // Per scan: how far each rule's windows already reach, so overlapping hits cost nothing.
    const coveredUntil = new Map<CompiledRule, number>();
    const keywords = this.#automaton.keywords;
    this.#automaton.scan(text, (keyword, hit) => {
      const rules = this.#rulesByKeyword[keyword]!;
      const hitEnd = hit + keywords[keyword]!.length;
      // Line bounds are shared by every rule without context lines.
      let lineStart = -1;
      let lineEnd = -1;
      for (const c of rules) {
        const covered = coveredUntil.get(c) ?? -1;
        if (hit < covered) continue;
        if (c.rule.scope === 'text') {
          windows.set(c, [[0, text.length]]);
          coveredUntil.set(c, text.length);
          continue;
        }
        let start: number;
        let end: number;
        if (c.contextLines === 0) {
          if (lineStart < 0) {
            lineStart = windowStart(text, hit, 0, c.reach);
            lineEnd = windowEnd(text, hitEnd, 0, c.reach);
          }
          start = Math.max(lineStart, covered);
          end = lineEnd;
        } else {
          start = Math.max(windowStart(text, hit, c.contextLines, c.reach), covered);
          end = windowEnd(text, hitEnd, c.contextLines, c.reach);
        }
        coveredUntil.set(c, end);
        const list = windows.get(c);
        const last = list?.[list.length - 1];
        if (last && last[1] >= start) last[1] = end;
        else if (list) list.push([start, end]);
        else windows.set(c, [[start, end]]);
      }
    });

    const hits: SecretHit[] = [];
    for (const [c, spans] of windows) {
      for (const [start, end] of spans) {
        if (stats) stats.windowChars += end - start;
        const window = text.slice(start, end);
        const matches = c.rule.find ? c.rule.find(window, start, ctx) : regexMatches(c.pattern!, window, start);
        for (const match of matches) {
          const verdict = this.#accept(c.rule, match, ctx);
          if (verdict) hits.push({ rule: c.rule, match, verdict });
        }
      }
    }
    return resolveOverlaps(hits);
  }

  #accept(rule: SecretRule, match: SecretMatch, ctx: SecretScanContext): SecretVerdict | undefined {
    const { secret } = match;
    if (rule.allow?.some((re) => re.test(secret))) return undefined;
    if (this.#allow.some((re) => re.test(secret))) return undefined;
    // The rule's own judgement first: it rejects most generic candidates cheaply.
    const verdict = rule.inspect ? rule.inspect(match, ctx) : {};
    if (!verdict) return undefined;
    if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) return undefined;
    if (!rule.skipPlaceholderCheck && isPlaceholder(secret, secret.slice(rule.prefixLength ?? 0))) return undefined;
    return verdict;
  }
}

/** Keeps one hit per overlapping span: the higher-priority rule, then the longer match. */
function resolveOverlaps(hits: SecretHit[]): SecretHit[] {
  if (hits.length < 2) return hits;
  const sorted = [...hits].sort((a, b) => a.match.start - b.match.start || b.match.end - a.match.end);
  const kept: SecretHit[] = [];
  for (const hit of sorted) {
    const last = kept[kept.length - 1];
    if (last && hit.match.start < last.match.end) {
      if (better(hit, last)) kept[kept.length - 1] = hit;
      continue;
    }
    kept.push(hit);
  }
  return kept;
}

function better(a: SecretHit, b: SecretHit): boolean {
  const pa = a.rule.priority ?? 0;
  const pb = b.rule.priority ?? 0;
  if (pa !== pb) return pa > pb;
  return a.match.end - a.match.start > b.match.end - b.match.start;
}
