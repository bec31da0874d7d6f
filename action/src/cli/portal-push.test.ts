// The CLI's portal push (`scan --push`, `push <report.json>`) and the repository options, through runCli, with
// the portal behind msw answering as the backend's ingestion route does.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { Report } from '@pavedroad/guardrails-core';
import { ALPHABETS, fakeSecret, reportSchema } from '@pavedroad/guardrails-core';
import type { CliIo } from './run-cli';
import { runCli } from './run-cli';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const PORTAL = 'https://portal.example.test';
const ENDPOINT = `${PORTAL}/api/guardrails/reports`;
const TOKEN = 'gpt_' + fakeSecret('portal push cli token', ALPHABETS.alnum, 32);
const REPORT_URL = `${PORTAL}/catalog/default/component/payments/guardrails`;
const githubToken = 'ghp_' + fakeSecret('portal push cli leak', ALPHABETS.alnum, 36);

interface Seen {
  auth: string | null;
  agent: string | null;
  body: Report;
}
const seen: Seen[] = [];
/** Answers given before the portal's own logic, one per request (503s for the retry test). */
let before: (() => Response)[] = [];
const filed = new Set<string>();
const delays: number[] = [];

const backstageError = (status: number, name: string, message: string) =>
  HttpResponse.json({ error: { name, message }, request: { method: 'POST', url: '/api/guardrails/reports' }, response: { statusCode: status } }, { status });

const server = setupServer(
  http.post(ENDPOINT, async ({ request }) => {
    const text = await request.text();
    const body = JSON.parse(text) as Report;
    const auth = request.headers.get('authorization');
    seen.push({ auth, agent: request.headers.get('user-agent'), body });
    const scripted = before.shift();
    if (scripted) return scripted();
    // As the backend: the static token is the subject; it may push for acme/payments only; a report filed twice is a duplicate.
    if (auth !== `Bearer ${TOKEN}`) return backstageError(401, 'AuthenticationError', `Illegal token ${auth?.slice(7) ?? ''}`);
    if (body.repository?.slug !== 'acme/payments') return backstageError(403, 'NotAllowedError', `Not allowed to push reports for ${body.repository?.slug}: the token is bound to acme/payments`);
    const id = createHash('sha256').update(text).digest('hex');
    const duplicate = filed.has(id);
    filed.add(id);
    const entities = ['component:default/payments'];
    return duplicate
      ? HttpResponse.json({ id, status: 'duplicate', entities, posture: true }, { status: 200 })
      : HttpResponse.json({ id, status: 'accepted', entities, posture: true, url: REPORT_URL }, { status: 201 });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  seen.length = 0;
  before = [];
  filed.clear();
  delays.length = 0;
});
afterEach(() => server.resetHandlers());

const made: string[] = [];
afterAll(() => {
  server.close();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function tree(files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'guardrails-push-'));
  made.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(cwd: string, argv: string[], env: CliIo['env'] = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    cwd,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env,
    now: () => NOW,
    sleep: (ms) => {
      delays.push(ms);
      return Promise.resolve();
    },
  });
  return { code, stdout, stderr };
}

const CLEAN = { 'src/app.py': 'print("hello")\n' };
const LEAKY = { 'ci/env.sh': `export GITHUB_TOKEN=${githubToken}\n` };
const pushed = (url: string, status: string) => `guardrails: report pushed to ${url} (${status}, entities: component:default/payments)\n`;

