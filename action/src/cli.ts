import { availableParallelism } from 'node:os';
import { isMainThread, workerData } from 'node:worker_threads';
import { runCli } from './cli/run-cli';
import { isScanWorkerData, runScanWorker } from './scan/scan-worker';

// The same bundle serves as the scan worker for large trees.
if (!isMainThread && isScanWorkerData(workerData)) {
  runScanWorker(workerData);
} else {
  process.exitCode = await runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
    now: () => new Date(),
    workers: { url: new URL(import.meta.url), count: Number(process.env.GUARDRAILS_THREADS ?? Math.min(availableParallelism(), 4)) },
  });
}
