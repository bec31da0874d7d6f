import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import ignore from 'ignore';
import type { Config, Finding, FindingSource, GuardrailEvidence, GuardrailId, Report, ScanError, SkippedFile, SourceFile } from '@pavedroad/guardrails-core';
import {
  applyBaseline,
  FileScanner,
  guardrailResults,
  IacScanner,
  isTemplateCandidate,
  isTerraformPath,
  GuardrailsError,
  parseBaseline,
  REPORT_SCHEMA_VERSION,
  scanCloudFormation,
} from '@pavedroad/guardrails-core';
import { walk } from '../files/walk';
import { GitBlobReader } from '../git/blob-reader';
import { gitBytes, gitLines } from '../git/run-git';
import type { AddedLines } from '../git/unified-diff';
import { UnifiedDiffParser } from '../git/unified-diff';
import { TOOL_NAME, TOOL_VERSION } from '../version';
import { loadConfig } from './load-config';
import { mapLimit } from './pool';
import { repositoryInfo } from './repository-info';
import { loadHclParser } from './hcl-grammar';
import { iacContext } from './iac-context';
import { scanFilesSync } from './scan-sync';

const READ_CONCURRENCY = 16;

export interface ScanRequest {
  /** Paths to scan, relative to `cwd`; default `.`. */
  paths: readonly string[];
  cwd: string;
  configFile?: string;
  baselineFile?: string;
  /**
   * Report only what the lines added between two revisions bring (HEAD omitted: the working tree). With
   * `mergeBase`, compare from the merge base of BASE and HEAD (`git diff BASE...HEAD`).
   */
  diff?: { base: string; head?: string; mergeBase?: boolean };
  /** Scan the lines added by every commit in a range (default: all history). */
  history?: { range?: string };
  now: Date;
  onProgress?: (done: number, total: number) => void;
}

export interface ScanOutcome {
  report: Report;
  config: Config;
  /** Why each guardrail the scan could not decide is `unknown` when it has no findings (and after findings go). */
  undecided: ReadonlyMap<GuardrailId, string>;
}

interface Collected {
  findings: Finding[];
  errors: ScanError[];
  skipped: SkippedFile[];
  scanned: number;
  unreadable: number;
  /** Infrastructure code to evaluate as whole modules and templates. */
  iacSources: SourceFile[];
  /** In a diff scan: the added lines per file; IaC findings elsewhere are context, not reported. */
  addedLines?: Map<string, ReadonlySet<number>>;
  /** What file rules learnt about their guardrails (workflows seen, files that could not be checked). */
  evidence?: Map<GuardrailId, GuardrailEvidence>;
}

const toPosix = (p: string) => p.split(sep).join('/');

