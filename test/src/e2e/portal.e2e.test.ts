import { spawn, execFile } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

// The whole product as a newcomer runs it: `npm start` (a Backstage backend with the guardrails plugin on SQLite,
// the demo catalog, the portal's dev app), the CLI's JSON report pushed to the backend, the portal in Chromium,
// then a second scan without a finding and the finding shown as fixed. Screenshots go to test/artifacts/.

const repo = resolve(__dirname, '../../..');
const artifacts = join(repo, 'test', 'artifacts');
const run = promisify(execFile);
const BACKEND_PORT = 7317;
const FRONTEND_PORT = 3317;
const backend = `http://localhost:${BACKEND_PORT}`;
const frontend = `http://localhost:${FRONTEND_PORT}`;
const CHROMIUM = '/usr/bin/chromium';

jest.setTimeout(600_000);

let work: string;
let portal: ChildProcess | undefined;
let browser: Browser | undefined;
let token: string;
let output = '';

async function waitFor(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}; npm start said:\n${output.slice(-3000)}`);
}

/** Scans a directory with the committed CLI bundle and pushes the JSON report as the repository `slug`. */
async function scanAndPush(dir: string, slug: string, name: string) {
  const file = join(work, `${name}.json`);
  await run(process.execPath, [join(repo, 'action/dist/cli.js'), 'scan', dir, '--format', 'json', '--output', file, '--fail-on', 'none'], { cwd: repo });
  const report = JSON.parse(readFileSync(file, 'utf8'));
  report.repository = { slug, ref: 'refs/heads/main', defaultBranch: 'main' };
  const res = await fetch(`${backend}/api/guardrails/reports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(report),
  });
  expect(res.status).toBe(201);
  return { report, answer: await res.json() };
}

interface ApiAnswer {
  evaluated?: boolean;
  items: { title: string }[];
  [key: string]: unknown;
}

async function api(path: string): Promise<ApiAnswer> {
  const res = await fetch(`${backend}/api/guardrails${path}`, { headers: { authorization: `Bearer ${token}` } });
  return (await res.json()) as ApiAnswer;
}

async function open(page: Page, path: string, text: string) {
  await page.goto(`${frontend}${path}${path.includes('?') ? '&' : '?'}autologin`);
  try {
    await page.getByText(text, { exact: false }).first().waitFor({ timeout: 240_000 });
  } catch (error) {
    await page.screenshot({ path: join(artifacts, `failed-${path.replace(/\W+/g, '-')}.png`), fullPage: true });
    throw error;
  }
}

