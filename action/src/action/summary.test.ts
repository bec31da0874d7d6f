import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { computeScorecard } from '@pavedroad/guardrails-core';
import { blobUrl } from './repo-paths';
import type { SummaryContext } from './summary';
import { buildSummary, escapeMarkdown, SUMMARY_LIMIT_BYTES, writeSummary } from './summary';
import { finding, many, report } from './test-findings';

const SHA = 'c'.repeat(40);

function context(r: ReturnType<typeof report>, extra: Partial<SummaryContext> = {}): SummaryContext {
  return {
    scorecard: computeScorecard(r.guardrails, r.findings),
    scope: 'the change in pull request #7',
    failOn: 'high',
    failed: true,
    repoPath: (p) => `svc/${p}`,
    link: (path, start, end) => blobUrl('https://github.com', 'acme/payments', SHA, path, start, end),
    files: ['guardrails.sarif', 'guardrails.json'],
    ...extra,
  };
}

describe('the job summary', () => {
  it('gives score, grade and level, a row per guardrail, and findings by severity with links, fix and paved road', () => {
    const r = report([finding('medium', 'ci/deploy.yml', 9), finding('critical', 'src/config.ts', 3)]);
    const ctx = context(r);
    const md = buildSummary(r, ctx);
    const card = ctx.scorecard;
    expect(md).toContain(`score **${card.score}/100** · grade **${card.grade}** · paved-road level **${card.level}**`);
    expect(md).toContain('| No leaked secrets `no-leaked-secrets` | bronze | ❌ fail | 1 | critical |');
    expect(md).toContain('| CI is hardened `ci-hardened` | gold | ❌ fail | 1 | medium |');
    expect(md).toContain('**2 open finding(s)**: 1 critical, 1 medium. At or above `high`: **the step fails**.');
    // Most severe first, each linked to its line at the head commit.
    expect(md.indexOf('#### 🔴 Critical (1)')).toBeLessThan(md.indexOf('#### 🟡 Medium (1)'));
    expect(md).toContain(`[\`svc/src/config.ts:3\`](https://github.com/acme/payments/blob/${SHA}/svc/src/config.ts#L3)`);
    expect(md).toContain('  **Fix:** Rotate it.\n  **Paved road:** Use OIDC.');
    expect(md).toContain('Full reports: `guardrails.sarif`, `guardrails.json`.');
  });

  it('links a span of lines, and encodes paths', () => {
    expect(blobUrl('https://ghe.example', 'o/r', SHA, 'dir/a file#1.tf', 4, 9)).toBe(`https://ghe.example/o/r/blob/${SHA}/dir/a%20file%231.tf#L4-L9`);
  });

  it('says when nothing is open, and when fail-on is none', () => {
    const clean = report([]);
    expect(buildSummary(clean, context(clean, { failed: false }))).toContain('**No open findings**.');
    const r = report([finding('high', 'a.ts', 1)]);
    expect(buildSummary(r, context(r, { failOn: 'none', failed: false }))).toContain('fail-on is `none`: the step does not fail on findings.');
  });

  it('lets no HTML from a path or message through (code spans show it as text), and keeps table cells whole', () => {
    const evil = finding('high', 'x<img src=x onerror=alert(1)>.ts', 1, { message: 'a | b <script>' });
    expect(escapeMarkdown('a | b <i>& `x <sha>`\nnext')).toBe('a | b &lt;i&gt;&amp; `x <sha>` next');
    const md = buildSummary(report([evil]), context(report([evil]), { link: undefined }));
    expect(md).toContain('`svc/x<img src=x onerror=alert(1)>.ts:1`');
    expect(md.replace(/`[^`\n]*`/g, '')).not.toMatch(/<img|<script/);
  });

  it('stays under 1 MiB with 20,000 findings, and says how many it left out', () => {
    const r = report(many('high', 20_000, 'src/generated/very/long/path/to/a/file/with/many/findings.ts'));
    const md = buildSummary(r, context(r));
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    const shown = (md.match(/^- \*\*/gm) ?? []).length;
    expect(shown).toBeGreaterThan(1000);
    expect(md).toContain(`> ${20_000 - shown} more finding(s) are not shown: a job summary is limited to 1 MiB. All findings are in the SARIF and JSON reports.`);
    // The guardrail table and the reports still come through.
    expect(md).toContain('### Guardrails');
    expect(md).toContain('Full reports:');
  });

  it('honours a smaller limit (the check run text)', () => {
    const r = report(many('medium', 2000));
    expect(Buffer.byteLength(buildSummary(r, context(r, { limitBytes: 60_000 })))).toBeLessThanOrEqual(60_000);
  });

  it('is appended to GITHUB_STEP_SUMMARY, and skipped without one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guardrails-summary-'));
    try {
      const file = join(dir, 'summary.md');
      expect(await writeSummary('one\n', file)).toBe(true);
      expect(await writeSummary('two\n', file)).toBe(true);
      expect(readFileSync(file, 'utf8')).toBe('one\ntwo\n');
      expect(await writeSummary('x', '')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
