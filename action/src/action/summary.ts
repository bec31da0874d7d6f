import { appendFile } from 'node:fs/promises';
import type { Finding, GuardrailResult, Report, Scorecard, Severity } from '@pavedroad/guardrails-core';
import { getGuardrail, SEVERITIES } from '@pavedroad/guardrails-core';

/** GitHub refuses a step summary over 1 MiB; stay below it with room for the truncation note. */
export const SUMMARY_LIMIT_BYTES = 1_000_000;
const MAX_ERRORS_LISTED = 50;

export interface SummaryContext {
  scorecard: Scorecard;
  /** What was scanned and why, e.g. `pull request #7: 1a2b…9f8e`. */
  scope: string;
  failOn: string;
  failed: boolean;
  repoPath: (path: string) => string;
  /** A link to a file's lines at the head commit, when the repository is known. */
  link?: ((path: string, startLine: number, endLine: number) => string) | undefined;
  /** Where the full reports were written. */
  files: string[];
  /** What the job's AWS credentials added or decided (`aws-context: auto`). */
  awsContext?: readonly string[] | undefined;
  limitBytes?: number;
}

const MAX_AWS_NOTES = 20;

/**
 * Markdown-safe text: no HTML from a path or message reaches the page. Code spans (the core writes
 * `http_tokens = "optional"`) are kept as they are, since GitHub shows their content as text.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('');
}

/** A table cell: escaped text whose pipes do not end the cell (GFM honours `\|` in code spans too). */
const cell = (text: string) => escapeMarkdown(text).replace(/\|/g, '\\|');

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

const STATUS: Record<GuardrailResult['status'], string> = { pass: '✅ pass', fail: '❌ fail', unknown: '❔ unknown', 'not-applicable': '➖ not applicable' };
const SEVERITY_TITLE: Record<Severity, string> = { critical: '🔴 Critical', high: '🟠 High', medium: '🟡 Medium', low: '🔵 Low', info: '⚪ Info' };

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

function findingItem(f: Finding, ctx: SummaryContext): string {
  const loc = f.location;
  let where = '';
  if (loc) {
    const path = ctx.repoPath(loc.path);
    const label = code(`${path}:${loc.startLine}`);
    where = ctx.link ? `[${label}](${ctx.link(path, loc.startLine, loc.endLine)})` : label;
  } else if (f.resource) {
    where = code(`${f.resource.provider}:${f.resource.id}`);
  }
  return [
    `- **${escapeMarkdown(f.title)}** ${code(f.ruleId)} at ${where}`,
    `  ${escapeMarkdown(f.message)}`,
    `  **Fix:** ${escapeMarkdown(f.remediation.text)}`,
    `  **Paved road:** ${escapeMarkdown(f.remediation.pavedRoad)}`,
    '',
  ].join('\n');
}

/**
 * The job summary: score, grade and level; a table of the guardrails; the open findings by severity with
 * links to their lines, remediation and the paved-road fix; scan errors. Findings that do not fit in the size
 * limit are left out with a note saying how many and where they are.
 */