/** The environment of the processes `npm start` runs: a developer's shell, not Jest's (NODE_ENV=test). */
function shellEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('JEST') && k !== 'NODE_ENV') env[k] = v;
  return env;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'guardrails-e2e-'));
  mkdirSync(artifacts, { recursive: true });
  portal = spawn(process.execPath, [join(repo, 'scripts/start.mjs'), '--data', join(work, 'data'), '--no-scan', '--port', String(FRONTEND_PORT), '--backend-port', String(BACKEND_PORT)], {
    cwd: repo,
    env: shellEnv(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  portal.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  portal.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  await waitFor(() => output.includes('Paved Road Guardrails is running'), 'npm start', 540_000);
  token = readFileSync(join(work, 'data', 'portal-token'), 'utf8').trim();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  if (portal?.pid) {
    try {
      process.kill(-portal.pid, 'SIGINT');
    } catch {
      // Already stopped.
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
  rmSync(work, { recursive: true, force: true });
});

describe('the portal end to end (npm start, CLI report, backend, frontend in Chromium)', () => {
  it('shows a scanned service at its level with its findings, and a finding fixed by a later scan as fixed', async () => {
    // A copy of the demo service, so the second scan can run without the committed deploy key.
    const service = join(work, 'payments-api');
    cpSync(join(repo, 'examples/payments-api'), service, { recursive: true });
    const first = await scanAndPush(service, 'acme/payments-api', 'first');
    expect(first.report.findings.some((f: { ruleId: string; location?: { path: string } }) => f.location?.path.endsWith('keys/deploy_key'))).toBe(true);
    await scanAndPush(join(repo, 'examples/storefront-web'), 'acme/storefront-web', 'storefront');
    await scanAndPush(join(repo, 'examples/platform-infra'), 'acme/platform-infra', 'platform');
    // The catalog reads the demo entities in the background; reports it has not matched yet are applied then.
    await waitFor(async () => (await api('/entities/component/default/payments-api/scorecard')).evaluated === true, 'the payments-api scorecard', 180_000);
    const card = await api('/entities/component/default/payments-api/scorecard');
    expect(card).toMatchObject({ level: 'none', grade: 'F' });

    const page = await browser!.newPage({ viewport: { width: 1400, height: 1100 } });

    // The entity tab: level, grade and the findings table.
    await open(page, '/catalog/default/component/payments-api/guardrails', 'Score history');
    await page.getByText('Private key').first().waitFor();
    expect(await page.getByText('No level').count()).toBeGreaterThan(0);
    expect(await page.getByLabel(/grade F/i).count() + (await page.getByText('F', { exact: true }).count())).toBeGreaterThan(0);
    await page.screenshot({ path: join(artifacts, 'entity-tab.png'), fullPage: true });
    // The example's planted credentials (fake, but shaped like real ones) never reach the portal: not the
    // page, not the API.
    const planted = [
      ...readFileSync(join(service, 'src/handler.ts'), 'utf8').matchAll(/"(AKIA[0-9A-Z]{16})"/g),
      ...readFileSync(join(service, 'src/jobs/reconcile_receipts.py'), 'utf8').matchAll(/(ghp_[0-9A-Za-z]{36})/g),
    ].map((m) => m[1] ?? '');
    expect(planted.length).toBeGreaterThanOrEqual(2);
    const html = await page.content();
    const apiJson = JSON.stringify(await api('/entities/component/default/payments-api/findings?status=open,reopened,suppressed&limit=100'));
    for (const secret of planted) {
      expect(html).not.toContain(secret);
      expect(apiJson).not.toContain(secret);
    }

    // The entity card on the overview tab.
    await open(page, '/catalog/default/component/payments-api', 'Paved-road guardrails');
    await page.getByText('Next level: Bronze').waitFor();
    await page.screenshot({ path: join(artifacts, 'entity-card.png'), fullPage: true });

    // The paved-road page: every service with its level and grade.
    await open(page, '/guardrails', 'Paved road at a glance');
    await page.getByText('Storefront web').first().waitFor();
    await page.getByText('Platform infrastructure').first().waitFor();
    await page.screenshot({ path: join(artifacts, 'paved-road-page.png'), fullPage: true });

    // The team's remediation view.
    await open(page, '/catalog/default/group/team-payments', 'Burn-down');
    await page.getByText('SLA status').waitFor();
    await page.screenshot({ path: join(artifacts, 'team-remediation.png'), fullPage: true });

    // Second scan: the deploy key is gone from the repository.
    rmSync(join(service, 'keys', 'deploy_key'));
    await scanAndPush(service, 'acme/payments-api', 'second');
    const fixed = await api('/entities/component/default/payments-api/findings?status=fixed');
    expect(fixed.items.map((f) => f.title)).toEqual(['Private key']);

    await open(page, '/catalog/default/component/payments-api/guardrails', 'Score history');
    await page.locator('#guardrails-findings-filter-status').click();
    await page.getByRole('option', { name: 'Fixed' }).click();
    const row = page.getByRole('row').filter({ hasText: 'keys/deploy_key' });
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain('Fixed');
    await page.screenshot({ path: join(artifacts, 'entity-tab-fixed.png'), fullPage: true });
    await page.close();
  });
});