describe('scan --push', () => {
  it('writes the report as usual, then pushes it as JSON with the token and says where it was filed', async () => {
    const root = tree(CLEAN);
    const result = await cli(root, ['scan', '--repository', 'acme/payments', '--push', `${PORTAL}/`, '--portal-token', TOKEN]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('0 findings (no findings) in 1 file scanned.\n');
    expect(result.stderr).toBe(pushed(REPORT_URL, 'accepted'));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.auth).toBe(`Bearer ${TOKEN}`);
    expect(seen[0]!.agent).toBe('paved-road-guardrails-cli/0.0.0-dev');
    const body = reportSchema.parse(seen[0]!.body);
    expect(body.repository).toEqual({ slug: 'acme/payments' });
    expect(body.scan).toMatchObject({ scope: 'full', filesScanned: 1, startedAt: NOW.toISOString() });
  });

  it('keeps exit 1 for findings when the push succeeds, and pushes the JSON report whatever --format says', async () => {
    const root = tree(LEAKY);
    const result = await cli(root, ['scan', '--format', 'sarif', '--repository', 'acme/payments', '--push', PORTAL], { GUARDRAILS_PORTAL_TOKEN: TOKEN });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ version: '2.1.0' });
    expect(result.stderr).toBe(pushed(REPORT_URL, 'accepted'));
    expect(seen[0]!.body.findings.map((f) => [f.ruleId, f.location?.path, f.evidence])).toEqual([['github-token', 'ci/env.sh', 'ghp_…(40 chars)']]);
  });

  it('exits 2 when the portal refuses the token, with the reason, after the report was written', async () => {
    const root = tree(CLEAN);
    const result = await cli(root, ['scan', '--format', 'json', '--output', 'report.json', '--repository', 'acme/payments', '--push', PORTAL, '--portal-token', 'wrong-token']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'guardrails: 0 finding(s); json report written to report.json\n' +
        `guardrails: error: report not pushed to ${PORTAL}: ${ENDPOINT} answered 401 Unauthorized: AuthenticationError: Illegal token *** ` +
        '(the portal did not accept the credential: check the token, or that the portal trusts its issuer)\n',
    );
    expect(reportSchema.parse(JSON.parse(readFileSync(join(root, 'report.json'), 'utf8'))).repository).toEqual({ slug: 'acme/payments' });
  });

  it('exits 2 on a 403 and gives the portal’s message', async () => {
    const root = tree(CLEAN);
    const result = await cli(root, ['scan', '--repository', 'acme/other', '--push', PORTAL, '--portal-token', TOKEN]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`answered 403 Forbidden: NotAllowedError: Not allowed to push reports for acme/other: the token is bound to acme/payments (the credential may not push reports`);
  });

  it('with --push-optional, a failed push is a warning and the exit status stays that of the scan', async () => {
    const root = tree(LEAKY);
    const result = await cli(root, ['scan', '--repository', 'acme/payments', '--push', PORTAL, '--portal-token', 'wrong-token', '--push-optional']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^guardrails: warning: report not pushed to https:\/\/portal\.example\.test: .* answered 401 .*\(--push-optional: the exit status does not change\)\n$/);
  });

  it('retries a 503 after its Retry-After, saying so, then reports the push', async () => {
    before = [() => backstageError(503, 'ServiceUnavailableError', 'database is starting'), () => new HttpResponse(null, { status: 503, headers: { 'retry-after': '2' } })];
    const root = tree(CLEAN);
    const result = await cli(root, ['scan', '--repository', 'acme/payments', '--push', PORTAL], { GUARDRAILS_PORTAL_TOKEN: TOKEN });
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n')).toEqual([
      `guardrails: Portal push try 1 of 3 failed (${ENDPOINT} answered 503 Service Unavailable: ServiceUnavailableError: database is starting); retrying in 1000 ms.`,
      `guardrails: Portal push try 2 of 3 failed (${ENDPOINT} answered 503 Service Unavailable); retrying in 2000 ms.`,
      pushed(REPORT_URL, 'accepted').trimEnd(),
      '',
    ]);
    expect(delays).toEqual([1000, 2000]);
    expect(seen).toHaveLength(3);
  });

  it('needs a token before it scans: exit 2 without calling the portal, or a warning with --push-optional', async () => {
    const root = tree(LEAKY);
    const required = await cli(root, ['scan', '--repository', 'acme/payments', '--push', PORTAL], { GUARDRAILS_PORTAL_TOKEN: '' });
    expect(required).toEqual({ code: 2, stdout: '', stderr: 'guardrails: error: --push needs a token: set GUARDRAILS_PORTAL_TOKEN (or pass --portal-token)\n' });
    const optional = await cli(root, ['scan', '--repository', 'acme/payments', '--push', PORTAL, '--push-optional']);
    expect(optional.code).toBe(1);
    expect(optional.stderr).toBe(
      `guardrails: warning: report not pushed to ${PORTAL}: no token: pass --portal-token or set GUARDRAILS_PORTAL_TOKEN (--push-optional: the exit status does not change)\n`,
    );
    expect(seen).toHaveLength(0);
  });

  it('does not push a report without an owner/repo repository, and says to pass --repository', async () => {
    const result = await cli(tree(CLEAN), ['scan', '--push', PORTAL, '--portal-token', TOKEN]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`guardrails: error: report not pushed to ${PORTAL}: the report names no repository: scan with --repository owner/repo\n`);
    expect(seen).toHaveLength(0);
  });

  it.each([
    [['--push', 'portal.example.test'], "guardrails: error: --push needs the portal's base URL: http(s), without credentials, query or fragment\n"],
    [['--push', `https://admin:${TOKEN}@portal.example.test`], "guardrails: error: --push needs the portal's base URL: http(s), without credentials, query or fragment\n"],
    [['--portal-token', TOKEN], 'guardrails: error: --portal-token and --push-optional only apply with --push <portal-url>\n'],
    [['--push-optional'], 'guardrails: error: --portal-token and --push-optional only apply with --push <portal-url>\n'],
  ])('refuses %j as a usage error', async (args, message) => {
    const result = await cli(tree(CLEAN), ['scan', '--repository', 'acme/payments', ...args], { GUARDRAILS_PORTAL_TOKEN: TOKEN });
    expect(result).toEqual({ code: 2, stdout: '', stderr: message });
  });
});

