import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Report } from '@pavedroad/guardrails-core';
import { reportSchema, ruleDescriptors } from '@pavedroad/guardrails-core';
// The core does not export its fake-credential generator from the package entry, so it is imported from source.
import { ALPHABETS, fakeSecret } from '@pavedroad/guardrails-core';
import { runCli } from '../cli/run-cli';

// The never-re-leak test: one fake canary of every credential kind the scanner supports is planted in a tree,
// and no output of the CLI (any format, stdout, stderr or --output file) may contain a canary or any
// 12-character piece of a canary beyond its public prefix.

const WINDOW = 12;

interface Canary {
  name: string;
  ruleId: string;
  path: string;
  /** The text as planted. */
  value: string;
  /** The secret material: for PEM keys the base64 body without armor or line breaks. */
  body: string;
  /** Leading characters of `body` that are a public provider prefix (`AKIA`, `ghp_`). */
  publicPrefix: number;
}

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(cwd: string, ...argv: string[]): Promise<CliResult> {
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
    now: () => new Date('2026-03-01T12:00:00.000Z'),
  });
  return { code, stdout, stderr };
}

function pemBody(pem: string): string {
  return pem
    .split('\n')
    .filter((line) => line && !line.startsWith('-----'))
    .join('');
}

function hasSshKeygen(): boolean {
  try {
    execFileSync('ssh-keygen', ['-?'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // ssh-keygen -? prints usage and exits 1; only a missing binary is ENOENT.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

const seed = (name: string) => `canary ${name}`;

let root = '';
let outDir = '';
const canaries: Canary[] = [];
const files = new Map<string, string[]>();

function plant(canary: Omit<Canary, 'body'> & { body?: string }, line: string): void {
  canaries.push({ ...canary, body: canary.body ?? canary.value });
  files.set(canary.path, [...(files.get(canary.path) ?? []), line]);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'guardrails-canary-'));
  outDir = mkdtempSync(join(tmpdir(), 'guardrails-canary-out-'));

  const awsId = 'AKIA' + fakeSecret(seed('aws id'), ALPHABETS.base32, 16);
  const awsSecret = fakeSecret(seed('aws secret'), ALPHABETS.base64, 40);
  const awsSession = 'IQoJb3JpZ2luX2VjE' + fakeSecret(seed('aws session'), ALPHABETS.base64, 300);
  files.set('infra/aws/credentials', ['[default]']);
  plant({ name: 'AWS access key id', ruleId: 'aws-access-key-id', path: 'infra/aws/credentials', value: awsId, publicPrefix: 4 }, `aws_access_key_id = ${awsId}`);
  plant({ name: 'AWS secret access key', ruleId: 'aws-secret-access-key', path: 'infra/aws/credentials', value: awsSecret, publicPrefix: 0 }, `aws_secret_access_key = ${awsSecret}`);
  plant({ name: 'AWS session token', ruleId: 'aws-session-token', path: 'infra/aws/credentials', value: awsSession, publicPrefix: 0 }, `aws_session_token = ${awsSession}`);

  const { privateKey: pkcs8 } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const keyFile = JSON.stringify(
    {
      type: 'service_account',
      project_id: 'payments-prod',
      private_key_id: fakeSecret(seed('gcp key id'), ALPHABETS.hex, 40),
      private_key: pkcs8,
      client_email: 'deployer@payments-prod.iam.gserviceaccount.com',
      client_id: fakeSecret(seed('gcp client id'), ALPHABETS.digits, 21),
      token_uri: 'https://oauth2.googleapis.com/token',
    },
    null,
    2,
  );
  plant(
    { name: 'GCP service-account key', ruleId: 'gcp-service-account-key', path: 'deploy/gcp/sa-key.json', value: JSON.stringify(pkcs8).slice(1, -1), body: pemBody(pkcs8), publicPrefix: 0 },
    keyFile,
  );

  const gcpApiKey = 'AIza' + fakeSecret(seed('gcp api key'), ALPHABETS.base64url, 35);
  const gcpOauth = 'GOCSPX-' + fakeSecret(seed('gcp oauth'), ALPHABETS.base64url, 28);
  plant({ name: 'GCP API key', ruleId: 'gcp-api-key', path: 'web/src/config.ts', value: gcpApiKey, publicPrefix: 4 }, `export const mapsKey = "${gcpApiKey}";`);
  plant({ name: 'GCP OAuth client secret', ruleId: 'gcp-oauth-client-secret', path: 'web/src/config.ts', value: gcpOauth, publicPrefix: 7 }, `export const oauthClientSecret = "${gcpOauth}";`);

  const entra = fakeSecret(seed('entra'), ALPHABETS.alnum, 3) + '7Q~' + fakeSecret(seed('entra body'), ALPHABETS.alnum + '_~.-', 34);
  const storageKey = fakeSecret(seed('storage'), ALPHABETS.base64, 86) + '==';
  plant({ name: 'Azure Entra client secret', ruleId: 'azure-entra-client-secret', path: 'azure/app.env', value: entra, publicPrefix: 0 }, `AZURE_CLIENT_SECRET=${entra}`);
  plant(
    { name: 'Azure storage account key', ruleId: 'azure-storage-account-key', path: 'azure/app.env', value: storageKey, publicPrefix: 0 },
    `AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=payrecs;AccountKey=${storageKey};EndpointSuffix=core.windows.net"`,
  );

  const ghp = 'ghp_' + fakeSecret(seed('ghp'), ALPHABETS.alnum, 36);
  const fineGrained = 'github_pat_' + fakeSecret(seed('pat'), ALPHABETS.alnum, 22) + '_' + fakeSecret(seed('pat b'), ALPHABETS.alnum, 59);
  const glpat = 'glpat-' + fakeSecret(seed('glpat'), ALPHABETS.base64url, 20);
  const xoxb = `xoxb-${fakeSecret(seed('slack a'), ALPHABETS.digits, 12)}-${fakeSecret(seed('slack b'), ALPHABETS.digits, 13)}-${fakeSecret(seed('slack c'), ALPHABETS.alnum, 24)}`;
  const webhookPrefix = 'https://hooks.slack.com/services/';
  const webhook = `${webhookPrefix}T${fakeSecret(seed('hook t'), ALPHABETS.upperAlnum, 8)}/B${fakeSecret(seed('hook b'), ALPHABETS.upperAlnum, 10)}/${fakeSecret(seed('hook c'), ALPHABETS.alnum, 24)}`;
  files.set('ci/tokens.sh', ['#!/bin/sh']);
  plant({ name: 'GitHub classic token', ruleId: 'github-token', path: 'ci/tokens.sh', value: ghp, publicPrefix: 4 }, `export GH_TOKEN=${ghp}`);
  plant({ name: 'GitHub fine-grained token', ruleId: 'github-token', path: 'ci/tokens.sh', value: fineGrained, publicPrefix: 11 }, `export GH_PAT=${fineGrained}`);
  plant({ name: 'GitLab token', ruleId: 'gitlab-token', path: 'ci/tokens.sh', value: glpat, publicPrefix: 6 }, `export GITLAB_TOKEN=${glpat}`);
  plant({ name: 'Slack bot token', ruleId: 'slack-token', path: 'ci/tokens.sh', value: xoxb, publicPrefix: 5 }, `export SLACK_BOT_TOKEN=${xoxb}`);
  plant({ name: 'Slack webhook', ruleId: 'slack-webhook', path: 'ci/tokens.sh', value: webhook, body: webhook.slice(webhookPrefix.length), publicPrefix: 0 }, `export SLACK_WEBHOOK_URL=${webhook}`);

  const npm = 'npm_' + fakeSecret(seed('npm'), ALPHABETS.alnum, 36);
  plant({ name: 'npm token', ruleId: 'npm-token', path: '.npmrc', value: npm, publicPrefix: 4 }, `//registry.npmjs.org/:_authToken=${npm}`);

  const { privateKey: rsa } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const { privateKey: ec } = generateKeyPairSync('ec', {
    namedCurve: 'prime256v1',
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'sec1', format: 'pem' },
  });
  plant({ name: 'RSA private key', ruleId: 'private-key', path: 'keys/server.pem', value: rsa.trim(), body: pemBody(rsa), publicPrefix: 0 }, rsa.trim());
  plant({ name: 'EC private key', ruleId: 'private-key', path: 'keys/signing.pem', value: ec.trim(), body: pemBody(ec), publicPrefix: 0 }, ec.trim());
  if (hasSshKeygen()) {
    const keyPath = join(outDir, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'canary@example', '-f', keyPath], { stdio: 'ignore' });
    const openssh = readFileSync(keyPath, 'utf8');
    rmSync(keyPath);
    rmSync(`${keyPath}.pub`);
    plant({ name: 'OpenSSH private key', ruleId: 'private-key', path: 'deploy/id_ed25519', value: openssh.trim(), body: pemBody(openssh), publicPrefix: 0 }, openssh.trim());
  }

  const password = fakeSecret(seed('password'), ALPHABETS.alnum, 18) + '#4';
  plant({ name: 'hard-coded password', ruleId: 'generic-credential', path: 'app/settings.py', value: password, publicPrefix: 0 }, `password = "${password}"`);
  const dbPassword = fakeSecret(seed('url'), ALPHABETS.alnum, 20);
  plant({ name: 'password in a URL', ruleId: 'url-credential', path: 'deploy/db.env', value: dbPassword, publicPrefix: 0 }, `DATABASE_URL=postgres://orders:${dbPassword}@db.prod.acme.io:5432/orders`);

  for (const [path, lines] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), lines.join('\n') + '\n');
  }
  // PKCS#12 stores are reported by name; the content is an opaque binary blob.
  mkdirSync(join(root, 'certs'));
  writeFileSync(join(root, 'certs', 'client.p12'), Buffer.from([0x30, 0x82, 0x09, 0x00, 0x02, 0x01, 0x03, 0x30, 0x82]));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

