import * as core from '@actions/core';
import type { Finding, ScanError, Severity } from '@pavedroad/guardrails-core';
import { compareSeverity } from '@pavedroad/guardrails-core';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

/** GitHub shows at most this many annotations of each level per step and drops the rest silently. */
export const PER_STEP_LIMIT = 10;

export function annotationLevel(severity: Severity): AnnotationLevel {
  return severity === 'critical' || severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'notice';
}

/**
 * Open findings in the order annotations are shown: most severe first; within a severity, files take turns
 * (each file's first finding, then each file's second...), so one file with many findings does not hide the
 * others; then by file and line.
 */
export function rankFindings(findings: readonly Finding[]): Finding[] {
  const open = findings.filter((f) => !f.suppression);
  const byLine = [...open].sort((a, b) => (a.location?.path ?? '').localeCompare(b.location?.path ?? '') || (a.location?.startLine ?? 0) - (b.location?.startLine ?? 0) || a.ruleId.localeCompare(b.ruleId));
  const turn = new Map<Finding, number>();
  const seen = new Map<string, number>();
  for (const f of byLine) {
    const key = `${f.severity}\0${f.location?.path ?? ''}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    turn.set(f, n);
  }
  const order = new Map(byLine.map((f, i) => [f, i]));
  return byLine.sort((a, b) => compareSeverity(b.severity, a.severity) || turn.get(a)! - turn.get(b)! || order.get(a)! - order.get(b)!);
}

/**
 * What this step has shown at each level. The Action's own messages (a fallback, the portal, the count of
 * what did not fit, the failure message) go through it too, so findings get only the slots left and nothing
 * the step prints is dropped by GitHub's per-step limit.
 */
export class AnnotationBudget {
  private readonly used: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 };

  private readonly reserved: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 };

  /** Keeps `count` slots of a level for a message still to come (the step's failure message is an error). */
  reserve(level: AnnotationLevel, count = 1): void {
    this.reserved[level] += count;
  }

  left(level: AnnotationLevel): number {
    return Math.max(0, PER_STEP_LIMIT - this.used[level] - this.reserved[level]);
  }

  notice(message: string): void {
    this.used.notice++;
    core.notice(message);
  }

  warning(message: string): void {
    this.used.warning++;
    core.warning(message);
  }

  /** An annotation of a file, counted. */
  annotate(level: AnnotationLevel, message: string, properties: core.AnnotationProperties): void {
    this.used[level]++;
    core[level](message, properties);
  }
}

/** The text of a finding's annotation: the message and the fix. Evidence is redacted by the core. */
export function annotationMessage(f: Finding): string {
  return `${f.message}\nFix: ${f.remediation.text}`;
}

export const annotationTitle = (f: Finding) => `${f.title} (${f.ruleId})`;

export interface CommandOptions {
  /** The repository-relative path of a scan-root-relative path. */
  repoPath: (path: string) => string;
  /** At most this many finding annotations in all. */
  max: number;
  /** Where the rest can be read, for the closing notice. */
  elsewhere: string;
}

/**
 * Workflow-command annotations (`::error file=…,line=…::`), which need no permission and work on fork PRs:
 * the most severe findings within each level's slots, then scan errors as warnings, then one notice that
 * says how many more there are and where.
 */
export function emitCommands(findings: readonly Finding[], errors: readonly ScanError[], budget: AnnotationBudget, options: CommandOptions): { shown: number; hidden: number } {
  const ranked = rankFindings(findings);
  const slots: Record<AnnotationLevel, number> = { error: budget.left('error'), warning: budget.left('warning'), notice: budget.left('notice') };
  let room = options.max;
  const chosen: Finding[] = [];
  for (const f of ranked) {
    const level = annotationLevel(f.severity);
    if (!f.location || slots[level] === 0 || room === 0) continue;
    slots[level]--;
    room--;
    chosen.push(f);
  }
  const errorSlots = Math.min(slots.warning, errors.filter((e) => e.path).length);
  let hidden = ranked.length - chosen.length + errors.length - errorSlots;
  // The closing notice needs a notice slot of its own: give up the last finding notice for it if need be.
  if (hidden > 0 && budget.left('notice') - chosen.filter((f) => annotationLevel(f.severity) === 'notice').length === 0) {
    const last = chosen.map((f) => annotationLevel(f.severity)).lastIndexOf('notice');
    if (last >= 0) {
      chosen.splice(last, 1);
      hidden++;
    }
  }
  for (const f of chosen) {
    const loc = f.location!;
    const props: core.AnnotationProperties = {
      title: annotationTitle(f),
      file: options.repoPath(loc.path),
      startLine: loc.startLine,
      endLine: loc.endLine,
    };
    if (loc.startLine === loc.endLine) {
      props.startColumn = loc.startColumn;
      props.endColumn = loc.endColumn;
    }
    budget.annotate(annotationLevel(f.severity), annotationMessage(f), props);
  }
  for (const e of errors.filter((x) => x.path).slice(0, errorSlots)) {
    budget.annotate('warning', e.message, { title: 'Could not scan', file: options.repoPath(e.path!), ...(e.line ? { startLine: e.line } : {}) });
  }
  if (hidden > 0) {
    const moreFindings = ranked.length - chosen.length;
    const moreErrors = hidden - moreFindings;
    const parts = [moreFindings ? `${moreFindings} more finding(s)` : '', moreErrors ? `${moreErrors} more scan error(s)` : ''].filter(Boolean).join(' and ');
    const text = `${parts} are in ${options.elsewhere} (GitHub shows ${PER_STEP_LIMIT} annotations of each level per step).`;
    if (budget.left('notice') > 0) budget.notice(text);
    else core.info(text);
  }
  return { shown: chosen.length, hidden };
}
