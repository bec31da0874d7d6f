// run() in process: a real git repository with a pull request's base and head, the event file, @actions/core
// mocked at the module seam, and the GitHub API and portal behind msw.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ALPHABETS, fakeSecret, reportSchema } from '@pavedroad/guardrails-core';
import { awsHandlers, fakeSession, resetAws, USER_KEY } from './aws-context/aws-fake';
import { at, core, failures, logged, outputs, resetCore } from './core-fixture';

jest.unstable_mockModule('@actions/core', () => core);
const { run } = await import('../main');

const API = 'https://api.github.test';
const PORTAL = 'https://portal.example.test';
const AWS_KEY = 'AKIA' + fakeSecret('run test aws key', ALPHABETS.base32, 16);
const OLD_KEY = 'AKIA' + fakeSecret('run test old key', ALPHABETS.base32, 16);

let dir = '';
let work = '';
let base = '';
let head = '';
const cwd = process.cwd();
const savedEnv = { ...process.env };

const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd: work, encoding: 'utf8' }).trim();

function write(path: string, text: string): void {
  mkdirSync(join(work, path, '..'), { recursive: true });
  writeFileSync(join(work, path), text);
}

interface Call {
  method: string;
  path: string;
  body: Record<string, unknown>;
}
const calls: Call[] = [];
let checkStatus = 201;
let portalStatus = 201;

const record = async (request: Request) => {
  calls.push({ method: request.method, path: new URL(request.url).pathname, body: (await request.json()) as Record<string, unknown> });
};
const server = setupServer(
  http.post(`${API}/repos/acme/payments/check-runs`, async ({ request }) => {
    await record(request);
    return checkStatus === 403 ? HttpResponse.json({ message: 'Resource not accessible by integration' }, { status: 403 }) : HttpResponse.json({ id: 99 }, { status: 201 });
  }),
  http.patch(`${API}/repos/acme/payments/check-runs/99`, async ({ request }) => {
    await record(request);
    return HttpResponse.json({ id: 99 });
  }),
  http.post(`${PORTAL}/api/guardrails/reports`, async ({ request }) => {
    await record(request);
    return portalStatus === 201 ? HttpResponse.json({ url: `${PORTAL}/r/1` }, { status: 201 }) : HttpResponse.json({}, { status: portalStatus });
  }),
  ...awsHandlers,
);

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  dir = mkdtempSync(join(tmpdir(), 'guardrails-run-'));
  work = join(dir, 'work');
  mkdirSync(work);
  git('init', '-q');
  write('legacy/settings.ini', `aws_access_key_id = ${OLD_KEY}\n`);
  write('src/app.ts', 'export const region = "eu-west-1";\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  base = git('rev-parse', 'HEAD');
  write('src/app.ts', `export const region = "eu-west-1";\nexport const key = "${AWS_KEY}";\n`);
  // 60 more findings, to page check-run annotations.
  write('scripts/tokens.sh', Array.from({ length: 60 }, (_, i) => `export GH_TOKEN_${i}=ghp_${fakeSecret(`run test token ${i}`, ALPHABETS.alnum, 36)}`).join('\n') + '\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'head');
  head = git('rev-parse', 'HEAD');
  writeFileSync(
    join(dir, 'event.json'),
    JSON.stringify({
      pull_request: {
        number: 7,
        commits: 1,
        base: { sha: base, ref: 'main', repo: { full_name: 'acme/payments' } },
        head: { sha: head, ref: 'feature', repo: { full_name: 'acme/payments' } },
      },
      repository: { full_name: 'acme/payments', default_branch: 'main' },
    }),
  );
});

afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  calls.length = 0;
  checkStatus = 201;
  portalStatus = 201;
  writeFileSync(join(dir, 'summary.md'), '');
  Object.assign(process.env, {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_REPOSITORY: 'acme/payments',
    GITHUB_SHA: 'f'.repeat(40),
    GITHUB_API_URL: API,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    GITHUB_WORKSPACE: work,
  });
  process.chdir(work);
});

afterEach(() => {
  process.chdir(cwd);
  process.env = { ...savedEnv };
});

// msw replaces globalThis.fetch when it starts listening: look it up at call time.
const deps = { fetch: (input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init), sleep: async () => {}, now: () => new Date('2026-11-28T12:00:00.000Z') };
const inputs = (extra: Record<string, string> = {}) =>
  resetCore({ 'github-token': 'ghs_test', 'sarif-file': join(dir, 'out.sarif'), 'json-file': join(dir, 'out.json'), ...extra });