describe('the token is never printed', () => {
  it('not in the output, the messages or the report file, even when the portal echoes it', async () => {
    before = [() => backstageError(503, 'ServiceUnavailableError', `proxy refused Bearer ${TOKEN}`)];
    const root = tree(LEAKY);
    const results = [
      await cli(root, ['scan', '--format', 'json', '--output', 'r.json', '--repository', 'acme/payments', '--push', PORTAL, '--portal-token', TOKEN]),
      await cli(root, ['scan', '--format', 'json', '--repository', 'acme/other', '--push', PORTAL, '--portal-token', TOKEN]),
      await cli(root, ['push', 'r.json', '--portal', PORTAL], { GUARDRAILS_PORTAL_TOKEN: TOKEN }),
      await cli(root, ['push', 'r.json', '--portal', `https://user:${TOKEN}@portal.example.test`, '--portal-token', TOKEN]),
      await cli(root, ['scan', '--help']),
    ];
    expect(results.map((r) => r.code)).toEqual([1, 2, 0, 2, 0]);
    expect(results[0]!.stderr).toContain('proxy refused Bearer ***');
    for (const r of results) expect(r.stdout + r.stderr).not.toContain(TOKEN);
    expect(readFileSync(join(root, 'r.json'), 'utf8')).not.toContain(TOKEN);
    expect(seen.map((s) => s.auth)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`, `Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
  });
});

describe('--repository, --ref and --default-branch', () => {
  const scanJson = async (root: string, ...args: string[]) => {
    const result = await cli(root, ['scan', '--format', 'json', ...args]);
    if (result.code === 2) throw new Error(`scan failed: ${result.stderr}`);
    return reportSchema.parse(JSON.parse(result.stdout));
  };

  it('names the repository of a directory outside git in the JSON report', async () => {
    const root = tree(CLEAN);
    expect((await scanJson(root)).repository).toBeUndefined();
    expect((await scanJson(root, '--repository', 'acme/payments')).repository).toEqual({ slug: 'acme/payments' });
    expect((await scanJson(root, '--repository', 'acme/payments', '--ref', 'feature/x', '--default-branch', 'main')).repository).toEqual({
      slug: 'acme/payments',
      ref: 'feature/x',
      defaultBranch: 'main',
    });
  });

  it('overrides what the git remote says, keeping the commit', async () => {
    const root = tree(CLEAN);
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd: root, encoding: 'utf8' });
    git('init', '-q');
    git('remote', 'add', 'origin', 'https://github.com/acme/old-name.git');
    git('add', '.');
    git('commit', '-q', '-m', 'init');
    const commit = git('rev-parse', 'HEAD').trim();
    expect((await scanJson(root)).repository).toEqual({ slug: 'acme/old-name', commit, ref: 'main' });
    expect((await scanJson(root, '--repository', 'acme/payments', '--default-branch', 'trunk')).repository).toEqual({ slug: 'acme/payments', commit, ref: 'main', defaultBranch: 'trunk' });
  });

  it.each(['payments', 'acme/payments/api', 'https://github.com/acme/payments', 'acme/..'])('refuses --repository %s, which is not owner/repo', async (slug) => {
    const result = await cli(tree(CLEAN), ['scan', '--repository', slug]);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: option '--repository <owner/repo>' argument '${slug}' is invalid. Expected owner/repo, as in the repository's GitHub URL.\n`,
    });
  });

  it('refuses --ref for a directory that has no repository', async () => {
    const result = await cli(tree(CLEAN), ['scan', '--ref', 'main']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('guardrails: error: --ref and --default-branch describe a repository, and this scan has none: scan a git checkout or pass --repository owner/repo\n');
  });
});

