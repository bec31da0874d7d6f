// Action benchmark: the committed bundle (action/dist/index.js) run as the runner runs it, on a fabricated
// 100-file pull request checked out one commit deep (so the run includes fetching the base), with a local
// HTTP server standing in for the GitHub API (check run and its annotations). Also the bundle's cold start:
// the same process failing at its first input, i.e. loading the bundle and nothing else. Prints medians and
// the ratio between them. Target (issue 4): the whole PR run under 2 s on this machine.
// Usage: node bench/action.mjs [--files 100] [--runs 5]
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(repo, 'action/dist/index.js');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const FILES = arg('files', 100);
const RUNS = arg('runs', 5);

let state = 0x5eed;
const rand = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const chars = (alphabet, n) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const git = (cwd, ...args) =>
  execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' }).trim();
const write = (root, path, text) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};

const source = (n, lines) =>
  Array.from({ length: lines }, (_, i) => `export function handler${n}_${i}(event: { id: string }) {\n  return { status: 200, body: JSON.stringify({ id: event.id, n: ${i} }) };\n}\n`).join('\n');
const terraform = (n) =>
  `resource "aws_instance" "app_${n}" {\n  ami           = var.ami\n  instance_type = "t3.micro"\n  metadata_options {\n    http_tokens = "${rand() < 0.3 ? 'optional' : 'required'}"\n  }\n}\n\nresource "aws_s3_bucket" "data_${n}" {\n  bucket = "acme-data-${n}"\n}\n`;
const workflow = (n) =>
  `name: job-${n}\non: push\npermissions:\n  contents: read\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci && npm test\n`;

/** A repository whose `feature` branch changes FILES files on top of `main`; returns origin, base, head. */
function fabricate(dir) {
  const src = join(dir, 'src');
  mkdirSync(src);
  git(src, 'init', '-q');
  for (let m = 0; m < 10; m++) write(src, `infra/m${m}/variables.tf`, 'variable "ami" {\n  default = "ami-0abcdef1234567890"\n}\n');
  for (let f = 0; f < 200; f++) write(src, `src/lib/base_${f}.ts`, source(f, 20));
  git(src, 'add', '-A');
  git(src, 'commit', '-q', '-m', 'base');
  const base = git(src, 'rev-parse', 'HEAD');
  git(src, 'checkout', '-q', '-b', 'feature');
  for (let f = 0; f < FILES; f++) {
    const kind = f % 10;
    if (kind < 6) write(src, `src/lib/base_${f}.ts`, source(f, 20) + `\n${source(1000 + f, 5)}`);
    else if (kind < 9) write(src, `infra/m${f % 10}/main_${f}.tf`, terraform(f));
    else write(src, `.github/workflows/job_${f}.yml`, workflow(f));
  }
  // A few leaks, so the run annotates, pages a check run and fails as a real one would.
  write(src, 'src/config/keys.ts', `export const id = "AKIA${chars(B32, 16)}";\nexport const gh = "ghp_${chars(ALNUM, 36)}";\n`);
  git(src, 'add', '-A');
  git(src, 'commit', '-q', '-m', 'head');
  const head = git(src, 'rev-parse', 'HEAD');
  const origin = join(dir, 'origin.git');
  git(dir, 'clone', '-q', '--bare', src, origin);
  git(origin, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
  return { origin, base, head, changed: git(src, 'diff', '--name-only', `${base}...${head}`).split('\n').length };
}

function runBundle(cwd, env, args = [bundle]) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, code, out }));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(join(tmpdir(), 'guardrails-bench-action-'));
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: 1 }));
  });
});
try {
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const api = `http://127.0.0.1:${server.address().port}`;
  const { origin, base, head, changed } = fabricate(dir);

  const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: 'acme/payments', GITHUB_API_URL: api };
  const prRuns = [];
  let last;
  for (let r = 0; r < RUNS; r++) {
    const files = join(dir, `run-${r}`);
    const work = join(files, 'workspace');
    mkdirSync(files);
    git(dir, 'clone', '-q', '--depth=1', '--branch', 'feature', `file://${origin}`, work);
    const event = join(files, 'event.json');
    writeFileSync(
      event,
      JSON.stringify({
        pull_request: { number: 1, commits: 1, base: { sha: base, repo: { full_name: 'acme/payments' } }, head: { sha: head, ref: 'feature', repo: { full_name: 'acme/payments' } } },
        repository: { full_name: 'acme/payments', default_branch: 'main' },
      }),
    );
    for (const f of ['summary.md', 'output.txt']) writeFileSync(join(files, f), '');
    last = await runBundle(work, {
      ...baseEnv,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
      GITHUB_SHA: head,
      GITHUB_WORKSPACE: work,
      GITHUB_STEP_SUMMARY: join(files, 'summary.md'),
      GITHUB_OUTPUT: join(files, 'output.txt'),
      'INPUT_GITHUB-TOKEN': 'ghs_bench',
      'INPUT_SARIF-FILE': join(files, 'guardrails.sarif'),
      'INPUT_JSON-FILE': join(files, 'guardrails.json'),
    });
    if (!/Scanning the change in pull request/.test(last.out)) throw new Error(`the run did not scan the change:\n${last.out}`);
    prRuns.push(last.seconds);
  }

  // Cold start: load the bundle, read the first input, fail on it. Nothing else runs.
  const coldRuns = [];
  for (let r = 0; r < RUNS; r++) {
    const cold = await runBundle(dir, { ...baseEnv, INPUT_MODE: 'bench-cold-start' });
    if (cold.code !== 1 || !/input mode must be one of/.test(cold.out)) throw new Error(`unexpected cold-start run:\n${cold.out}`);
    coldRuns.push(cold.seconds);
  }
  // Node itself, for scale: what no bundle can go below.
  const nodeRuns = [];
  for (let r = 0; r < RUNS; r++) nodeRuns.push((await runBundle(dir, baseEnv, ['-e', ''])).seconds);

  const pr = median(prRuns);
  const cold = median(coldRuns);
  const fmt = (s) => `${(s * 1000).toFixed(0)} ms`;
  console.log(`Action bundle on a ${changed}-file pull request (one-commit checkout, base fetched, check run on a local API), ${RUNS} runs:`);
  console.log(`  whole run      median ${fmt(pr)}  (min ${fmt(Math.min(...prRuns))}, max ${fmt(Math.max(...prRuns))})  exit ${last.code}`);
  console.log(`  cold start     median ${fmt(cold)}  (min ${fmt(Math.min(...coldRuns))}, max ${fmt(Math.max(...coldRuns))})  (load the bundle, fail at the first input)`);
  console.log(`  node -e ''     median ${fmt(median(nodeRuns))}  (Node's own start, for scale)`);
  console.log(`  ratio          whole run / cold start = ${(pr / cold).toFixed(2)}`);
  console.log(`  target         whole run under 2000 ms: ${pr < 2 ? 'met' : 'NOT met'}`);
} finally {
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
