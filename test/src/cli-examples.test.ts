import { execFile } from 'node:child_process';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ALPHABETS, fakeSecret, reportSchema } from '@pavedroad/guardrails-core';

const run = promisify(execFile);
const repoRoot = join(__dirname, '../..');

async function guardrails(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['--no-install', 'guardrails', ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the guardrails CLI on the bundled examples (as `npx guardrails` after npm ci)', () => {
  it('prints its version', async () => {
    const { code, stdout } = await guardrails(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('reports exactly the planted secrets, in the report contract, and exits 1', async () => {
    const { code, stdout } = await guardrails(['scan', 'examples/payments-api', '--format', 'json']);
    expect(code).toBe(1);
    const report = reportSchema.parse(JSON.parse(stdout));
    const open = report.findings.filter((f) => !f.suppression).map((f) => `${f.location?.path}:${f.location?.startLine} ${f.ruleId}`);
    expect(open).toEqual([
      '.github/workflows/deploy.yml:1 ci-permissions',
      '.github/workflows/deploy.yml:30 ci-unpinned-action',
      '.github/workflows/deploy.yml:32 ci-aws-static-keys',
      '.github/workflows/deploy.yml:50 ci-unpinned-action',
      'infra/main.tf:49 ec2-imdsv2-required',
      'infra/main.tf:112 k8s-api-public',
      'infra/main.tf:126 static-cloud-credential',
      'infra/main.tf:149 iam-user-console-login',
      'keys/deploy_key:1 private-key',
      'src/handler.ts:15 aws-access-key-id',
      'src/handler.ts:16 aws-secret-access-key',
      'src/jobs/reconcile_receipts.py:19 github-token',
    ]);
    const suppressed = report.findings.filter((f) => f.suppression);
    expect(suppressed.map((f) => [f.location?.path, f.location?.startLine, f.suppression?.kind])).toEqual([['src/jobs/reconcile_receipts.py', 23, 'inline']]);
    expect(report.guardrails.map((g) => `${g.id} ${g.status}`)).toEqual([
      'no-leaked-secrets fail',
      'no-long-lived-keys-in-ci fail',
      'no-long-lived-cloud-keys fail',
      'human-access-federated fail',
      'imdsv2-enforced fail',
      'storage-not-public unknown',
      'k8s-api-private fail',
      'least-privilege-workloads pass',
      'third-party-roles-safe pass',
      'data-perimeter not-applicable',
      'ci-hardened fail',
    ]);
    expect(report.guardrails.find((g) => g.id === 'storage-not-public')?.reason).toContain('aws_s3_bucket.receipts has no public access block');
    // The config's ignored path is not scanned at all.
    expect(report.scan.filesSkipped.map((s) => s.path)).not.toContain('docs/generated/openapi.json');
  });

  it('exits 2 and names the problem for a missing path', async () => {
    const { code, stderr } = await guardrails(['scan', 'no/such/dir']);
    expect(code).toBe(2);
    expect(stderr).toContain('no such file or directory: no/such/dir');
  });
});

describe('the bundled CLI pushes a report to the portal', () => {
  const token = fakeSecret('cli push e2e token', ALPHABETS.alnum, 24);
  const received: { auth?: string; body: unknown }[] = [];
  let server: Server;
  let portal: string;

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let text = '';
      req.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
      });
      req.on('end', () => {
        received.push({ ...(req.headers.authorization ? { auth: req.headers.authorization } : {}), body: JSON.parse(text) });
        res.writeHead(req.url === '/api/guardrails/reports' ? 201 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'r-1', status: 'accepted', entities: ['component:default/payments-api'], posture: true }));
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    portal = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('scan --repository --push files the example, named by the given repository, without printing the token', async () => {
    const { code, stdout, stderr } = await guardrails(['scan', 'examples/payments-api', '--format', 'json', '--repository', 'acme/payments-api', '--push', portal], {
      GUARDRAILS_PORTAL_TOKEN: token,
    });
    expect(code).toBe(1);
    expect(stderr).toBe(`guardrails: report pushed to ${portal} (accepted, entities: component:default/payments-api)\n`);
    expect(stdout + stderr).not.toContain(token);
    expect(received).toHaveLength(1);
    expect(received[0]!.auth).toBe(`Bearer ${token}`);
    const report = reportSchema.parse(received[0]!.body);
    expect(report.repository?.slug).toBe('acme/payments-api');
    expect(report).toEqual(reportSchema.parse(JSON.parse(stdout)));
  });
});
