import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GitBlobReader } from './blob-reader';

let dir = '';
const big = Buffer.alloc(3 * 1024 * 1024 + 17, 'x');
const binary = Buffer.from([0, 1, 2, 10, 255, 10, 0]);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'guardrails-blobs-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], { cwd: dir });
  git('init', '-q');
  mkdirSync(join(dir, 'sub dir'));
  writeFileSync(join(dir, 'sub dir', 'a file.txt'), 'first\nsecond\n');
  writeFileSync(join(dir, 'big.txt'), big);
  writeFileSync(join(dir, 'bin.dat'), binary);
  writeFileSync(join(dir, 'empty'), '');
  git('add', '-A');
  git('commit', '-q', '-m', 'one');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('GitBlobReader', () => {
  it('reads many files at a revision through one process, in any order, byte for byte', async () => {
    const reader = new GitBlobReader(dir);
    try {
      const names = ['HEAD:./big.txt', 'HEAD:./sub dir/a file.txt', 'HEAD:./bin.dat', 'HEAD:./empty', 'HEAD:./big.txt'];
      const [a, b, c, d, e] = await Promise.all(names.map((n) => reader.read(n)));
      expect(a!.equals(big)).toBe(true);
      expect(b!.toString()).toBe('first\nsecond\n');
      expect(c!.equals(binary)).toBe(true);
      expect(d!.length).toBe(0);
      expect(e!.equals(big)).toBe(true);
    } finally {
      await reader.close();
    }
  });

  it('rejects a path that does not exist or is not a file, and goes on reading', async () => {
    const reader = new GitBlobReader(dir);
    try {
      await expect(reader.read('HEAD:./nope.txt')).rejects.toThrow(/HEAD:\.\/nope\.txt does not exist \(missing\)/);
      await expect(reader.read('HEAD:./sub dir')).rejects.toThrow(/is a tree, not a file/);
      expect((await reader.read('HEAD:./empty')).length).toBe(0);
    } finally {
      await reader.close();
    }
  });

  it('rejects reads after git has gone', async () => {
    const reader = new GitBlobReader(join(dir, 'no-such-dir'));
    await reader.close();
    await expect(reader.read('HEAD:./empty')).rejects.toThrow(/git cat-file --batch failed/);
  });
});
