// Live AWS scan benchmark: a simulated account (10,000 IAM users, 20,000 instances in 4 regions, answered page by
// page by msw in AWS's wire formats) scanned by the real SDK clients. Prints wall time, API calls and peak memory.
// The TypeScript sources are bundled on the fly with esbuild (packages stay external, so the SDK and msw load
// from node_modules). Usage: node bench/aws-scan.mjs [--users 10000] [--instances 20000] [--regions 4]
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const USERS = arg('users', 10_000);
const INSTANCES = arg('instances', 20_000);
const REGIONS = ['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'].slice(0, arg('regions', 4));

if (!process.argv.includes('--child')) {
  let ok = true;
  for (const flags of [[], ['--max-old-space-size=256']]) {
    console.log(`\n== node ${flags.join(' ') || '(default heap)'}`);
    const run = spawnSync(process.execPath, ['--no-warnings', ...flags, fileURLToPath(import.meta.url), ...process.argv.slice(2), '--child'], { stdio: 'inherit' });
    ok &&= run.status === 0;
  }
  process.exit(ok ? 0 : 1);
}

const out = join(repo, 'bench/.corpus/aws');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { aws: join(repo, 'shared/src/aws.ts'), 'aws-testing': join(repo, 'shared/src/aws-testing.ts') },
  outdir: out,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const { scanAwsAccount } = await import(pathToFileURL(join(out, 'aws.mjs')).href);
const { simulatedAccount, simulatedAccountSpec, simulatedScanOptions } = await import(pathToFileURL(join(out, 'aws-testing.mjs')).href);
const { setupServer } = await import('msw/node');
const { http } = await import('msw');

// The scan runs almost entirely in promise callbacks (msw answers in memory), so timers in this thread would
// starve: a worker samples the process's RSS, and every simulated request samples this thread's heap.
const baseline = process.memoryUsage();
let peakHeap = baseline.heapUsed;
let requests = 0;
const sampleHeap = () => {
  if (++requests % 5 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
};
const rssShared = new BigInt64Array(new SharedArrayBuffer(16));
const rssWorker = new Worker(
  `const { workerData } = require('node:worker_threads'); const peak = new BigInt64Array(workerData);
   setInterval(() => { const rss = BigInt(process.memoryUsage.rss()); if (rss > peak[0]) peak[0] = rss; Atomics.add(peak, 1, 1n); }, 10);`,
  { eval: true, workerData: rssShared.buffer },
);

const spec = simulatedAccountSpec({
  organization: { id: 'o-bench', managementAccountId: '210987654321' },
  generate: { users: USERS, instancesPerRegion: Math.ceil(INSTANCES / REGIONS.length), regions: REGIONS, buckets: 200, seed: 'bench' },
});
const account = simulatedAccount(spec);
const server = setupServer(http.all(/amazonaws\.com/, () => void sampleHeap()), ...account.handlers);
server.listen({ onUnhandledRequest: 'error' });

const started = performance.now();
const result = await scanAwsAccount(simulatedScanOptions({ target: { accountId: spec.accountId }, now: new Date('2026-11-28T12:00:00Z'), tagKeys: ['backstage.io/component'] }));
const seconds = (performance.now() - started) / 1000;
peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
await new Promise((resolve) => setTimeout(resolve, 30));
await rssWorker.terminate();
const peakRss = Math.max(Number(rssShared[0]), process.memoryUsage.rss());
const samples = Number(rssShared[1]);
server.close();

const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const byGuardrail = Object.fromEntries(result.guardrails.map((g) => [g.id, `${g.status}${g.findings ? ` (${g.findings})` : ''}`]));
console.log(`account: ${result.stats.users} users, ${result.stats.roles} roles, ${result.stats.instances} instances in ${result.stats.regions.length} regions, ${result.stats.buckets} buckets`);
console.log(`wall time: ${seconds.toFixed(1)} s   API calls: ${result.stats.apiCalls} (simulator answered ${account.calls()})   findings: ${result.findings.length}   partial: ${result.partial}`);
console.log(`peak memory: RSS ${mb(peakRss)} (start ${mb(baseline.rss)}), heap ${mb(peakHeap)} (${samples} RSS samples)`);
console.log('guardrails:', byGuardrail);
const ok = seconds < 60 && peakRss < 500 * 1024 * 1024 && !result.partial;
console.log(ok ? 'within target (< 60 s, < 500 MB)' : 'OUTSIDE TARGET (< 60 s, < 500 MB, complete)');
process.exitCode = ok ? 0 : 1;