/** Runs a scan as the CLI and the Action do: files from disk or git in, a report in the shared contract out. */
export async function runScan(request: ScanRequest): Promise<ScanOutcome> {
  const startedAt = request.now;
  const started = performance.now();
  const { root, targets } = await resolveTargets(request.cwd, request.paths);
  const configFile = request.configFile === undefined ? undefined : resolve(request.cwd, request.configFile);
  const config = await loadConfig(root, configFile, request.cwd);
  const scanner = new FileScanner({
    config,
    source: request.diff ? 'pr' : 'repo',
    today: startedAt.toISOString().slice(0, 10),
  });

  // git lookups run while the scan does.
  const repository = repositoryInfo(root);
  let collected: Collected;
  if (request.history) collected = await scanHistory(root, scanner, config, request.history.range);
  else if (request.diff) collected = await scanDiff(root, scanner, config, request.diff, request.onProgress);
  else {
    collected = await scanFiles(root, targets, config, {
      source: 'repo',
      today: startedAt.toISOString().slice(0, 10),
      onProgress: request.onProgress,
    });
  }

  const today = startedAt.toISOString().slice(0, 10);
  const iac = new IacScanner(collected.iacSources.some((f) => isTerraformPath(f.path)) ? await loadHclParser() : undefined, {
    config,
    source: request.diff ? 'pr' : 'repo',
    today,
    templates: scanCloudFormation,
  });
  const iacResult = iac.scan(collected.iacSources);
  const added = collected.addedLines;
  const touchesChange = (f: Finding) => {
    if (!added || !f.location) return true;
    const lines = added.get(f.location.path);
    if (!lines) return false;
    for (let l = f.location.startLine; l <= f.location.endLine; l++) if (lines.has(l)) return true;
    return false;
  };
  collected.findings.push(...iacResult.findings.filter(touchesChange));
  collected.errors.push(...iacResult.errors.filter((e) => !added || !e.path || added.has(e.path)));

  let findings = collected.findings;
  const baselineFile = request.baselineFile ?? (config.baseline ? resolve(root, config.baseline) : undefined);
  if (baselineFile) {
    const file = isAbsolute(baselineFile) ? baselineFile : resolve(request.cwd, baselineFile);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new GuardrailsError('IO', `cannot read baseline ${relative(request.cwd, file)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
    }
    findings = applyBaseline(findings, parseBaseline(text, relative(request.cwd, file)), relative(root, file));
  }
  findings.sort(
    (a, b) =>
      (a.location?.path ?? '').localeCompare(b.location?.path ?? '') ||
      (a.location?.startLine ?? 0) - (b.location?.startLine ?? 0) ||
      (a.location?.startColumn ?? 0) - (b.location?.startColumn ?? 0) ||
      a.ruleId.localeCompare(b.ruleId),
  );

  const incomplete = new Map<GuardrailId, string>();
  const notApplicable = new Map<GuardrailId, string>();
  if (collected.unreadable > 0) {
    for (const id of scanner.guardrails) incomplete.set(id, `${collected.unreadable} file(s) could not be read`);
  }
  const fileEvidence = collected.evidence ?? scanner.evidence();
  for (const [id, evidence] of [...iacResult.guardrails, ...fileEvidence]) {
    if (evidence.undecided.length) {
      const more = evidence.undecided.length > 1 ? ` (and ${evidence.undecided.length - 1} more)` : '';
      incomplete.set(id, `${evidence.undecided[0]}${more}`);
    } else if (!evidence.applicable) notApplicable.set(id, 'no resources this guardrail judges in the scanned code');
  }
  const evaluated = request.history ? scanner.guardrails : [...new Set([...scanner.guardrails, ...iac.guardrails])];

  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    scan: {
      root: toPosix(relative(request.cwd, root)) || '.',
      scope: request.diff ? 'diff' : 'full',
      startedAt: startedAt.toISOString(),
      durationMs: Math.round(performance.now() - started),
      filesScanned: collected.scanned,
      filesSkipped: collected.skipped,
    },
    findings,
    guardrails: guardrailResults(evaluated, findings, incomplete, notApplicable),
    errors: collected.errors,
  };
  if (request.diff) {
    report.scan.base = request.diff.base;
    if (request.diff.head) report.scan.head = request.diff.head;
  }
  const repo = await repository;
  if (repo) report.repository = repo;
  return { report, config, undecided: incomplete };
}

async function resolveTargets(cwd: string, paths: readonly string[]): Promise<{ root: string; targets: string[] }> {
  const list = paths.length ? paths : ['.'];
  const absolute = list.map((p) => resolve(cwd, p));
  for (const p of absolute) {
    try {
      await stat(p);
    } catch {
      throw new GuardrailsError('USAGE', `no such file or directory: ${relative(cwd, p) || p}`);
    }
  }
  if (absolute.length === 1) {
    const only = absolute[0]!;
    const info = await stat(only);
    return info.isDirectory() ? { root: only, targets: [only] } : { root: dirname(only), targets: [only] };
  }
  return { root: cwd, targets: absolute };
}

interface FileScanOptions {
  source: FindingSource;
  today: string;
  onProgress: ScanRequest['onProgress'];
}

async function scanFiles(root: string, targets: readonly string[], config: Config, options: FileScanOptions): Promise<Collected> {
  const onProgress = options.onProgress;
  const out: Collected = { findings: [], errors: [], skipped: [], scanned: 0, unreadable: 0, iacSources: [] };
  const files: { path: string; absolute: string; size: number }[] = [];
  for (const target of targets) {
    const info = await stat(target);
    if (info.isDirectory()) {
      const walked = walk(target, { ignorePaths: config.ignorePaths, maxFileSize: config.maxFileSize });
      const prefix = toPosix(relative(root, target));
      for (const f of walked.files) files.push({ path: prefix ? `${prefix}/${f.path}` : f.path, absolute: f.absolute, size: f.size });
      for (const s of walked.skipped) out.skipped.push({ ...s, path: prefix ? `${prefix}/${s.path}` : s.path });
    } else if (info.size > config.maxFileSize) {
      out.skipped.push({ path: toPosix(relative(root, target)) || basename(target), reason: `larger than ${config.maxFileSize} bytes (${info.size})` });
    } else {
      files.push({ path: toPosix(relative(root, target)) || basename(target), absolute: target, size: info.size });
    }
  }
  const data = {
    config: { ...config, allowSecrets: config.allowSecrets.map((re) => re.source) },
    source: options.source,
    today: options.today,
  };
  let done = 0;
  const result = scanFilesSync({ ...data, files }, () => onProgress?.(++done, files.length));
  return {
    findings: result.findings,
    errors: [...out.errors, ...result.errors],
    skipped: [...out.skipped, ...result.skipped],
    scanned: result.scanned,
    unreadable: result.unreadable,
    iacSources: result.iacSources,
    evidence: result.evidence,
  };
}

function collect(out: Collected, path: string, result: ReturnType<FileScanner['scanFile']>): void {
  out.findings.push(...result.findings);
  out.errors.push(...result.errors);
  if (result.skipped) out.skipped.push({ path, reason: result.skipped });
  else out.scanned++;
}

const DIFF_ARGS = ['-U0', '--no-color', '--no-ext-diff', '--no-prefix', '--find-renames', '--relative'];

async function scanDiff(
  root: string,
  scanner: FileScanner,
  config: Config,
  diff: { base: string; head?: string; mergeBase?: boolean },
  onProgress?: (done: number, total: number) => void,
): Promise<Collected> {
  const out: Collected = { findings: [], errors: [], skipped: [], scanned: 0, unreadable: 0, iacSources: [] };
  const changed: AddedLines[] = [];
  const parser = new UnifiedDiffParser((added) => changed.push(added));
  const range = !diff.head ? [diff.base] : diff.mergeBase ? [`${diff.base}...${diff.head}`] : [diff.base, diff.head];
  await gitLines(root, ['diff', ...DIFF_ARGS, ...range, '--'], (line) => parser.line(line));
  parser.flush();
  // Against the working tree, files git does not track yet are added in full (a new `.env` is the classic leak).
  const untracked = new Set<string>();
  if (!diff.head) {
    const listed = await gitBytes(root, ['ls-files', '--others', '--exclude-standard', '-z']);
    for (const path of listed.toString('utf8').split('\0').filter(Boolean)) untracked.add(path);
    for (const path of untracked) changed.push({ path, numbers: [], texts: [] });
  }
  const ignored = ignore().add([...config.ignorePaths]);
  const addedLines = new Map<string, ReadonlySet<number>>();
  // Files at HEAD come through one `git cat-file --batch`, not a `git show` each.
  const blobs = diff.head ? new GitBlobReader(root) : undefined;
  const atHead = blobs ? (path: string) => blobs.read(`${diff.head}:./${path}`) : undefined;
  try {
    let done = 0;
    await mapLimit(changed, READ_CONCURRENCY, async (added) => {
      if (ignored.ignores(added.path)) return;
      let bytes: Buffer;
      try {
        bytes = atHead ? await atHead(added.path) : await readFile(resolve(root, added.path));
      } catch (error) {
        out.unreadable++;
        out.errors.push({ path: added.path, message: `could not read: ${(error as Error).message.split('\n')[0]}` });
        return;
      }
      if (bytes.length > config.maxFileSize) {
        out.skipped.push({ path: added.path, reason: `larger than ${config.maxFileSize} bytes (${bytes.length})` });
        return;
      }
      const lines = untracked.has(added.path) ? {} : { lines: new Set(added.numbers) };
      collect(out, added.path, scanner.scanFile(added.path, bytes, lines));
      addedLines.set(added.path, untracked.has(added.path) ? allLines(bytes) : new Set(added.numbers));
      onProgress?.(++done, changed.length);
    });
    out.addedLines = addedLines;
    // Infrastructure code is judged as whole modules, so links resolve; only findings on added lines are reported.
    const iacChanged = [...addedLines.keys()].filter((p) => isTerraformPath(p) || isTemplateCandidate(p));
    out.iacSources = await iacContext(root, iacChanged, diff.head, atHead);
  } finally {
    await blobs?.close();
  }
  return out;
}

function allLines(bytes: Buffer): Set<number> {
  let count = 1;
  for (const b of bytes) if (b === 10) count++;
  return new Set(Array.from({ length: count }, (_, i) => i + 1));
}

async function scanHistory(root: string, scanner: FileScanner, config: Config, range: string | undefined): Promise<Collected> {
  const out: Collected = { findings: [], errors: [], skipped: [], scanned: 0, unreadable: 0, iacSources: [] };
  const ignored = ignore().add([...config.ignorePaths]);
  // Newest first: a finding seen again in an older commit is attributed to the older one, which introduced it.
  const byFingerprint = new Map<string, Finding>();
  let commit = '';
  const parser = new UnifiedDiffParser((added) => {
    if (ignored.ignores(added.path)) return;
    const text = added.texts.join('\n');
    const result = scanner.scanText(added.path, text, { lineMap: added.numbers, commit });
    for (const f of scanner.scanPath(added.path, { commit })) byFingerprint.set(f.fingerprint, f);
    for (const f of result.findings) byFingerprint.set(f.fingerprint, f);
    for (const e of result.errors) out.errors.push({ ...e, message: `${e.message} (commit ${commit.slice(0, 12)})` });
    out.scanned++;
  });
  const args = ['log', '-p', ...DIFF_ARGS, '--format=%x00commit %H', range ?? '--all', '--'];
  await gitLines(root, args, (line) => {
    if (line.startsWith('\u0000commit ')) {
      parser.flush();
      commit = line.slice(8);
      return;
    }
    parser.line(line);
  });
  parser.flush();
  out.findings = [...byFingerprint.values()];
  return out;
}
