import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Report } from '@pavedroad/guardrails-core';
import { ALPHABETS, fakeSecret, reportSchema } from '@pavedroad/guardrails-core';

const repoRoot = join(__dirname, '../..');
const bundle = join(repoRoot, 'action/dist/index.js');

interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Runs the committed bundle as the runner does: `node action/dist/index.js` with INPUT_* and GITHUB_* set. */
function runBundle(cwd: string, env: NodeJS.ProcessEnv, inputs: Record<string, string>, files: string): Promise<ActionRun> {
  const outputFile = join(files, 'github-output');
  const summaryFile = join(files, 'step-summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const full: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, ...env };
  for (const [name, value] of Object.entries(inputs)) full[`INPUT_${name.toUpperCase()}`] = value;
  // Asynchronous: the fake GitHub API and portal answer from this process while the child runs.
  return new Promise((resolve) => {
    execFile(process.execPath, [bundle], { cwd, env: full, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
      resolve({ code, stdout, stderr, outputs: parseOutputs(readFileSync(outputFile, 'utf8')), summary: readFileSync(summaryFile, 'utf8') });
    });
  });
}

/** `name<<delimiter\nvalue\ndelimiter` blocks of GITHUB_OUTPUT. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^<\n]+)<<(\S+)\n([\s\S]*?)\n?\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!;
  return out;
}

// The runner executes the committed bundle, never the source: test that artifact as GitHub runs it.
describe('the Action bundle on the bundled examples (full scan, no event)', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'guardrails-action-'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  const action = (inputs: Record<string, string>) => runBundle(repoRoot, {}, inputs, work);

  it('annotates the planted secrets at their lines with repository paths, writes SARIF and JSON, sets outputs and fails the step', async () => {
    const sarif = join(work, 'out.sarif');
    const json = join(work, 'out.json');
    const { code, stdout, outputs } = await action({ path: 'examples/payments-api', 'sarif-file': sarif, 'json-file': json });
    expect(code).toBe(1);
    const errors = stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(errors.map((l) => /file=([^,]+),line=(\d+)/.exec(l)?.slice(1).join(':')).sort()).toEqual(
      [
        '.github/workflows/deploy.yml:32',
        'infra/main.tf:112',
        'infra/main.tf:126',
        'infra/main.tf:49',
        'keys/deploy_key:1',
        'src/handler.ts:15',
        'src/handler.ts:16',
        'src/jobs/reconcile_receipts.py:19',
      ].map((p) => `examples/payments-api/${p}`),
    );
    expect(stdout).toMatch(/^::warning title=.*file=examples\/payments-api\/infra\/main\.tf,line=149/m);
    expect(stdout).toMatch(/^::error::12 guardrail finding\(s\): 4 critical, 4 high, 4 medium/m);
    expect(outputs.findings).toBe('12');
    expect(outputs.level).toBe('none');
    const report = reportSchema.parse(JSON.parse(readFileSync(json, 'utf8')));
    expect(report.findings).toHaveLength(13);
    const log = JSON.parse(readFileSync(sarif, 'utf8')) as { version: string; runs: { automationDetails: { id: string }; results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]?.results).toHaveLength(13);
    expect(log.runs[0]?.automationDetails.id).toBe('guardrails:examples/payments-api/');
    expect(log.runs[0]?.results.every((r) => r.locations[0]!.physicalLocation.artifactLocation.uri.startsWith('examples/payments-api/'))).toBe(true);
  });

  it('passes with fail-on none', async () => {
    const { code } = await action({ path: 'examples/payments-api', 'fail-on': 'none', 'sarif-file': join(work, 's'), 'json-file': join(work, 'j') });
    expect(code).toBe(0);
  });

  it('fails the step with the config error, naming the file', async () => {
    writeFileSync(join(work, 'bad.yml'), 'failOn: sometimes\n');
    const { code, stdout } = await action({ path: 'examples/payments-api', config: join(work, 'bad.yml') });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^::error::.*bad\.yml: failOn: /m);
  });
});

// ---------------------------------------------------------------------------------------------------------
// A fabricated pull request: a real repository (base and head commits) served from a local origin, checked
// out one commit deep as actions/checkout does, a real event payload, and a local HTTP server standing in for
// the GitHub API and the portal.

const seed = (name: string) => `action bundle e2e ${name}`;
const AWS_ID = 'AKIA' + fakeSecret(seed('aws id'), ALPHABETS.base32, 16);
const AWS_SECRET = fakeSecret(seed('aws secret'), ALPHABETS.base64, 40);
const OLD_ID = 'AKIA' + fakeSecret(seed('old id'), ALPHABETS.base32, 16);
const RENAMED_TOKEN = 'ghp_' + fakeSecret(seed('renamed'), ALPHABETS.alnum, 36);
const TOKENS = Array.from({ length: 60 }, (_, i) => 'ghp_' + fakeSecret(seed(`token ${i}`), ALPHABETS.alnum, 36));
const PORTAL_TOKEN = 'portal-' + fakeSecret(seed('portal token'), ALPHABETS.alnum, 24);

/** Planted secrets and how much of each is a public prefix that may be shown (`AKIA…`). */
const CANARIES: { name: string; value: string; publicPrefix: number }[] = [
  { name: 'AWS access key id', value: AWS_ID, publicPrefix: 4 },
  { name: 'AWS secret access key', value: AWS_SECRET, publicPrefix: 0 },
  { name: 'pre-existing AWS key id', value: OLD_ID, publicPrefix: 4 },
  { name: 'token in a renamed file', value: RENAMED_TOKEN, publicPrefix: 4 },
  ...TOKENS.map((value, i) => ({ name: `GitHub token ${i}`, value, publicPrefix: 4 })),
];
const WINDOW = 12;

/** Where a planted secret, or any 12 characters of it past its public prefix, shows up in `text`. */
function leaks(where: string, text: string): string[] {
  const found: string[] = [];
  for (const c of CANARIES) {
    const secret = c.value.slice(c.publicPrefix);
    for (let i = 0; i + WINDOW <= secret.length; i++) {
      if (text.includes(secret.slice(i, i + WINDOW))) {
        found.push(`${where}: ${c.name}`);
        break;
      }
    }
  }
  return found;
}

interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' }).trim();

describe('the Action bundle on a pull request', () => {
  let dir: string;
  let origin: string;
  let base: string;
  let head: string;
  /** Lines the PR adds, `path:line`, from git itself. */
  let added: Set<string>;
  let server: Server;
  let api: string;
  const requests: Recorded[] = [];
  let checkRunStatus = 201;
  let portalAnswers: number[] = [];

  function write(root: string, path: string, text: string): void {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'guardrails-action-pr-'));
    const src = join(dir, 'src');
    mkdirSync(src);
    git(src, 'init', '-q');
    write(src, 'README.md', '# payments\n');
    write(src, 'src/config.ts', 'export const region = "eu-west-1";\nexport const bucket = "receipts";\n');
    write(src, 'legacy/settings.ini', `[aws]\naws_access_key_id = ${OLD_ID}\n`);
    write(src, 'docs/old-notes.md', `Token for the demo: ${RENAMED_TOKEN}\n`);
    write(src, 'tmp/scratch.txt', 'to be deleted\n');
    write(
      src,
      'infra/main.tf',
      'resource "aws_instance" "legacy" {\n  ami           = "ami-0abcdef1234567890"\n  instance_type = "t3.micro"\n  metadata_options {\n    http_tokens = "optional"\n  }\n}\n',
    );
    git(src, 'add', '-A');
    git(src, 'commit', '-q', '-m', 'base');
    base = git(src, 'rev-parse', 'HEAD');

    git(src, 'checkout', '-q', '-b', 'feature');
    write(src, 'src/config.ts', `export const region = "eu-west-1";\nexport const bucket = "receipts";\nexport const accessKeyId = "${AWS_ID}";\nexport const secretAccessKey = "${AWS_SECRET}";\n`);
    write(src, 'scripts/tokens.sh', `#!/bin/sh\n${TOKENS.map((t, i) => `export GH_TOKEN_${i}=${t}`).join('\n')}\n`);
    write(
      src,
      'infra/main.tf',
      readFileSync(join(src, 'infra/main.tf'), 'utf8') +
        '\nresource "aws_instance" "web" {\n  ami           = "ami-0abcdef1234567890"\n  instance_type = "t3.micro"\n  metadata_options {\n    http_tokens = "optional"\n  }\n}\n',
    );
    write(
      src,
      '.github/workflows/deploy.yml',
      'name: deploy\non: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}\n          aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n          aws-region: eu-west-1\n',
    );
    git(src, 'mv', 'docs/old-notes.md', 'docs/notes.md');
    git(src, 'rm', '-q', 'tmp/scratch.txt');
    git(src, 'add', '-A');
    git(src, 'commit', '-q', '-m', 'head');
    head = git(src, 'rev-parse', 'HEAD');

    origin = join(dir, 'origin.git');
    git(dir, 'clone', '-q', '--bare', src, origin);
    git(origin, 'config', 'uploadpack.allowAnySHA1InWant', 'true');

    added = new Set();
    let file = '';
    for (const line of git(src, 'diff', '-U0', '--no-prefix', '--find-renames', `${base}...${head}`).split('\n')) {
      if (line.startsWith('+++ ')) file = line.slice(4);
      const hunk = /^@@ -\S+ \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (hunk) for (let n = Number(hunk[1]); n < Number(hunk[1]) + Number(hunk[2] ?? 1); n++) added.add(`${file}:${n}`);
    }

    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(JSON.stringify(json));
        };
        if (req.method === 'POST' && req.url === '/repos/acme/payments/check-runs') {
          if (checkRunStatus === 403) send(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' });
          else send(201, { id: 4242, head_sha: head });
        } else if (req.method === 'PATCH' && req.url === '/repos/acme/payments/check-runs/4242') {
          send(200, { id: 4242 });
        } else if (req.method === 'POST' && req.url === '/portal/api/guardrails/reports') {
          const status = portalAnswers.shift() ?? 201;
          if (status === 503) send(503, { error: 'maintenance' }, { 'retry-after': '0' });
          else send(status, { id: 'rep-1', url: 'https://portal.example/catalog/default/component/payments/guardrails' });
        } else send(404, { message: 'Not Found' });
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((done) => server.close(() => done()));
    rmSync(dir, { recursive: true, force: true });
  });

  let runs = 0;
  /** A fresh checkout as actions/checkout leaves it, and the event payload for it. */
  async function pullRequest(options: { fork: boolean; inputs: Record<string, string>; push?: boolean }): Promise<ActionRun & { files: string }> {
    const files = join(dir, `run-${runs++}`);
    mkdirSync(files);
    requests.length = 0;
    const work = join(files, 'workspace');
    git(dir, 'clone', '-q', '--depth=1', '--branch', 'feature', `file://${origin}`, work);
    const pushEvent = { ref: 'refs/heads/feature', before: '0'.repeat(40), after: head, created: true, repository: { full_name: 'acme/payments', default_branch: 'main' } };
    const prEvent = {
      action: 'synchronize',
      number: 7,
      pull_request: {
        number: 7,
        commits: 1,
        base: { sha: base, ref: 'main', repo: { full_name: 'acme/payments' } },
        head: { sha: head, ref: 'feature', repo: { full_name: options.fork ? 'contributor/payments' : 'acme/payments' } },
      },
      repository: { full_name: 'acme/payments', default_branch: 'main' },
    };
    writeFileSync(join(files, 'event.json'), JSON.stringify(options.push ? pushEvent : prEvent));
    const env: NodeJS.ProcessEnv = {
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: options.push ? 'push' : 'pull_request',
      GITHUB_EVENT_PATH: join(files, 'event.json'),
      GITHUB_REPOSITORY: 'acme/payments',
      // The synthetic merge commit: never where the check run or the links should point.
      GITHUB_SHA: 'e'.repeat(40),
      GITHUB_REF: 'refs/pull/7/merge',
      GITHUB_WORKSPACE: work,
      GITHUB_API_URL: api,
      GITHUB_SERVER_URL: 'https://github.example',
    };
    const result = await runBundle(work, env, { 'sarif-file': join(files, 'guardrails.sarif'), 'json-file': join(files, 'guardrails.json'), ...options.inputs }, files);
    return { ...result, files };
  }

  /** `path:line` of each workflow-command annotation of a level on stdout. */
  const commands = (stdout: string, level: string) =>
    stdout
      .split('\n')
      .filter((l) => l.startsWith(`::${level} `) && l.includes('file='))
      .map((l) => /file=([^,]+),line=(\d+)/.exec(l)!.slice(1).join(':'));

  describe('from a branch of the repository (the token can write checks)', () => {
    let result: ActionRun & { files: string };
    let report: Report;

    beforeAll(async () => {
      portalAnswers = [503, 201];
      result = await pullRequest({
        fork: false,
        inputs: { 'github-token': 'ghs_test', 'fail-on': 'high', 'portal-url': `${api}/portal`, 'portal-token': PORTAL_TOKEN },
      });
      report = reportSchema.parse(JSON.parse(readFileSync(join(result.files, 'guardrails.json'), 'utf8')));
    });
    const checkRequests = () => requests.filter((r) => r.url.startsWith('/repos/'));

    it('fetches the base the shallow checkout lacks and scans only the change', () => {
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain(`git fetch --no-tags --no-recurse-submodules --quiet --depth=50 origin ${base} ${head}`);
      expect(result.stdout).toContain(`Scanning the change in pull request #7: ${base.slice(0, 12)}...${head.slice(0, 12)}.`);
      expect(report.scan).toMatchObject({ scope: 'diff', base, head });
      const where = report.findings.map((f) => `${f.location!.path}:${f.location!.startLine}`);
      // Only added lines: not the old key, not the renamed file's old token, not the pre-existing instance.
      expect(where.filter((w) => !added.has(w))).toEqual([]);
      expect(where).toEqual(expect.arrayContaining(['src/config.ts:3', 'src/config.ts:4', 'infra/main.tf:13', '.github/workflows/deploy.yml:9']));
      expect(where.some((w) => w.startsWith('legacy/') || w.startsWith('docs/'))).toBe(false);
      expect(where.filter((w) => w.startsWith('scripts/tokens.sh:'))).toHaveLength(60);
    });

    it('creates a check run on the PR head (not GITHUB_SHA) and pages its annotations by 50', () => {
      const [create, ...updates] = checkRequests();
      expect(create).toMatchObject({ method: 'POST', url: '/repos/acme/payments/check-runs' });
      expect(create!.headers.authorization).toBe('token ghs_test');
      expect(JSON.parse(create!.body)).toMatchObject({ name: 'Paved Road Guardrails', head_sha: head, status: 'in_progress' });
      const bodies = updates.map((u) => JSON.parse(u.body) as { status?: string; conclusion?: string; output: { annotations?: { path: string; start_line: number }[] } });
      expect(updates.every((u) => u.method === 'PATCH' && u.url === '/repos/acme/payments/check-runs/4242')).toBe(true);
      const pages = bodies.map((b) => b.output.annotations?.length ?? 0);
      const total = report.findings.filter((f) => !f.suppression).length;
      expect(pages).toEqual([50, total - 50]);
      expect(bodies.slice(0, -1).every((b) => b.status === undefined)).toBe(true);
      expect(bodies.at(-1)).toMatchObject({ status: 'completed', conclusion: 'failure' });
      const annotated = bodies.flatMap((b) => b.output.annotations ?? []).map((a) => `${a.path}:${a.start_line}`);
      expect(annotated.filter((a) => !added.has(a))).toEqual([]);
      // With the check run, findings are not repeated as workflow commands.
      expect(commands(result.stdout, 'error')).toEqual([]);
    });

    it('writes a job summary with score, grade, level, a row per guardrail and findings linked at the head commit', () => {
      const card = { score: result.outputs.score, grade: result.outputs.grade, level: result.outputs.level };
      expect(result.summary).toContain(`score **${card.score}/100** · grade **${card.grade}** · paved-road level **${card.level}**`);
      expect(result.summary).toMatch(/^\| No leaked secrets `no-leaked-secrets` \| bronze \| ❌ fail \| 62 \| critical \|/m);
      expect(result.summary).toMatch(/^\| CI uses OIDC, not stored cloud keys `no-long-lived-keys-in-ci` \| bronze \| ❌ fail \|/m);
      expect(result.summary).toContain(`[\`src/config.ts:3\`](https://github.example/acme/payments/blob/${head}/src/config.ts#L3)`);
      expect(result.summary).toContain('**Paved road:**');
      expect(Buffer.byteLength(result.summary)).toBeLessThan(1024 * 1024);
    });

    it('sets every output', () => {
      const open = report.findings.filter((f) => !f.suppression);
      expect(result.outputs).toEqual({
        findings: String(open.length),
        critical: String(open.filter((f) => f.severity === 'critical').length),
        high: String(open.filter((f) => f.severity === 'high').length),
        score: expect.stringMatching(/^\d+$/),
        grade: expect.stringMatching(/^[A-F]$/),
        level: 'none',
        'sarif-file': join(result.files, 'guardrails.sarif'),
        'json-file': join(result.files, 'guardrails.json'),
        'report-url': 'https://portal.example/catalog/default/component/payments/guardrails',
      });
    });

    it('writes SARIF 2.1.0 that upload-sarif accepts: a category, 1-based regions, partial fingerprints', () => {
      const log = JSON.parse(readFileSync(join(result.files, 'guardrails.sarif'), 'utf8')) as {
        version: string;
        runs: {
          automationDetails: { id: string };
          tool: { driver: { rules: { id: string }[] } };
          results: { ruleId: string; partialFingerprints: Record<string, string>; locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[] }[];
        }[];
      };
      expect(log.version).toBe('2.1.0');
      expect(log.runs).toHaveLength(1);
      const run = log.runs[0]!;
      expect(run.automationDetails.id).toBe('guardrails/');
      expect(run.results).toHaveLength(report.findings.length);
      const rules = new Set(run.tool.driver.rules.map((r) => r.id));
      for (const r of run.results) {
        expect(rules.has(r.ruleId)).toBe(true);
        expect(Object.values(r.partialFingerprints)[0]).toMatch(/.{8,}/);
        const { region, artifactLocation } = r.locations[0]!.physicalLocation;
        expect(region.startLine).toBeGreaterThanOrEqual(1);
        expect(region.startColumn).toBeGreaterThanOrEqual(1);
        expect(region.endLine).toBeGreaterThanOrEqual(region.startLine!);
        expect(added.has(`${decodeURI(artifactLocation.uri)}:${region.startLine}`)).toBe(true);
      }
    });

    it('retries the portal after a 503 and POSTs the report in the shared schema with the bearer token', () => {
      const posts = requests.filter((r) => r.url === '/portal/api/guardrails/reports');
      expect(posts).toHaveLength(2);
      for (const post of posts) {
        expect(post.method).toBe('POST');
        expect(post.headers.authorization).toBe(`Bearer ${PORTAL_TOKEN}`);
        expect(post.headers['content-type']).toBe('application/json');
        const sent = reportSchema.parse(JSON.parse(post.body));
        expect(sent.repository).toMatchObject({ slug: 'acme/payments', commit: head, ref: 'feature', defaultBranch: 'main' });
        expect(sent.findings).toHaveLength(report.findings.length);
      }
      expect(result.stdout).toMatch(/Portal push try 1 of 3 failed \(.*answered 503/);
    });

    it('exits 1 by fail-on high', () => {
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^::error::\d+ guardrail finding\(s\): \d+ critical, \d+ high/m);
    });

    it('lets no planted secret out: stdout, stderr, summary, SARIF, JSON, check-run and portal requests', () => {
      const outputs = [
        leaks('stdout', result.stdout),
        leaks('stderr', result.stderr),
        leaks('summary', result.summary),
        leaks('SARIF', readFileSync(join(result.files, 'guardrails.sarif'), 'utf8')),
        leaks('JSON', readFileSync(join(result.files, 'guardrails.json'), 'utf8')),
        ...requests.map((r) => leaks(`${r.method} ${r.url}`, r.body)),
      ].flat();
      expect(outputs).toEqual([]);
      // The check is not vacuous: the planted files do hold the secrets.
      expect(leaks('probe', `key = ${AWS_SECRET.slice(5, 5 + WINDOW)}`)).toEqual(['probe: AWS secret access key']);
      // The portal token is masked for the runner (add-mask) and goes nowhere else.
      expect(result.stdout.split('\n').filter((l) => l.includes(PORTAL_TOKEN))).toEqual([`::add-mask::${PORTAL_TOKEN}`]);
      expect(result.summary).not.toContain(PORTAL_TOKEN);
    });
  });

  describe('from a fork (read-only token, no secrets)', () => {
    let result: ActionRun & { files: string };

    beforeAll(async () => {
      checkRunStatus = 403;
      result = await pullRequest({ fork: true, inputs: { 'github-token': 'ghs_readonly', 'fail-on': 'none', 'portal-url': `${api}/portal` } });
    });
    afterAll(() => {
      checkRunStatus = 201;
    });

    it('falls back to workflow commands after the 403, with one notice, and does not fail for it', () => {
      expect(requests.filter((r) => r.url.startsWith('/repos/')).map((r) => r.method)).toEqual(['POST']);
      const notices = result.stdout.split('\n').filter((l) => l.startsWith('::notice::'));
      expect(notices.filter((n) => n.includes('check run'))).toEqual([
        '::notice::The token cannot create a check run (a pull request from a fork gets a read-only token): the findings are annotated with workflow commands instead.',
      ]);
      expect(result.code).toBe(0);
      expect(result.stdout).not.toMatch(/^::error::/m);
    });

    it('annotates only added lines, most severe first, within 10 errors, 10 warnings and 10 notices, then says how many more', () => {
      const errors = commands(result.stdout, 'error');
      const warnings = commands(result.stdout, 'warning');
      expect(errors).toHaveLength(10);
      expect(warnings.length).toBeLessThanOrEqual(10);
      expect([...errors, ...warnings].filter((a) => !added.has(a))).toEqual([]);
      // Critical findings fill the error slots, files taking turns: the AWS keys are not buried under the 60 tokens.
      expect(errors).toEqual(expect.arrayContaining(['src/config.ts:3', 'src/config.ts:4']));
      expect(errors).not.toContain('infra/main.tf:13');
      const notices = result.stdout.split('\n').filter((l) => l.startsWith('::notice'));
      expect(notices.length).toBeLessThanOrEqual(10);
      expect(notices.at(-1)).toMatch(/^::notice::\d+ more finding\(s\) are in the job summary \(GitHub shows 10 annotations of each level per step\)\.$/);
    });

    it('skips the portal with a notice: a fork PR has no portal token', () => {
      expect(requests.filter((r) => r.url.startsWith('/portal'))).toEqual([]);
      expect(result.stdout).toContain('::notice::The report was not sent to the portal: no portal-token (secrets are not passed to workflows from fork pull requests).');
      expect(result.outputs['report-url']).toBe('');
    });

    it('lets no planted secret out', () => {
      expect([...leaks('stdout', result.stdout), ...leaks('stderr', result.stderr), ...leaks('summary', result.summary)]).toEqual([]);
    });
  });

  describe('on the push of a new branch (all-zero before)', () => {
    it('compares the branch with the default branch fetched from origin, and annotates only what it adds', async () => {
      const result = await pullRequest({ fork: false, push: true, inputs: { annotations: 'commands', 'fail-on': 'critical' } });
      expect(result.stdout).toContain('Scanning the change in new branch feature: compared with main.');
      const report = reportSchema.parse(JSON.parse(readFileSync(join(result.files, 'guardrails.json'), 'utf8')));
      expect(report.scan).toMatchObject({ scope: 'diff', base, head });
      expect([...commands(result.stdout, 'error'), ...commands(result.stdout, 'warning')].filter((a) => !added.has(a))).toEqual([]);
      expect(requests).toEqual([]);
      expect(result.code).toBe(1);
      expect(leaks('stdout', result.stdout)).toEqual([]);
    });
  });
});
