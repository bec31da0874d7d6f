import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { Log } from 'sarif';
import type { Finding, Report } from '@pavedroad/guardrails-core';
import { baselineSchema, reportSchema } from '@pavedroad/guardrails-core';
// The core does not export its fake-credential generator from the package entry, so it is imported from source.
import { ALPHABETS, fakeSecret } from '@pavedroad/guardrails-core';
import type { CliIo } from './run-cli';
import { runCli } from './run-cli';

const NOW = new Date('2026-03-01T12:00:00.000Z');

const awsKeyId = 'AKIA' + fakeSecret('run-cli aws key id', ALPHABETS.base32, 16);
const awsSecret = fakeSecret('run-cli aws secret', ALPHABETS.base64, 40);
const gcpApiKey = 'AIza' + fakeSecret('run-cli gcp api key', ALPHABETS.base64url, 35);
const githubToken = (seed: string) => 'ghp_' + fakeSecret(seed, ALPHABETS.alnum, 36);

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(cwd: string, ...argv: string[]): Promise<CliResult> {
  return cliWith({}, cwd, ...argv);
}

async function cliWith(io: Partial<Pick<CliIo, 'stdoutIsTTY' | 'env'>>, cwd: string, ...argv: string[]): Promise<CliResult> {
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
    env: {},
    now: () => NOW,
    ...io,
  });
  return { code, stdout, stderr };
}

/** `scan --format json ...`, the report validated against the contract. */
async function scanJson(cwd: string, ...argv: string[]): Promise<{ code: number; report: Report; stderr: string }> {
  const result = await cli(cwd, 'scan', '--format', 'json', ...argv);
  if (result.code === 2) throw new Error(`scan failed: ${result.stderr}`);
  return { code: result.code, report: reportSchema.parse(JSON.parse(result.stdout)), stderr: result.stderr };
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'guardrails-cli-'));
  made.push(dir);
  return dir;
}

