import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { AddedLines } from './unified-diff';
import { UnifiedDiffParser } from './unified-diff';

/** Feeds `git diff -U0 --no-prefix` text to a parser and returns what it emits. */
function parse(diff: string): AddedLines[] {
  const emitted: AddedLines[] = [];
  const parser = new UnifiedDiffParser((added) => emitted.push(added));
  for (const line of diff.split('\n')) parser.line(line);
  parser.flush();
  return emitted;
}

describe('UnifiedDiffParser', () => {
  it('numbers added lines in the new file across several hunks and files', () => {
    const diff = [
      'diff --git src/a.ts src/a.ts',
      'index 1111111..2222222 100644',
      '--- src/a.ts',
      '+++ src/a.ts',
      '@@ -2,0 +3,2 @@ function f() {',
      '+const a = 1;',
      '+const b = 2;',
      '@@ -10 +12 @@ export function g() {',
      '-const old = 0;',
      '+const replaced = 0;',
      '@@ -20,2 +21,0 @@',
      '-gone1',
      '-gone2',
      '@@ -30,0 +29,1 @@',
      '+last',
      'diff --git src/b.ts src/b.ts',
      'new file mode 100644',
      'index 0000000..3333333',
      '--- /dev/null',
      '+++ src/b.ts',
      '@@ -0,0 +1,3 @@',
      '+one',
      '+two',
      '+three',
    ].join('\n');
    expect(parse(diff)).toEqual([
      { path: 'src/a.ts', numbers: [3, 4, 12, 29], texts: ['const a = 1;', 'const b = 2;', 'const replaced = 0;', 'last'] },
      { path: 'src/b.ts', numbers: [1, 2, 3], texts: ['one', 'two', 'three'] },
    ]);
  });

  it('ignores deleted files, and files whose hunks only remove lines', () => {
    const diff = [
      'diff --git old.txt old.txt',
      'deleted file mode 100644',
      'index 4444444..0000000',
      '--- old.txt',
      '+++ /dev/null',
      '@@ -1,2 +0,0 @@',
      '-x',
      '-+y',
      'diff --git trimmed.txt trimmed.txt',
      'index 5555555..6666666 100644',
      '--- trimmed.txt',
      '+++ trimmed.txt',
      '@@ -3 +2,0 @@',
      '-removed',
      'diff --git kept.txt kept.txt',
      'index 7777777..8888888 100644',
      '--- kept.txt',
      '+++ kept.txt',
      '@@ -1,0 +2 @@',
      '+added',
    ].join('\n');
    expect(parse(diff)).toEqual([{ path: 'kept.txt', numbers: [2], texts: ['added'] }]);
  });

  it('reports a renamed file under its new path, and a pure rename not at all', () => {
    const diff = [
      'diff --git lib/old-name.js lib/new-name.js',
      'similarity index 90%',
      'rename from lib/old-name.js',
      'rename to lib/new-name.js',
      'index 5555555..6666666 100644',
      '--- lib/old-name.js',
      '+++ lib/new-name.js',
      '@@ -3 +3 @@',
      '-const k = 1;',
      '+const k = 2;',
      'diff --git docs/a.md docs/b.md',
      'similarity index 100%',
      'rename from docs/a.md',
      'rename to docs/b.md',
    ].join('\n');
    expect(parse(diff)).toEqual([{ path: 'lib/new-name.js', numbers: [3], texts: ['const k = 2;'] }]);
  });

  it('keeps added lines that start with ++, --, @@ or diff as content', () => {
    const diff = [
      'diff --git query.sql query.sql',
      'index 1111111..2222222 100644',
      '--- query.sql',
      '+++ query.sql',
      '@@ -1,2 +1,5 @@',
      '---- old comment',
      '--- removed',
      '+++ not a header',
      '+-- SQL comment',
      '+@@ -1 +1 @@',
      '+diff --git a b',
      '+--- /dev/null',
      '@@ -9,0 +12 @@',
      '++++ also content',
    ].join('\n');
    expect(parse(diff)).toEqual([
      {
        path: 'query.sql',
        numbers: [1, 2, 3, 4, 5, 12],
        texts: ['++ not a header', '-- SQL comment', '@@ -1 +1 @@', 'diff --git a b', '--- /dev/null', '+++ also content'],
      },
    ]);
  });

  it('skips "\\ No newline at end of file" markers', () => {
    const diff = [
      'diff --git notes.txt notes.txt',
      'index 1111111..2222222 100644',
      '--- notes.txt',
      '+++ notes.txt',
      '@@ -3 +3,2 @@',
      '-last',
      '\\ No newline at end of file',
      '+last',
      '+added',
      '\\ No newline at end of file',
      'diff --git next.txt next.txt',
      'index 3333333..4444444 100644',
      '--- next.txt',
      '+++ next.txt',
      '@@ -1 +1 @@',
      '-a',
      '+b',
      '\\ No newline at end of file',
    ].join('\n');
    expect(parse(diff)).toEqual([
      { path: 'notes.txt', numbers: [3, 4], texts: ['last', 'added'] },
      { path: 'next.txt', numbers: [1], texts: ['b'] },
    ]);
  });

  it('reads quoted paths and paths with the trailing tab git adds after a space', () => {
    const diff = ['--- /dev/null', '+++ "dir/tab\\there.txt"', '@@ -0,0 +1 @@', '+x', '--- /dev/null', '+++ my file.txt\t', '@@ -0,0 +1 @@', '+y'].join('\n');
    expect(parse(diff).map((a) => a.path)).toEqual(['dir/tab\there.txt', 'my file.txt']);
  });

  it('counts a binary file that is added or changed as adding its first line, and ignores a deleted one', () => {
    const diff = [
      'diff --git certs/client.p12 certs/client.p12',
      'new file mode 100644',
      'index 0000000..bdc955b',
      'Binary files /dev/null and certs/client.p12 differ',
      'diff --git a and b.p12 a and b.p12',
      'index 1111111..2222222 100644',
      'Binary files a and b.p12 and a and b.p12 differ',
      'diff --git gone.pfx gone.pfx',
      'deleted file mode 100644',
      'index 3333333..0000000',
      'Binary files gone.pfx and /dev/null differ',
    ].join('\n');
    expect(parse(diff)).toEqual([
      { path: 'certs/client.p12', numbers: [1], texts: [''] },
      { path: 'a and b.p12', numbers: [1], texts: [''] },
    ]);
  });

  it('emits each file once, even when flush is called again', () => {
    const emitted: AddedLines[] = [];
    const parser = new UnifiedDiffParser((added) => emitted.push(added));
    for (const line of ['--- /dev/null', '+++ a.txt', '@@ -0,0 +1 @@', '+x']) parser.line(line);
    parser.flush();
    parser.flush();
    expect(emitted).toEqual([{ path: 'a.txt', numbers: [1], texts: ['x'] }]);
  });

  it('agrees with real git diff -U0 --no-prefix output', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guardrails-diff-'));
    try {
      const git = (...args: string[]) =>
        execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', '-c', 'core.quotePath=false', ...args], { cwd: dir, encoding: 'utf8' });
      git('init', '-q');
      writeFileSync(join(dir, 'a.txt'), ['1', '2', '3', '4', '5', '6', '7', '8'].join('\n') + '\n');
      writeFileSync(join(dir, 'gone.txt'), 'bye\n');
      git('add', '.');
      git('commit', '-q', '-m', 'one');
      writeFileSync(join(dir, 'a.txt'), ['1', '++ inc', '2', '3', '-- dash', '5', '6', '7', '8', 'tail'].join('\n'));
      rmSync(join(dir, 'gone.txt'));
      writeFileSync(join(dir, 'new file.txt'), '+++ x\n@@ -1 +1 @@\n');
      git('add', '-A');
      const diff = git('diff', '-U0', '--no-color', '--no-ext-diff', '--no-prefix', '--find-renames', '--relative', '--cached');
      expect(parse(diff.replace(/\n$/, ''))).toEqual([
        { path: 'a.txt', numbers: [2, 5, 10], texts: ['++ inc', '-- dash', 'tail'] },
        { path: 'new file.txt', numbers: [1, 2], texts: ['+++ x', '@@ -1 +1 @@'] },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