describe('push <report.json>', () => {
  async function reportFile(root: string, ...args: string[]): Promise<string> {
    const result = await cli(root, ['scan', '--format', 'json', '--output', 'guardrails.json', '--fail-on', 'none', ...args]);
    expect(result.code).toBe(0);
    return readFileSync(join(root, 'guardrails.json'), 'utf8');
  }

  it('publishes the report file as it is, then recognises it as a duplicate when pushed again', async () => {
    const root = tree(LEAKY);
    const text = await reportFile(root, '--repository', 'acme/payments');
    const first = await cli(root, ['push', 'guardrails.json', '--portal', PORTAL, '--portal-token', TOKEN]);
    expect(first).toEqual({ code: 0, stdout: '', stderr: pushed(REPORT_URL, 'accepted') });
    expect(seen[0]!.body).toEqual(JSON.parse(text));
    const again = await cli(root, ['push', 'guardrails.json', '--portal', PORTAL], { GUARDRAILS_PORTAL_TOKEN: TOKEN });
    expect(again).toEqual({ code: 0, stdout: '', stderr: pushed(PORTAL, 'duplicate') });
  });

  it('exits 2 with the portal’s message when the token may not push for the repository', async () => {
    const root = tree(CLEAN);
    await reportFile(root, '--repository', 'acme/other');
    const result = await cli(root, ['push', 'guardrails.json', '--portal', PORTAL, '--portal-token', TOKEN]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^guardrails: error: report not pushed to https:\/\/portal\.example\.test: .* answered 403 Forbidden: NotAllowedError: Not allowed to push reports for acme\/other/);
  });

  it('validates the file against the report contract first, naming the file and each bad field', async () => {
    const root = tree(CLEAN);
    const report = JSON.parse(await reportFile(root, '--repository', 'acme/payments')) as Record<string, unknown>;
    writeFileSync(join(root, 'bad.json'), JSON.stringify({ ...report, schemaVersion: '9.9', findings: [{ ruleId: 'x' }], scan: undefined }));
    const result = await cli(root, ['push', 'bad.json', '--portal', PORTAL, '--portal-token', TOKEN]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^guardrails: error: bad\.json: not a guardrails JSON report: schemaVersion: .*; scan: .*; findings\.0\.guardrail: .* \(and \d+ more\); write one with `guardrails scan --format json --output FILE` \(or the Action's json-file\)\n$/);
    expect(seen).toHaveLength(0);
  });

  it('names a file that is not JSON, or missing, without calling the portal', async () => {
    const root = tree({ 'report.txt': '0 findings\n' });
    const notJson = await cli(root, ['push', 'report.txt', '--portal', PORTAL, '--portal-token', TOKEN]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^guardrails: error: report\.txt: not valid JSON \(.*\); write one with `guardrails scan --format json --output FILE`/);
    const missing = await cli(root, ['push', 'nope.json', '--portal', PORTAL, '--portal-token', TOKEN]);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'guardrails: error: cannot read report nope.json: ENOENT\n' });
    expect(seen).toHaveLength(0);
  });

  it('needs --portal and a token', async () => {
    const root = tree(CLEAN);
    expect(await cli(root, ['push', 'guardrails.json'])).toEqual({ code: 2, stdout: '', stderr: "error: required option '--portal <url>' not specified\n" });
    expect(await cli(root, ['push', 'guardrails.json', '--portal', PORTAL])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'guardrails: error: --portal needs a token: set GUARDRAILS_PORTAL_TOKEN (or pass --portal-token)\n',
    });
  });
});
