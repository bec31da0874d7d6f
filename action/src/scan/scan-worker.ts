import { readFileSync } from 'node:fs';
import { parentPort, Worker } from 'node:worker_threads';
import type { Config, Finding, FindingSource, ScanError, SkippedFile } from '@pavedroad/guardrails-core';
import { FileScanner } from '@pavedroad/guardrails-core';

/** What a worker needs to scan its share of files. Plain data: it crosses a thread boundary. */
export interface ScanWorkerData {
  kind: 'guardrails-scan-worker';
  config: Omit<Config, 'allowSecrets'> & { allowSecrets: string[] };
  source: FindingSource;
  today: string;
  files: { path: string; absolute: string }[];
}

export interface ScanWorkerResult {
  findings: Finding[];
  errors: ScanError[];
  skipped: SkippedFile[];
  scanned: number;
  unreadable: number;
}

export function isScanWorkerData(data: unknown): data is ScanWorkerData {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === 'guardrails-scan-worker';
}

/** Scans files synchronously: reads and scans in one thread, the fastest path for many small files. */
export function scanFilesSync(data: Omit<ScanWorkerData, 'kind'>, onFile?: () => void): ScanWorkerResult {
  const config: Config = { ...data.config, allowSecrets: data.config.allowSecrets.map((s) => new RegExp(s)) };
  const scanner = new FileScanner({ config, source: data.source, today: data.today });
  const out: ScanWorkerResult = { findings: [], errors: [], skipped: [], scanned: 0, unreadable: 0 };
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
    out.findings.push(...result.findings);
    out.errors.push(...result.errors);
    if (result.skipped) out.skipped.push({ path: file.path, reason: result.skipped });
    else out.scanned++;
    onFile?.();
  }
  return out;
}

/** The worker side: scan the files in workerData and post the result back. */
export function runScanWorker(data: ScanWorkerData): void {
  parentPort?.postMessage(scanFilesSync(data));
}

/** Splits files across `count` workers started from `url` (a bundle that calls runScanWorker). */
export async function scanInWorkers(url: URL, count: number, data: Omit<ScanWorkerData, 'kind' | 'files'>, files: ScanWorkerData['files'], sizes: readonly number[]): Promise<ScanWorkerResult> {
  // Largest files first, each to the least-loaded share, so the threads finish together.
  const order = files.map((_, i) => i).sort((a, b) => sizes[b]! - sizes[a]!);
  const shares = Array.from({ length: count }, () => ({ files: [] as ScanWorkerData['files'], bytes: 0 }));
  for (const i of order) {
    const share = shares.reduce((min, s) => (s.bytes < min.bytes ? s : min));
    share.files.push(files[i]!);
    share.bytes += sizes[i]!;
  }
  const results = await Promise.all(
    shares.map(
      (share) =>
        new Promise<ScanWorkerResult>((resolve, reject) => {
          const workerData: ScanWorkerData = { kind: 'guardrails-scan-worker', ...data, files: share.files };
          const worker = new Worker(url, { workerData });
          worker.once('message', (result: ScanWorkerResult) => resolve(result));
          worker.once('error', reject);
          worker.once('exit', (code) => {
            if (code !== 0) reject(new Error(`scan worker exited with code ${code}`));
          });
        }),
    ),
  );
  return results.reduce((all, r) => ({
    findings: [...all.findings, ...r.findings],
    errors: [...all.errors, ...r.errors],
    skipped: [...all.skipped, ...r.skipped],
    scanned: all.scanned + r.scanned,
    unreadable: all.unreadable + r.unreadable,
  }));
}