function write(root: string, files: Readonly<Record<string, string | Uint8Array>>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** A temp directory holding `files` (POSIX paths relative to it). */
function tree(files: Readonly<Record<string, string | Uint8Array>>): string {
  const root = tempDir();
  write(root, files);
  return root;
}

/** 1-based line and column of `needle` in `text`, computed independently of the scanner. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`${needle.slice(0, 8)}… is not in the text`);
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

const brief = (f: Finding) => [f.ruleId, f.location?.path, f.location?.startLine];

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const AWS_FILE = `# settings\naws_access_key_id = "${awsKeyId}"\naws_secret_access_key = "${awsSecret}"\n`;

describe('exit status', () => {
  it('exits 0 on a clean tree and says there are no findings', async () => {
    const root = tree({ 'src/app.py': 'print("hello")\n', 'README.md': '# demo\n' });
    const result = await cli(root, 'scan');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('0 findings (no findings) in 2 files scanned.\n');
    expect(result.stdout).toContain('pass no-leaked-secrets');
  });

  it('exits 1 when an AWS access key id and its secret are committed', async () => {
    const root = tree({ 'settings.py': AWS_FILE });
    const result = await cli(root, 'scan');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('2 findings (2 critical) in 1 file scanned.');
    expect(result.stdout).toContain('aws-access-key-id');
    expect(result.stdout).toContain('aws-secret-access-key');
  });

  it('--fail-on critical exits 0 for a medium finding, which --fail-on medium fails', async () => {
    const root = tree({ 'web/config.js': `const apiKey = "${gcpApiKey}";\n` });
    const { report } = await scanJson(root);
    expect(report.findings.map((f) => [f.ruleId, f.severity])).toEqual([['gcp-api-key', 'medium']]);
    expect((await cli(root, 'scan', '--fail-on', 'critical')).code).toBe(0);
    expect((await cli(root, 'scan', '--fail-on', 'medium')).code).toBe(1);
  });

  it('--fail-on none exits 0 even with critical findings', async () => {
    const root = tree({ 'settings.py': AWS_FILE });
    expect((await cli(root, 'scan', '--fail-on', 'none')).code).toBe(0);
  });

  it('takes the threshold from failOn in the config, and --fail-on overrides it', async () => {
    const root = tree({ '.guardrails.yml': 'failOn: medium\n', 'web/config.js': `const apiKey = "${gcpApiKey}";\n` });
    expect((await cli(root, 'scan')).code).toBe(1);
    expect((await cli(root, 'scan', '--fail-on', 'high')).code).toBe(0);
  });
});

describe('usage and configuration errors exit 2 and name the problem', () => {
  it('names a path that does not exist', async () => {
    const root = tree({ 'a.txt': 'x\n' });
    const result = await cli(root, 'scan', 'missing/dir');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('guardrails: error: no such file or directory: missing/dir\n');
  });

  it('names an unknown option', async () => {
    const result = await cli(tree({}), 'scan', '--frobnicate');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("error: unknown option '--frobnicate'\n");
  });

  it('names a bad --format and lists the formats', async () => {
    const result = await cli(tree({}), 'scan', '--format', 'xml');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("argument 'xml' is invalid");
    expect(result.stderr).toContain('text, json, sarif');
  });

  it('names a bad --fail-on value', async () => {
    const result = await cli(tree({}), 'scan', '--fail-on', 'severe');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("argument 'severe' is invalid");
  });

  it('names the file and line of a malformed .guardrails.yml', async () => {
    const root = tree({ '.guardrails.yml': 'failOn: high\nfailOn: low\n' });
    const result = await cli(root, 'scan');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^guardrails: error: \.guardrails\.yml:2:1: not valid YAML: Map keys must be unique/);
  });

  it('names an unknown config key', async () => {
    const root = tree({ '.guardrails.yml': 'failOn: high\ncolour: red\n' });
    const result = await cli(root, 'scan');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^guardrails: error: \.guardrails\.yml: \(top level\): Unrecognized key.*"colour"/);
  });

  it('names a config field of the wrong type', async () => {
    const root = tree({ '.guardrails.yml': 'ignore:\n  paths: vendor/\n' });
    const result = await cli(root, 'scan');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^guardrails: error: \.guardrails\.yml: ignore\.paths: .*expected array, received string/);
  });

  it('names a misspelled rule id in the config', async () => {
    const root = tree({ '.guardrails.yml': 'rules:\n  github-tokens:\n    severity: low\n' });
    const result = await cli(root, 'scan');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('guardrails: error: .guardrails.yml: rules.github-tokens: unknown rule or guardrail id\n');
  });

  it('names a --config file that does not exist', async () => {
    const result = await cli(tree({}), 'scan', '--config', 'nope.yml');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('guardrails: error: cannot read config nope.yml: ENOENT\n');
  });

  it('names a --baseline file that does not exist', async () => {
    const result = await cli(tree({ 'a.txt': 'x\n' }), 'scan', '--baseline', 'nope.json');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('guardrails: error: cannot read baseline nope.json: ENOENT\n');
  });

  it('refuses --diff together with --history', async () => {
    const result = await cli(tree({}), 'scan', '--diff', 'HEAD', '--history');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('guardrails: error: --diff and --history cannot be combined\n');
  });
});

describe('the JSON report', () => {
  it('follows the report contract and locates each secret by path, line and column', async () => {
    const root = tree({ 'src/config/settings.py': AWS_FILE, 'src/app.py': 'import settings\n', 'README.md': '# demo\n' });
    const { code, report } = await scanJson(root);
    expect(code).toBe(1);
    const id = positionOf(AWS_FILE, awsKeyId);
    const secret = positionOf(AWS_FILE, awsSecret);
    expect(id).toEqual({ line: 2, column: 22 });
    expect(report.findings).toHaveLength(2);
    expect(report.findings[0]).toMatchObject({
      ruleId: 'aws-access-key-id',
      guardrail: 'no-leaked-secrets',
      severity: 'critical',
      source: 'repo',
      evidence: 'AKIA…(20 chars)',
      location: { path: 'src/config/settings.py', startLine: id.line, startColumn: id.column, endLine: id.line, endColumn: id.column + 20 },
    });
    expect(report.findings[1]).toMatchObject({
      ruleId: 'aws-secret-access-key',
      severity: 'critical',
      evidence: 'redacted, 40 chars',
      location: { path: 'src/config/settings.py', startLine: secret.line, startColumn: secret.column, endLine: secret.line, endColumn: secret.column + 40 },
    });
    for (const f of report.findings) expect(f.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(report.findings[0]!.fingerprint).not.toBe(report.findings[1]!.fingerprint);
    expect(report.scan).toMatchObject({ root: '.', scope: 'full', startedAt: NOW.toISOString(), filesScanned: 3, filesSkipped: [] });
    expect(report.guardrails.filter((g) => g.id === 'no-leaked-secrets')).toEqual([{ id: 'no-leaked-secrets', status: 'fail', findings: 2 }]);
    expect(report.errors).toEqual([]);
  });

  it('passes no-leaked-secrets on a clean tree', async () => {
    const { code, report } = await scanJson(tree({ 'src/app.py': 'print("hi")\n' }));
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);
    expect(report.scan.filesScanned).toBe(1);
    expect(report.guardrails.filter((g) => g.id === 'no-leaked-secrets')).toEqual([{ id: 'no-leaked-secrets', status: 'pass', findings: 0 }]);
  });

  it('reports paths relative to the scan root when scanning a subdirectory', async () => {
    const token = githubToken('run-cli subdir');
    const root = tree({ 'services/api/deploy/env.sh': `export GITHUB_TOKEN=${token}\n`, 'other/env.sh': `export GITHUB_TOKEN=${token}\n` });
    const { report } = await scanJson(root, 'services/api');
    expect(report.scan.root).toBe('services/api');
    expect(report.findings.map(brief)).toEqual([['github-token', 'deploy/env.sh', 1]]);
    expect(report.findings[0]!.location!.startColumn).toBe('export GITHUB_TOKEN='.length + 1);
  });
});

describe('fingerprints', () => {
  const token = githubToken('run-cli fingerprint a');

  it('stay the same when lines are inserted above the secret', async () => {
    const root = tree({ 'ci/env.sh': `export GITHUB_TOKEN=${token}\n` });
    const before = (await scanJson(root)).report.findings;
    write(root, { 'ci/env.sh': `#!/bin/sh\nset -eu\n\n# token for the release job\nexport GITHUB_TOKEN=${token}\n` });
    const after = (await scanJson(root)).report.findings;
    expect(before.map(brief)).toEqual([['github-token', 'ci/env.sh', 1]]);
    expect(after.map(brief)).toEqual([['github-token', 'ci/env.sh', 5]]);
    expect(after[0]!.fingerprint).toBe(before[0]!.fingerprint);
  });

  it('differ for a different secret on the same line', async () => {
    const root = tree({ 'ci/env.sh': `export GITHUB_TOKEN=${token}\n` });
    const first = (await scanJson(root)).report.findings;
    write(root, { 'ci/env.sh': `export GITHUB_TOKEN=${githubToken('run-cli fingerprint b')}\n` });
    const second = (await scanJson(root)).report.findings;
    expect(second.map(brief)).toEqual(first.map(brief));
    expect(second[0]!.fingerprint).not.toBe(first[0]!.fingerprint);
  });
});

describe('SARIF output', () => {
  const token = githubToken('run-cli sarif');
  const envFile = `# deploy\nexport GITHUB_TOKEN=${token}\n`;
  const webFile = `// guardrails:ignore gcp-api-key -- public Maps key, restricted by referrer\nconst apiKey = "${gcpApiKey}";\n`;

  it('is SARIF 2.1.0 with located, fingerprinted results and rules that carry a security severity', async () => {
    const root = tree({ 'deploy/env.sh': envFile, 'web/maps.js': webFile, 'certs/client.p12': Buffer.from([0x30, 0x82, 0x00, 0x01, 0x02]) });
    const result = await cli(root, 'scan', '--format', 'sarif');
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout) as Log;
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    const rules = run.tool.driver.rules ?? [];
    expect(rules.length).toBeGreaterThan(10);
    for (const rule of rules) expect(rule.properties?.['security-severity']).toMatch(/^\d+\.\d$/);
    expect(rules.find((r) => r.id === 'github-token')?.properties?.['security-severity']).toBe('9.5');

    const results = run.results ?? [];
    expect(results.map((r) => r.ruleId).sort()).toEqual(['gcp-api-key', 'github-token', 'pkcs12-file']);
    for (const r of results) {
      expect(typeof r.ruleId).toBe('string');
      expect(rules[r.ruleIndex!]?.id).toBe(r.ruleId);
      const region = r.locations?.[0]?.physicalLocation?.region;
      expect(region?.startLine).toBeGreaterThanOrEqual(1);
      expect(region?.startColumn).toBeGreaterThanOrEqual(1);
      expect(region?.endColumn).toBeGreaterThanOrEqual(1);
      expect(r.partialFingerprints?.['guardrailsFingerprint/v1']).toMatch(/^[0-9a-f]{32}$/);
    }
    const github = results.find((r) => r.ruleId === 'github-token')!;
    const at = positionOf(envFile, token);
    expect(github.level).toBe('error');
    expect(github.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'deploy/env.sh', uriBaseId: '%SRCROOT%' },
      region: { startLine: at.line, startColumn: at.column, endLine: at.line, endColumn: at.column + token.length },
    });
    expect(github.suppressions).toBeUndefined();
  });

  it('marks a suppressed finding with a suppression and its justification', async () => {
    const root = tree({ 'web/maps.js': webFile });
    const result = await cli(root, 'scan', '--format', 'sarif', '--fail-on', 'low');
    expect(result.code).toBe(0);
    const results = (JSON.parse(result.stdout) as Log).runs[0]!.results ?? [];
    expect(results).toHaveLength(1);
    expect(results[0]!.ruleId).toBe('gcp-api-key');
    expect(results[0]!.suppressions).toEqual([{ kind: 'inSource', justification: 'public Maps key, restricted by referrer' }]);
  });
});

describe('inline suppressions', () => {
  const token = githubToken('run-cli inline');

  it.each([
    ['#', 'scripts/release.py', `# guardrails:ignore github-token -- revoked token kept for the docs\nTOKEN = "${token}"\n`],
    ['//', 'src/client.ts', `// guardrails:ignore github-token -- revoked token kept for the docs\nconst token = '${token}';\n`],
    ['<!-- -->', 'docs/setup.md', `<!-- guardrails:ignore github-token -- revoked token kept for the docs -->\n    export GITHUB_TOKEN=${token}\n`],
  ])('a %s comment with a reason on the previous line suppresses the finding', async (_syntax, path, text) => {
    const { code, report } = await scanJson(tree({ [path]: text }));
    expect(code).toBe(0);
    expect(report.findings.map(brief)).toEqual([['github-token', path, 2]]);
    expect(report.findings[0]!.suppression).toEqual({ kind: 'inline', reason: 'revoked token kept for the docs' });
    expect(report.guardrails.filter((g) => g.id === 'no-leaked-secrets')).toEqual([{ id: 'no-leaked-secrets', status: 'pass', findings: 0 }]);
    expect(report.errors).toEqual([]);
  });

  it('a directive on the same line suppresses the finding', async () => {
    const { code, report } = await scanJson(tree({ 'env.sh': `export GITHUB_TOKEN=${token} # guardrails:ignore github-token -- test fixture\n` }));
    expect(code).toBe(0);
    expect(report.findings[0]!.suppression).toEqual({ kind: 'inline', reason: 'test fixture' });
  });

  it('a directive without a reason does not suppress, and the report names its path and line', async () => {
    const { code, report } = await scanJson(tree({ 'pkg/env.py': `x = 1\n# guardrails:ignore github-token\nTOKEN = "${token}"\n` }));
    expect(code).toBe(1);
    expect(report.findings.map(brief)).toEqual([['github-token', 'pkg/env.py', 3]]);
    expect(report.findings[0]!.suppression).toBeUndefined();
    expect(report.errors).toEqual([{ path: 'pkg/env.py', line: 2, message: expect.stringContaining('needs a reason') }]);
  });

  it('an expired directive does not suppress, and the report says it expired', async () => {
    const { code, report } = await scanJson(tree({ 'env.py': `# guardrails:ignore github-token until 2000-01-01 -- rotation pending\nTOKEN = "${token}"\n` }));
    expect(code).toBe(1);
    expect(report.findings[0]!.suppression).toBeUndefined();
    expect(report.errors).toEqual([{ path: 'env.py', line: 1, message: expect.stringContaining('expired on 2000-01-01') }]);
  });

  it('a directive that has not expired yet suppresses and records the date', async () => {
    const { code, report } = await scanJson(tree({ 'env.py': `# guardrails:ignore github-token until 2999-01-01 -- rotation pending\nTOKEN = "${token}"\n` }));
    expect(code).toBe(0);
    expect(report.findings[0]!.suppression).toEqual({ kind: 'inline', reason: 'rotation pending', expires: '2999-01-01' });
  });

  it('a directive for another rule does not suppress', async () => {
    const { code, report } = await scanJson(tree({ 'env.py': `# guardrails:ignore gcp-api-key -- not this one\nTOKEN = "${token}"\n` }));
    expect(code).toBe(1);
    expect(report.findings[0]!.suppression).toBeUndefined();
  });
});

describe('configuration', () => {
  const token = githubToken('run-cli config');

  it('ignore.paths skips a folder', async () => {
    const root = tree({
      '.guardrails.yml': 'ignore:\n  paths:\n    - test/fixtures/\n',
      'test/fixtures/leaky.env': `GITHUB_TOKEN=${token}\n`,
      'test/unit.env': `GITHUB_TOKEN=${token}\n`,
    });
    const { report } = await scanJson(root);
    expect(report.findings.map(brief)).toEqual([['github-token', 'test/unit.env', 1]]);
    expect(report.scan.filesScanned).toBe(2);
  });

  it('ignore.rules disables a rule', async () => {
    const root = tree({ '.guardrails.yml': 'ignore:\n  rules: [gcp-api-key]\n', 'a.js': `loadMaps("${gcpApiKey}");\nconst gh = "${token}";\n` });
    expect((await scanJson(tree({ 'a.js': `loadMaps("${gcpApiKey}");\n` }))).report.findings.map(brief)).toEqual([['gcp-api-key', 'a.js', 1]]);
    const { report } = await scanJson(root);
    expect(report.findings.map(brief)).toEqual([['github-token', 'a.js', 2]]);
  });

  it('rules.<id>.enabled: false disables a rule', async () => {
    const root = tree({ '.guardrails.yml': 'rules:\n  github-token:\n    enabled: false\n', 'a.js': `const gh = "${token}";\n` });
    const { code, report } = await scanJson(root);
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);
  });

  it('rules.<id>.severity overrides the severity, and the exit status follows it', async () => {
    const root = tree({ 'a.js': `const apiKey = "${gcpApiKey}";\n` });
    expect((await scanJson(root)).code).toBe(0);
    write(root, { '.guardrails.yml': 'rules:\n  gcp-api-key:\n    severity: critical\n' });
    const { code, report } = await scanJson(root);
    expect(report.findings.map((f) => [f.ruleId, f.severity])).toEqual([['gcp-api-key', 'critical']]);
    expect(code).toBe(1);
  });

  it('inlineSuppressions: false disables inline suppressions', async () => {
    const root = tree({
      '.guardrails.yml': 'inlineSuppressions: false\n',
      'env.py': `# guardrails:ignore github-token -- revoked\nTOKEN = "${token}"\n`,
    });
    const { code, report } = await scanJson(root);
    expect(code).toBe(1);
    expect(report.findings.map(brief)).toEqual([['github-token', 'env.py', 2]]);
    expect(report.findings[0]!.suppression).toBeUndefined();
  });

  it('reads the config named by --config instead of .guardrails.yml', async () => {
    const root = tree({ 'ci/strict.yml': 'failOn: medium\n', 'a.js': `const apiKey = "${gcpApiKey}";\n` });
    expect((await cli(root, 'scan')).code).toBe(0);
    expect((await cli(root, 'scan', '--config', 'ci/strict.yml')).code).toBe(1);
  });
});

describe('which files are scanned', () => {
  const token = githubToken('run-cli files');
  const leak = `GITHUB_TOKEN=${token}\n`;

  it('skips files matched by .gitignore at the root and in nested folders', async () => {
    const root = tree({
      '.gitignore': '*.log\nbuild/\n',
      'debug.log': leak,
      'build/out.env': leak,
      'app/.gitignore': 'local.env\n',
      'app/local.env': leak,
      'app/other/local.env': leak,
      'app/kept.env': leak,
      'kept.env': leak,
    });
    const { report } = await scanJson(root);
    expect(report.findings.map(brief)).toEqual([
      ['github-token', 'app/kept.env', 1],
      ['github-token', 'kept.env', 1],
    ]);
    // .gitignore, app/.gitignore, app/kept.env, kept.env
    expect(report.scan.filesScanned).toBe(4);
  });

  it('lists files larger than maxFileSize as skipped, with the reason', async () => {
    const big = leak + 'x'.repeat(2048 - leak.length);
    const root = tree({ '.guardrails.yml': 'maxFileSize: 1KB\n', 'data/big.env': big, 'small.txt': 'ok\n' });
    const { code, report } = await scanJson(root);
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);
    expect(report.scan.filesSkipped).toEqual([{ path: 'data/big.env', reason: 'larger than 1024 bytes (2048)' }]);
    expect(report.scan.filesScanned).toBe(2);
  });

  it('lists a single file argument larger than maxFileSize as skipped', async () => {
    const root = tree({ '.guardrails.yml': 'maxFileSize: 16\n', 'big.env': leak });
    const { report } = await scanJson(root, 'big.env');
    expect(report.findings).toEqual([]);
    expect(report.scan.filesSkipped).toEqual([{ path: 'big.env', reason: `larger than 16 bytes (${leak.length})` }]);
  });

  it('skips binary files (NUL bytes) with reason binary', async () => {
    const root = tree({ 'assets/blob.bin': Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]), Buffer.from(leak)]) });
    const { code, report } = await scanJson(root);
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);
    expect(report.scan.filesSkipped).toEqual([{ path: 'assets/blob.bin', reason: 'binary' }]);
    expect(report.scan.filesScanned).toBe(0);
  });

  it('does not follow a symlink to a directory outside the root, and lists it as skipped', async () => {
    const outside = tree({ 'secrets.env': leak });
    const root = tree({ 'app.txt': 'hello\n' });
    symlinkSync(outside, join(root, 'linked'), 'dir');
    const { code, report } = await scanJson(root);
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);
    expect(report.scan.filesSkipped).toEqual([{ path: 'linked', reason: 'symlink outside the scan root' }]);
    expect(report.scan.filesScanned).toBe(1);
  });

  it('reports a .p12 key store by its name with pkcs12-file', async () => {
    const root = tree({ 'certs/client.p12': Buffer.from([0x30, 0x82, 0x0a, 0x00, 0x02, 0x01, 0x03]) });
    const { code, report } = await scanJson(root);
    expect(code).toBe(1);
    expect(report.findings.map(brief)).toEqual([['pkcs12-file', 'certs/client.p12', 1]]);
    expect(report.findings[0]!.severity).toBe('high');
    expect(report.scan.filesSkipped).toEqual([{ path: 'certs/client.p12', reason: 'binary' }]);
  });

  it('lists lock files as skipped', async () => {
    const root = tree({ 'package-lock.json': `{"integrity": "sha512-${fakeSecret('lock', ALPHABETS.base64, 86)}=="}\n` });
    const { report } = await scanJson(root);
    expect(report.findings).toEqual([]);
    expect(report.scan.filesSkipped).toEqual([{ path: 'package-lock.json', reason: 'lock file' }]);
  });
});

describe('baseline', () => {
  it('accepts today’s findings, and still reports a new secret added afterwards', async () => {
    const root = tree({ 'settings.py': AWS_FILE });
    const written = await cli(root, 'baseline', '--output', 'baseline.json');
    expect(written).toEqual({ code: 0, stdout: '', stderr: 'guardrails: baseline of 2 finding(s) written to baseline.json\n' });
    const baseline = baselineSchema.parse(JSON.parse(readFileSync(join(root, 'baseline.json'), 'utf8')));
    expect(baseline.findings.map((f) => `${f.path}: ${f.ruleId}`).sort()).toEqual(['settings.py: aws-access-key-id', 'settings.py: aws-secret-access-key']);
    expect(JSON.stringify(baseline)).not.toContain(awsKeyId.slice(4));

    const accepted = await scanJson(root, '--baseline', 'baseline.json');
    expect(accepted.code).toBe(0);
    expect(accepted.report.findings).toHaveLength(2);
    for (const f of accepted.report.findings) expect(f.suppression?.kind).toBe('baseline');
    expect(accepted.report.guardrails.filter((g) => g.id === 'no-leaked-secrets')).toEqual([{ id: 'no-leaked-secrets', status: 'pass', findings: 0 }]);

    const token = githubToken('run-cli baseline new');
    write(root, { 'settings.py': `${AWS_FILE}GITHUB_TOKEN = "${token}"\n` });
    const later = await scanJson(root, '--baseline', 'baseline.json');
    expect(later.code).toBe(1);
    expect(later.report.findings.filter((f) => !f.suppression).map(brief)).toEqual([['github-token', 'settings.py', 4]]);
    expect(later.report.findings.filter((f) => f.suppression?.kind === 'baseline')).toHaveLength(2);
  });

  it('writes .guardrails-baseline.json by default', async () => {
    const root = tree({ 'settings.py': AWS_FILE });
    expect((await cli(root, 'baseline')).code).toBe(0);
    expect(existsSync(join(root, '.guardrails-baseline.json'))).toBe(true);
  });
});

describe('--output', () => {
  it('writes the report to the file and prints nothing to stdout', async () => {
    const root = tree({ 'settings.py': AWS_FILE });
    const out = join(tempDir(), 'report.json');
    const result = await cli(root, 'scan', '--format', 'json', '--output', out);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`guardrails: 2 finding(s); json report written to ${out}\n`);
    const report = reportSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(report.findings.map(brief)).toEqual([
      ['aws-access-key-id', 'settings.py', 2],
      ['aws-secret-access-key', 'settings.py', 3],
    ]);
  });

  it('resolves a relative --output against the working directory and writes text without colour, even on a terminal', async () => {
    const root = tree({ 'settings.py': AWS_FILE });
    const result = await cliWith({ stdoutIsTTY: true }, root, 'scan', '-o', 'report.txt');
    expect(result.stdout).toBe('');
    const text = readFileSync(join(root, 'report.txt'), 'utf8');
    expect(text).toContain('2 findings (2 critical) in 1 file scanned.');
    expect(text).not.toContain('\u001b[');
  });
});

describe('text output', () => {
  const ESC = '\u001b[';

  it('is coloured on a terminal, and plain with NO_COLOR, --no-color or when piped', async () => {
    const root = tree({ 'settings.py': AWS_FILE });
    expect((await cliWith({ stdoutIsTTY: true }, root, 'scan')).stdout).toContain(ESC);
    expect((await cliWith({ stdoutIsTTY: true, env: { NO_COLOR: '1' } }, root, 'scan')).stdout).not.toContain(ESC);
    expect((await cliWith({ stdoutIsTTY: true }, root, 'scan', '--no-color')).stdout).not.toContain(ESC);
    expect((await cli(root, 'scan')).stdout).not.toContain(ESC);
    expect((await cliWith({ env: { FORCE_COLOR: '1' } }, root, 'scan')).stdout).toContain(ESC);
  });

  it('groups findings by file with line:column, severity, message and rule id, then the fix', async () => {
    const root = tree({ 'settings.py': AWS_FILE });
    const lines = (await cli(root, 'scan')).stdout.split('\n');
    const at = positionOf(AWS_FILE, awsKeyId);
    expect(lines[0]).toBe('settings.py');
    expect(lines[1]).toMatch(new RegExp(`^  ${at.line}:${at.column} +critical +An AWS long-lived access key id .*\\(AKIA…\\(20 chars\\)\\).* aws-access-key-id$`));
    expect(lines[2]).toMatch(/^ +fix: Deactivate and delete the key/);
    expect(lines[3]).toMatch(/^ +paved road: Use IAM roles/);
  });
});

describe('--diff', () => {
  const first = githubToken('run-cli diff A');
  const second = githubToken('run-cli diff B');
  const third = githubToken('run-cli diff C');

  function repoWithTwoCommits(): string {
    const root = tempDir();
    git(root, 'init', '-q');
    write(root, { 'config/app.env': `ONE=1\nTOKEN_A=${first}\nTHREE=3\n` });
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'add A');
    write(root, { 'config/app.env': `ONE=1\nTOKEN_A=${first}\nTOKEN_B=${second}\nTHREE=3\n` });
    git(root, 'commit', '-q', '-am', 'add B');
    return root;
  }

  it('BASE..HEAD reports only the secret the range adds, at its line in the new file', async () => {
    const root = repoWithTwoCommits();
    const { code, report } = await scanJson(root, '--diff', 'HEAD~1..HEAD');
    expect(code).toBe(1);
    expect(report.findings.map(brief)).toEqual([['github-token', 'config/app.env', 3]]);
    expect(report.findings[0]).toMatchObject({ source: 'pr', location: { startColumn: 'TOKEN_B='.length + 1 } });
    expect(report.scan).toMatchObject({ scope: 'diff', base: 'HEAD~1', head: 'HEAD', filesScanned: 1 });
    // The whole file holds both secrets: a full scan sees A too.
    expect((await scanJson(root)).report.findings.map(brief)).toEqual([
      ['github-token', 'config/app.env', 2],
      ['github-token', 'config/app.env', 3],
    ]);
  });

  it('BASE alone compares with the working tree: only an uncommitted added secret is reported', async () => {
    const root = repoWithTwoCommits();
    write(root, { 'config/app.env': `ZERO=0\nONE=1\nTOKEN_A=${first}\nTOKEN_B=${second}\nTHREE=3\nTOKEN_C=${third}\n` });
    const { code, report } = await scanJson(root, '--diff', 'HEAD');
    expect(code).toBe(1);
    expect(report.findings.map(brief)).toEqual([['github-token', 'config/app.env', 6]]);
    expect(report.findings[0]!.source).toBe('pr');
    expect(report.scan.scope).toBe('diff');
    expect(report.scan.base).toBe('HEAD');
    expect(report.scan.head).toBeUndefined();
  });

  it('BASE alone also scans files git does not track yet, in full, but not ignored ones', async () => {
    const root = repoWithTwoCommits();
    write(root, { '.env': `TOKEN=${third}\n`, '.gitignore': 'local/\n', 'local/notes.env': `TOKEN=${third}\n` });
    const { code, report } = await scanJson(root, '--diff', 'HEAD');
    expect(code).toBe(1);
    expect(report.findings.map(brief)).toEqual([['github-token', '.env', 1]]);
  });

  it('BASE...HEAD compares from the merge base, so lines the base branch removed are not reported', async () => {
    const root = tempDir();
    git(root, 'init', '-q');
    write(root, { 'config/app.env': `ONE=1\nTOKEN_A=${first}\n` });
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'add A');
    git(root, 'checkout', '-q', '-b', 'feature');
    write(root, { 'config/app.env': `ONE=1\nTOKEN_A=${first}\nTOKEN_B=${second}\n` });
    git(root, 'commit', '-q', '-am', 'add B');
    git(root, 'checkout', '-q', 'main');
    write(root, { 'config/app.env': 'ONE=1\n' });
    git(root, 'commit', '-q', '-am', 'remove A on main');
    git(root, 'checkout', '-q', 'feature');
    const { report } = await scanJson(root, '--diff', 'main...feature');
    expect(report.findings.map(brief)).toEqual([['github-token', 'config/app.env', 3]]);
    expect(report.scan).toMatchObject({ base: 'main', head: 'feature' });
    // Two dots compare the trees as they are: main no longer has A, so the feature branch seems to add it.
    expect((await scanJson(root, '--diff', 'main..feature')).report.findings.map(brief)).toEqual([
      ['github-token', 'config/app.env', 2],
      ['github-token', 'config/app.env', 3],
    ]);
  });

  it('counts lines as git does, so a carriage return in an added line cannot hide a later secret', async () => {
    const root = repoWithTwoCommits();
    // A lone CR is not a line break for git. Taken for one, it lets the text after it pose as a hunk header
    // that swallows the real next hunk, so the secret on line 6 would go unchecked.
    write(root, { 'config/app.env': `ONE=1\nnote=a\r@@ -0,0 +900,3 @@\nTOKEN_A=${first}\nTOKEN_B=${second}\nTHREE=3\nTOKEN_C=${third}\n` });
    git(root, 'commit', '-q', '-am', 'add C');
    const { report } = await scanJson(root, '--diff', 'HEAD~1..HEAD');
    expect(report.findings.map(brief)).toEqual([['github-token', 'config/app.env', 6]]);
    const history = await scanJson(root, '--history', 'HEAD~1..HEAD');
    expect(history.report.findings.map(brief)).toEqual([['github-token', 'config/app.env', 6]]);
  });

  it('reports a binary .p12 key store that the range adds', async () => {
    const root = repoWithTwoCommits();
    write(root, { 'certs/client.p12': Buffer.from([0x30, 0x82, 0x0a, 0x00, 0x02, 0x01, 0x03, 0x00, 0xff]) });
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'add key store');
    const { code, report } = await scanJson(root, '--diff', 'HEAD~1..HEAD');
    expect(code).toBe(1);
    expect(report.findings.map(brief)).toEqual([['pkcs12-file', 'certs/client.p12', 1]]);
    expect(report.scan.filesSkipped).toEqual([{ path: 'certs/client.p12', reason: 'binary' }]);
  });

  it('reports nothing when the range adds no secret', async () => {
    const root = repoWithTwoCommits();
    write(root, { 'README.md': 'docs\n' });
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'docs');
    const { code, report } = await scanJson(root, '--diff', 'HEAD~1..HEAD');
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);
  });
});

describe('--history', () => {
  it('finds a secret that a later commit deleted, attributed to the commit that introduced it', async () => {
    const token = githubToken('run-cli history');
    const root = tempDir();
    git(root, 'init', '-q');
    write(root, { 'README.md': '# service\n' });
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'init');
    write(root, { 'deploy/env.sh': `#!/bin/sh\nexport GITHUB_TOKEN=${token}\n` });
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'add deploy script');
    const introduced = git(root, 'rev-parse', 'HEAD').trim();
    write(root, { 'deploy/env.sh': '#!/bin/sh\nexport GITHUB_TOKEN="$TOKEN"\n' });
    git(root, 'commit', '-q', '-am', 'read the token from the environment');

    expect((await cli(root, 'scan')).code).toBe(0);

    const { code, report } = await scanJson(root, '--history');
    expect(code).toBe(1);
    expect(report.findings.map(brief)).toEqual([['github-token', 'deploy/env.sh', 2]]);
    expect(report.findings[0]!.commit).toBe(introduced);
    expect(report.findings[0]!.location!.startColumn).toBe('export GITHUB_TOKEN='.length + 1);
  });

  it('reports a binary .p12 key store committed in the past', async () => {
    const root = tempDir();
    git(root, 'init', '-q');
    write(root, { 'certs/client.p12': Buffer.from([0x30, 0x82, 0x0a, 0x00, 0x02, 0x01, 0x03, 0x00, 0xff]) });
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'add key store');
    const introduced = git(root, 'rev-parse', 'HEAD').trim();
    git(root, 'rm', '-q', 'certs/client.p12');
    git(root, 'commit', '-q', '-m', 'remove key store');
    const { report } = await scanJson(root, '--history');
    expect(report.findings.map(brief)).toEqual([['pkcs12-file', 'certs/client.p12', 1]]);
    expect(report.findings[0]!.commit).toBe(introduced);
  });
});