describe('run', () => {
  it('scans only the PR change and puts every annotation in a check run on the head commit, paged by 50', async () => {
    inputs();
    await run(deps);
    const [create, ...updates] = calls;
    expect(create).toMatchObject({ method: 'POST', body: { head_sha: head, status: 'in_progress' } });
    const annotations = updates.flatMap((u) => ((u.body.output as { annotations?: { path: string; start_line: number }[] }).annotations ?? []));
    expect(updates.map((u) => ((u.body.output as { annotations?: unknown[] }).annotations ?? []).length)).toEqual([50, 11]);
    // Only the added lines: the old key in legacy/ is not the PR's doing.
    expect(annotations.map((a) => a.path).sort()).toEqual([...Array<string>(60).fill('scripts/tokens.sh'), 'src/app.ts'].sort());
    expect(annotations.find((a) => a.path === 'src/app.ts')!.start_line).toBe(2);
    expect(updates.at(-1)!.body).toMatchObject({ status: 'completed', conclusion: 'failure' });
    // The check run carries them: no workflow-command annotations.
    expect(logged.filter((l) => l.properties?.file)).toEqual([]);
    expect(failures).toEqual([expect.stringMatching(/^61 guardrail finding\(s\): 61 critical, 0 high/)]);
    expect(outputs.get('findings')).toBe(61);
    expect(outputs.get('critical')).toBe(61);
    expect(outputs.get('report-url')).toBe('');
    const report = reportSchema.parse(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')));
    expect(report.scan).toMatchObject({ scope: 'diff', base, head });
    expect(report.repository).toMatchObject({ slug: 'acme/payments', commit: head, ref: 'feature', defaultBranch: 'main' });
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain(`(https://github.com/acme/payments/blob/${head}/src/app.ts#L2)`);
  });

  it('falls back to workflow commands with one notice on 403, and does not fail for it', async () => {
    checkStatus = 403;
    inputs({ 'fail-on': 'none' });
    await run(deps);
    expect(calls.map((c) => c.method)).toEqual(['POST']);
    const notices = at('notice');
    expect(notices.filter((n) => /cannot create a check run/.test(n.message))).toHaveLength(1);
    expect(at('error')).toHaveLength(10);
    expect(at('error').every((e) => e.properties?.file === 'src/app.ts' || e.properties?.file === 'scripts/tokens.sh')).toBe(true);
    expect(notices.at(-1)!.message).toBe('51 more finding(s) are in the job summary (GitHub shows 10 annotations of each level per step).');
    expect(failures).toEqual([]);
  });

  it('scans everything with mode: full, including what the PR did not add', async () => {
    inputs({ mode: 'full', annotations: 'commands', 'fail-on': 'none' });
    await run(deps);
    expect(calls).toEqual([]);
    const report = reportSchema.parse(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')));
    expect(report.scan.scope).toBe('full');
    expect(report.findings.some((f) => f.location?.path === 'legacy/settings.ini')).toBe(true);
  });

  it('pushes the report to the portal and outputs its URL; a portal that is down is a notice unless required', async () => {
    inputs({ annotations: 'none', 'fail-on': 'none', 'portal-url': `${PORTAL}/`, 'portal-token': 'pt-1' });
    await run(deps);
    expect(calls.map((c) => c.path)).toEqual(['/api/guardrails/reports']);
    expect(reportSchema.parse(calls[0]!.body).findings).toHaveLength(61);
    expect(outputs.get('report-url')).toBe(`${PORTAL}/r/1`);
    expect(core.setSecret).toHaveBeenCalledWith('pt-1');

    portalStatus = 503;
    inputs({ annotations: 'none', 'fail-on': 'none', 'portal-url': PORTAL, 'portal-token': 'pt-1' });
    await run(deps);
    expect(at('notice').map((n) => n.message)).toEqual([expect.stringMatching(/^The report was not sent to the portal: .*answered 503.*\(after 3 tries\)/)]);
    expect(failures).toEqual([]);

    inputs({ annotations: 'none', 'fail-on': 'none', 'portal-url': PORTAL, 'portal-token': 'pt-1', 'portal-required': 'true' });
    await run(deps);
    expect(failures).toEqual([expect.stringMatching(/^The report was not sent to the portal/)]);
  });

  it('completes the check run as failed when the scan itself fails', async () => {
    writeFileSync(join(dir, 'bad.yml'), 'failOn: sometimes\n');
    inputs({ config: join(dir, 'bad.yml') });
    await run(deps);
    expect(calls.map((c) => c.method)).toEqual(['POST', 'PATCH']);
    expect(calls[1]!.body).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'The scan failed' } });
    expect(failures).toEqual([expect.stringMatching(/bad\.yml: failOn/)]);
  });

  it('adds the AWS context with aws-context: auto, and reads nothing from AWS without credentials', async () => {
    resetAws();
    process.env.GITHUB_WORKFLOW_REF = 'acme/payments/.github/workflows/guardrails.yml@refs/pull/7/merge';
    inputs({ annotations: 'none', 'fail-on': 'none', 'aws-context': 'auto' });
    await run({ ...deps, awsConnect: () => Promise.resolve({ ok: true, session: fakeSession() }) });
    // The job's own key is older than a year, and no finding of this PR configures it: a notice on the workflow.
    expect(at('notice')).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^AWS context: this run signed in as IAM user `ci-deploy` of account 123456789012 with a long-lived access key created 400 days ago \(2025-10-24\), older than 1 year/),
        properties: { title: 'AWS context: long-lived key', file: '.github/workflows/guardrails.yml' },
      }),
    ]);
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(summary).toContain('### AWS context\n\n- This run signed in as IAM user `ci-deploy`');
    const outputsText = [summary, readFileSync(join(dir, 'out.json'), 'utf8'), readFileSync(join(dir, 'out.sarif'), 'utf8'), JSON.stringify(logged)].join('\n');
    expect(outputsText).not.toContain(USER_KEY);
    expect(failures).toEqual([]);

    writeFileSync(join(dir, 'summary.md'), '');
    inputs({ annotations: 'none', 'fail-on': 'none', 'aws-context': 'auto' });
    await run({ ...deps, awsConnect: () => Promise.resolve({ ok: false, why: 'the job has no AWS credentials' }) });
    expect(at('info').map((l) => l.message)).toContain('aws-context: the job has no AWS credentials; nothing is read from AWS.');
    expect(at('notice')).toEqual([]);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).not.toContain('AWS context');
  });

  it('fails on a wrong input, naming it', async () => {
    inputs({ mode: 'sometimes' });
    await run(deps);
    expect(failures).toEqual(['input mode must be one of auto, diff, full; got "sometimes"']);
    expect(calls).toEqual([]);
  });
});