/** Where the canaries surface in `output`: a description per leak, never the leaked text itself. */
function leaksIn(where: string, output: string): string[] {
  const windows = new Set<string>();
  for (let i = 0; i + WINDOW <= output.length; i++) windows.add(output.slice(i, i + WINDOW));
  const leaks: string[] = [];
  for (const canary of canaries) {
    if (output.includes(canary.value)) leaks.push(`${where}: the whole ${canary.name}`);
    const secret = canary.body.slice(canary.publicPrefix);
    for (let i = 0; i + WINDOW <= secret.length; i++) {
      if (windows.has(secret.slice(i, i + WINDOW))) {
        leaks.push(`${where}: ${canary.name}, characters ${canary.publicPrefix + i}-${canary.publicPrefix + i + WINDOW}`);
        break;
      }
    }
  }
  return leaks;
}

function lineOf(canary: Canary): number {
  const text = readFileSync(join(root, canary.path), 'utf8');
  const offset = text.indexOf(canary.value);
  if (offset < 0) throw new Error(`${canary.name} was not planted in ${canary.path}`);
  return text.slice(0, offset).split('\n').length;
}

describe('canaries of every credential kind', () => {
  let report: Report;

  beforeAll(async () => {
    const result = await cli(root, 'scan', '--format', 'json');
    expect(result.code).toBe(1);
    report = reportSchema.parse(JSON.parse(result.stdout));
  });

  it('cover every secret rule the scanner runs', () => {
    const covered = new Set([...canaries.map((c) => c.ruleId), 'pkcs12-file']);
    const secretRules = ruleDescriptors().filter((r) => r.guardrail === 'no-leaked-secrets');
    expect([...covered].sort()).toEqual(secretRules.map((r) => r.id).sort());
  });

  it('are each detected by the expected rule at the line where they were planted', () => {
    const found = report.findings.map((f) => `${f.ruleId} ${f.location?.path}:${f.location?.startLine}`);
    const expected = [...canaries.map((c) => `${c.ruleId} ${c.path}:${lineOf(c)}`), 'pkcs12-file certs/client.p12:1'];
    expect(found.sort()).toEqual(expected.sort());
  });

  it.each([['text'], ['json'], ['sarif']])('never appear in %s output on stdout or stderr', async (format) => {
    const result = await cli(root, 'scan', '--format', format);
    expect(result.code).toBe(1);
    expect(result.stdout.length).toBeGreaterThan(0);
    expect([...leaksIn(`${format} stdout`, result.stdout), ...leaksIn(`${format} stderr`, result.stderr)]).toEqual([]);
  });

  it.each([['text'], ['json'], ['sarif']])('never appear in a %s --output file', async (format) => {
    const file = join(outDir, `report.${format}`);
    const result = await cli(root, 'scan', '--format', format, '--output', file);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const written = readFileSync(file, 'utf8');
    expect(written.length).toBeGreaterThan(0);
    expect([...leaksIn(`${format} file`, written), ...leaksIn(`${format} stderr`, result.stderr)]).toEqual([]);
  });

  it('never appear in a baseline file', async () => {
    const file = join(outDir, 'baseline.json');
    const result = await cli(root, 'baseline', '--output', file);
    expect(result.code).toBe(0);
    expect([...leaksIn('baseline file', readFileSync(file, 'utf8')), ...leaksIn('baseline stderr', result.stderr)]).toEqual([]);
  });

  it('are caught by the leak check itself (the check is not vacuous)', () => {
    const canary = canaries.find((c) => c.ruleId === 'aws-secret-access-key')!;
    expect(leaksIn('probe', `evidence: ${canary.value.slice(3, 3 + WINDOW)}`)).toEqual([`probe: ${canary.name}, characters 3-15`]);
  });
});
