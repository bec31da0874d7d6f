import pc from 'picocolors';
import type { Finding, Report, Severity } from '@pavedroad/guardrails-core';
import { SEVERITIES } from '@pavedroad/guardrails-core';

export interface TextFormatOptions {
  color: boolean;
}

type Paint = (s: string) => string;

function painter(color: boolean) {
  const c = pc.createColors(color);
  const severity: Record<Severity, Paint> = {
    critical: (s) => c.bold(c.red(s)),
    high: c.red,
    medium: c.yellow,
    low: c.cyan,
    info: c.dim,
  };
  return { ...c, severity };
}

/** Human-readable report: findings grouped by file, remediation under each, a summary at the end. */
export function formatText(report: Report, options: TextFormatOptions): string {
  const c = painter(options.color);
  const lines: string[] = [];
  const open = report.findings.filter((f) => !f.suppression);
  const suppressed = report.findings.length - open.length;
  const byFile = new Map<string, Finding[]>();
  for (const f of open) {
    const key = f.location?.path ?? f.resource?.id ?? '(unknown)';
    byFile.set(key, [...(byFile.get(key) ?? []), f]);
  }
  for (const [file, findings] of byFile) {
    lines.push(c.underline(c.bold(file)));
    for (const f of findings) {
      const where = f.location ? `${f.location.startLine}:${f.location.startColumn}` : '';
      const commit = f.commit ? c.dim(` (commit ${f.commit.slice(0, 12)})`) : '';
      lines.push(`  ${c.dim(where.padEnd(9))} ${c.severity[f.severity](f.severity.padEnd(8))} ${f.message} ${c.dim(f.ruleId)}${commit}`);
      lines.push(`  ${' '.repeat(9)} ${' '.repeat(8)} ${c.dim('fix:')} ${f.remediation.text}`);
      lines.push(`  ${' '.repeat(9)} ${' '.repeat(8)} ${c.dim('paved road:')} ${f.remediation.pavedRoad}`);
    }
    lines.push('');
  }
  for (const e of report.errors) {
    const where = e.path ? `${e.path}${e.line ? `:${e.line}` : ''}: ` : '';
    lines.push(`${c.yellow('warning')} ${where}${e.message}`);
  }
  if (report.errors.length) lines.push('');

  const counts = SEVERITIES.map((s) => [s, open.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  const summary = counts.length ? counts.map(([s, n]) => c.severity[s](`${n} ${s}`)).join(', ') : c.green('no findings');
  const extra = [
    suppressed ? `${suppressed} suppressed` : '',
    report.scan.filesSkipped.length ? `${report.scan.filesSkipped.length} skipped` : '',
  ].filter(Boolean);
  lines.push(
    `${c.bold(`${open.length} finding${open.length === 1 ? '' : 's'}`)} (${summary}) in ${report.scan.filesScanned} file${report.scan.filesScanned === 1 ? '' : 's'} scanned${extra.length ? `; ${extra.join(', ')}` : ''}.`,
  );
  for (const g of report.guardrails) {
    const mark = g.status === 'pass' ? c.green('pass') : g.status === 'fail' ? c.red('fail') : c.yellow(g.status);
    lines.push(`  ${mark.padEnd(4)} ${g.id}${g.findings ? ` (${g.findings})` : ''}${g.reason ? c.dim(` — ${g.reason}`) : ''}`);
  }
  return lines.join('\n') + '\n';
}
