import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { repoPathFor, scanRootPrefix, withRepoPaths } from './repo-paths';
import { finding, report } from './test-findings';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'guardrails-paths-'));
  mkdirSync(join(dir, 'repo', 'services', 'pay'), { recursive: true });
  writeFileSync(join(dir, 'repo', 'services', 'pay', 'main.tf'), '');
  execFileSync('git', ['init', '-q'], { cwd: join(dir, 'repo') });
  mkdirSync(join(dir, 'plain', 'sub'), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('repository paths', () => {
  it('prefix findings of a scan root below the repository root with its path in the repository', async () => {
    const repo = join(dir, 'repo');
    expect(await scanRootPrefix(repo, '.', repo)).toBe('');
    expect(await scanRootPrefix(repo, 'services/pay', repo)).toBe('services/pay/');
    expect(await scanRootPrefix(repo, 'services/pay/main.tf', repo)).toBe('services/pay/');
    // Outside git: relative to the workspace.
    expect(await scanRootPrefix(join(dir, 'plain'), 'sub', join(dir, 'plain'))).toBe('sub/');
  });

  it('rewrite a report for SARIF without touching the original', () => {
    const r = report([finding('high', 'main.tf', 3)]);
    r.errors.push({ path: 'broken.tf', message: 'x' });
    const rebased = withRepoPaths(r, repoPathFor('services/pay/'));
    expect(rebased.findings[0]!.location!.path).toBe('services/pay/main.tf');
    expect(rebased.errors[0]!.path).toBe('services/pay/broken.tf');
    expect(r.findings[0]!.location!.path).toBe('main.tf');
    expect(repoPathFor('')('a.ts')).toBe('a.ts');
  });
});
