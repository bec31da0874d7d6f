import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { Report } from '@pavedroad/guardrails-core';
import { reportSchema } from '@pavedroad/guardrails-core';
// The core does not export its fake-credential generator from the package entry, so it is imported from source.
import { ALPHABETS, fakeSecret } from '@pavedroad/guardrails-core';
import { runCli } from '../cli/run-cli';

// Hostile inputs: the scan must finish, without a crash or an error exit, and report what is really there.
// No wall-clock assertions; the jest timeout bounds the work.
const TIMEOUT = 60_000;
const MB = 1024 * 1024;

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function dirWith(files: Readonly<Record<string, string | Uint8Array>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'guardrails-robust-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

async function scan(cwd: string): Promise<{ code: number; report: Report; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['scan', '--format', 'json'], {
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
  if (code === 2) throw new Error(`scan failed: ${stderr}`);
  return { code, report: reportSchema.parse(JSON.parse(stdout)), stderr };
}

/** Deterministic bytes (mulberry32), so a failure reproduces. */
function randomBytes(seed: number, length: number, map: (byte: number) => number = (b) => b): Buffer {
  const out = Buffer.alloc(length);
  let a = seed >>> 0;
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = map(((t ^ (t >>> 14)) >>> 0) & 0xff);
  }
  return out;
}

const token = 'ghp_' + fakeSecret('robustness token', ALPHABETS.alnum, 36);

describe('scanning hostile inputs', () => {
  it(
    'skips 1 MB of random bytes as binary',
    async () => {
      const { code, report } = await scan(dirWith({ 'noise.bin': randomBytes(1, MB) }));
      expect(code).toBe(0);
      expect(report.findings).toEqual([]);
      expect(report.scan.filesSkipped).toEqual([{ path: 'noise.bin', reason: 'binary' }]);
      expect(report.scan.filesScanned).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'scans 1 MB of random printable ASCII on one line and finds nothing',
    async () => {
      const text = randomBytes(2, MB, (b) => 0x20 + (b % 95));
      const { report } = await scan(dirWith({ 'noise.txt': text }));
      expect(report.scan.filesScanned).toBe(1);
      expect(report.scan.filesSkipped).toEqual([]);
      expect(report.errors).toEqual([]);
      expect(report.findings).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'scans a single 50 MB line full of keyword fragments and finds exactly the one real token',
    async () => {
      const fragments = [
        'AKIA',
        'ASIA',
        'secret=',
        'password:',
        'api_key=',
        'aws_session_token=',
        'ghp_',
        'github_pat_',
        'glpat-',
        'npm_',
        '_authToken=',
        'xoxb-',
        'hooks.slack.com/services/',
        'AccountKey=',
        'AIza',
        'GOCSPX-',
        '1Q~',
        '-----BEGIN PRIVATE KEY-----',
        '-----BEGIN RSA PRIVATE KEY-----',
        '"type": "service_account"',
      ];
      // A 64 KB block of base64-looking words (at most 30 characters, so never a 40-character key) with a
      // keyword fragment every few words, each followed by a separator so that it completes no credential.
      const chars = ALPHABETS.base64;
      const words: string[] = [];
      let length = 0;
      for (let i = 0; length < 64 * 1024; i++) {
        const word = i % 4 === 3 ? `${fragments[i % fragments.length]!} ;` : fakeSecret(`robust word ${i}`, chars, 4 + (i % 27));
        words.push(word);
        length += word.length + 1;
      }
      const block = words.join(' ') + ' ';
      const repeats = Math.ceil((50 * MB) / block.length);
      const half = block.repeat(Math.floor(repeats / 2));
      const planted = ` token ${token} `;
      const line = half + planted + half;
      expect(line.length).toBeGreaterThanOrEqual(50 * MB - block.length);

      const { code, report } = await scan(
        dirWith({ '.guardrails.yml': 'maxFileSize: 64MB\n', 'huge.min.js': line }),
      );
      expect(code).toBe(1);
      expect(report.scan.filesSkipped).toEqual([]);
      expect(report.scan.filesScanned).toBe(2);
      expect(report.findings.map((f) => [f.ruleId, f.location])).toEqual([
        [
          'github-token',
          {
            path: 'huge.min.js',
            startLine: 1,
            startColumn: half.length + ' token '.length + 1,
            endLine: 1,
            endColumn: half.length + ' token '.length + 1 + token.length,
          },
        ],
      ]);
    },
    TIMEOUT,
  );

  it(
    'scans 100,000 levels of nested JSON arrays and finds the token at the bottom',
    async () => {
      const depth = 100_000;
      const json = '['.repeat(depth) + `"${token}"` + ']'.repeat(depth) + '\n';
      const { code, report } = await scan(dirWith({ 'deep.json': json }));
      expect(code).toBe(1);
      expect(report.findings.map((f) => [f.ruleId, f.location])).toEqual([
        ['github-token', { path: 'deep.json', startLine: 1, startColumn: depth + 2, endLine: 1, endColumn: depth + 2 + token.length }],
      ]);
    },
    TIMEOUT,
  );

  it(
    'finds a key between invalid UTF-8 sequences, at its column in the decoded text',
    async () => {
      const invalid = [
        Buffer.from([0xff, 0xfe]), // never valid in UTF-8
        Buffer.from([0xc3, 0x28]), // a lead byte followed by a non-continuation byte
        Buffer.from([0xed, 0xa0, 0x80]), // an encoded UTF-16 surrogate
        Buffer.from([0xf0, 0x9f, 0x98]), // a truncated 4-byte sequence
        Buffer.from([0xe2, 0x82]), // a truncated 3-byte sequence
      ];
      const bytes = Buffer.concat([
        invalid[0]!,
        Buffer.from('\nheader '),
        invalid[1]!,
        invalid[2]!,
        invalid[3]!,
        Buffer.from(` token = "${token}" `),
        invalid[4]!,
        invalid[0]!,
        Buffer.from('\n'),
        invalid[4]!,
        Buffer.from('\n'),
      ]);
      const decoded = new TextDecoder('utf-8').decode(bytes);
      const second = decoded.split('\n')[1]!;
      const column = second.indexOf(token) + 1;
      // Each invalid sequence decodes to U+FFFD, so the key sits after fewer columns than bytes.
      expect(column).toBeLessThan(bytes.indexOf(token) - bytes.indexOf('\n'));

      const { code, report } = await scan(dirWith({ 'mixed.txt': bytes }));
      expect(code).toBe(1);
      expect(report.scan.filesSkipped).toEqual([]);
      expect(report.findings.map((f) => [f.ruleId, f.location])).toEqual([
        ['github-token', { path: 'mixed.txt', startLine: 2, startColumn: column, endLine: 2, endColumn: column + token.length }],
      ]);
    },
    TIMEOUT,
  );
});