export function buildSummary(report: Report, ctx: SummaryContext): string {
  const card = ctx.scorecard;
  // By file and line within each severity, as the report lists them.
  const open = report.findings.filter((f) => !f.suppression);
  const suppressed = report.findings.length - open.length;
  const counts = SEVERITIES.map((s) => [s, open.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);

  const head: string[] = ['## 🛡️ Paved Road Guardrails', ''];
  const score = card.score === null ? 'no score (no guardrail applies)' : `score **${card.score}/100**`;
  head.push(`${score} · grade **${card.grade ?? '–'}** · paved-road level **${card.level}**`);
  if (card.next) head.push('', `Next level, **${card.next.level}**, needs: ${card.next.blockers.map(code).join(', ')}.`);
  head.push(
    '',
    `Scope: ${escapeMarkdown(ctx.scope)}; ${report.scan.filesScanned} file(s) scanned${report.scan.filesSkipped.length ? `, ${report.scan.filesSkipped.length} skipped` : ''}.`,
    '',
    open.length
      ? `**${open.length} open finding(s)**: ${counts.map(([s, n]) => `${n} ${s}`).join(', ')}${suppressed ? `; ${suppressed} suppressed` : ''}. ` +
          (ctx.failOn === 'none' ? 'fail-on is `none`: the step does not fail on findings.' : ctx.failed ? `At or above ${code(ctx.failOn)}: **the step fails**.` : `None at or above ${code(ctx.failOn)}.`)
      : `**No open findings**${suppressed ? ` (${suppressed} suppressed)` : ''}.`,
    '',
    '### Guardrails',
    '',
    '| Guardrail | Level | Status | Findings | Worst | Note |',
    '|---|---|---|---:|---|---|',
  );
  for (const g of card.guardrails) {
    const title = getGuardrail(g.id).title;
    head.push(`| ${cell(title)} ${code(g.id)} | ${g.level} | ${STATUS[g.status]} | ${g.findings} | ${g.worstSeverity ?? ''} | ${cell(g.reason ?? '')} |`);
  }
  head.push('');
  if (ctx.awsContext?.length) {
    head.push('### AWS context', '');
    for (const note of ctx.awsContext.slice(0, MAX_AWS_NOTES)) head.push(`- ${escapeMarkdown(note.replace(/^AWS context: (.)/, (_, first: string) => first.toUpperCase()))}`);
    if (ctx.awsContext.length > MAX_AWS_NOTES) head.push(`- … and ${ctx.awsContext.length - MAX_AWS_NOTES} more in the log.`);
    head.push('');
  }

  const tail: string[] = [];
  if (report.errors.length) {
    tail.push('### Could not scan', '');
    for (const e of report.errors.slice(0, MAX_ERRORS_LISTED)) {
      const where = e.path ? `${code(`${ctx.repoPath(e.path)}${e.line ? `:${e.line}` : ''}`)}: ` : '';
      tail.push(`- ${where}${escapeMarkdown(e.message)}`);
    }
    if (report.errors.length > MAX_ERRORS_LISTED) tail.push(`- … and ${report.errors.length - MAX_ERRORS_LISTED} more in the JSON report.`);
    tail.push('');
  }
  if (ctx.files.length) tail.push(`Full reports: ${ctx.files.map(code).join(', ')}.`, '');

  const limit = ctx.limitBytes ?? SUMMARY_LIMIT_BYTES;
  const headText = head.join('\n') + '\n';
  const tailText = tail.join('\n') + '\n';
  const noteReserve = 300;
  let budget = limit - bytes(headText) - bytes(tailText) - noteReserve;
  const body: string[] = [];
  let listed = 0;
  if (open.length) {
    body.push('### Findings', '');
    budget -= bytes('### Findings\n\n');
    outer: for (const severity of SEVERITIES) {
      const group = open.filter((f) => f.severity === severity);
      if (!group.length) continue;
      const heading = `#### ${SEVERITY_TITLE[severity]} (${group.length})\n`;
      if (bytes(heading) > budget) break;
      body.push(heading);
      budget -= bytes(heading) + 1;
      for (const f of group) {
        const item = findingItem(f, ctx);
        const size = bytes(item) + 1;
        if (size > budget) break outer;
        body.push(item);
        budget -= size;
        listed++;
      }
    }
    if (listed < open.length) {
      body.push(`> [!NOTE]\n> ${open.length - listed} more finding(s) are not shown: a job summary is limited to 1 MiB. All findings are in the SARIF and JSON reports.\n`);
    }
  }
  return headText + body.join('\n') + (body.length ? '\n' : '') + tailText;
}

/** Appends to `GITHUB_STEP_SUMMARY`; returns false when the runner gave no summary file. */
export async function writeSummary(markdown: string, file = process.env.GITHUB_STEP_SUMMARY): Promise<boolean> {
  if (!file) return false;
  await appendFile(file, markdown, 'utf8');
  return true;
}
