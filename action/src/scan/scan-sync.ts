import { readFileSync } from 'node:fs';
import type { Config, Finding, FindingSource, GuardrailEvidence, GuardrailId, ScanError, SkippedFile, SourceFile } from '@pavedroad/guardrails-core';
import { decodeText, FileScanner, isBinary, isTemplateCandidate, isTerraformPath } from '@pavedroad/guardrails-core';

/** What a file scan needs: plain data, so the same scan could run on another thread. */
export interface ScanFilesInput {
  config: Omit<Config, 'allowSecrets'> & { allowSecrets: string[] };
  source: FindingSource;
  today: string;
  files: { path: string; absolute: string }[];
}

export interface ScanFilesResult {
  findings: Finding[];
  errors: ScanError[];
  skipped: SkippedFile[];
  scanned: number;
  unreadable: number;
  /** Infrastructure code, kept for the IaC scan that needs whole modules. */
  iacSources: SourceFile[];
  /** What the files showed about guardrails beyond secrets (workflows seen or not). */
  evidence: Map<GuardrailId, GuardrailEvidence>;
}

/** Scans files synchronously: reads and scans in one thread, the fastest path for many small files. */
export function scanFilesSync(data: ScanFilesInput, onFile?: () => void): ScanFilesResult {
  const config: Config = { ...data.config, allowSecrets: data.config.allowSecrets.map((s) => new RegExp(s)) };
  const scanner = new FileScanner({ config, source: data.source, today: data.today });
  const out: ScanFilesResult = { findings: [], errors: [], skipped: [], scanned: 0, unreadable: 0, iacSources: [], evidence: new Map() };
  for (const file of data.files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file.absolute);
    } catch (error) {
      out.unreadable++;
      out.errors.push({ path: file.path, message: `could not read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      continue;
    }
    const result = scanner.scanFile(file.path, bytes);
    if ((isTerraformPath(file.path) || isTemplateCandidate(file.path)) && !isBinary(bytes)) {
      const text = decodeText(bytes);
      if (isTerraformPath(file.path) || isTemplateCandidate(file.path, text)) out.iacSources.push({ path: file.path, text });
    }
    out.findings.push(...result.findings);
    out.errors.push(...result.errors);
    if (result.skipped) out.skipped.push({ path: file.path, reason: result.skipped });
    else out.scanned++;
    onFile?.();
  }
  out.evidence = scanner.evidence();
  return out;
}

