import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { reportSchema } from '@pavedroad/guardrails-core';

const run = promisify(execFile);
const repoRoot = join(__dirname, '../..');

// The runner executes the committed bundle, never the source: test that artifact as GitHub runs it.
describe('the Action bundle (action/dist/index.js)', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'guardrails-action-'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  async function action(inputs: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string; outputs: string }> {
    const outputFile = join(work, 'github-output');
    writeFileSync(outputFile, '');
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, GITHUB_OUTPUT: outputFile };
    for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
    try {
      const { stdout, stderr } = await run(process.execPath, [join(repoRoot, 'action/dist/index.js')], { cwd: repoRoot, env });
      return { code: 0, stdout, stderr, outputs: readFileSync(outputFile, 'utf8') };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr, outputs: readFileSync(outputFile, 'utf8') };
    }
  }

  it('annotates the planted secrets at their lines, writes SARIF and JSON, sets outputs and fails the step', async () => {
    const sarif = join(work, 'out.sarif');
    const json = join(work, 'out.json');
    const { code, stdout, outputs } = await action({ path: 'examples/payments-api', 'sarif-file': sarif, 'json-file': json });
    expect(code).toBe(1);
    const errors = stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(errors.map((l) => /file=([^,]+),line=(\d+)/.exec(l)?.slice(1).join(':')).sort()).toEqual([
      '.github/workflows/deploy.yml:32',
      'infra/main.tf:112',
      'infra/main.tf:126',
      'infra/main.tf:49',
      'keys/deploy_key:1',
      'src/handler.ts:15',
      'src/handler.ts:16',
      'src/jobs/reconcile_receipts.py:19',
    ]);
    expect(stdout).toMatch(/^::warning title=.*file=infra\/main\.tf,line=149/m);
    expect(stdout).toMatch(/^::error::12 guardrail finding\(s\): 4 critical, 4 high, 4 medium/m);
    expect(outputs).toMatch(/^findings<<.*\n12\n/m);
    expect(outputs).toMatch(/^level<<.*\nnone\n/m);
    const report = reportSchema.parse(JSON.parse(readFileSync(json, 'utf8')));
    expect(report.findings).toHaveLength(13);
    const log = JSON.parse(readFileSync(sarif, 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]?.results).toHaveLength(13);
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
