import { execFile, spawn } from 'node:child_process';
import { GuardrailsError } from '@pavedroad/guardrails-core';

const MAX_BUFFER = 512 * 1024 * 1024;

/** Runs git in `cwd` and returns stdout; a failure names the command and git's own message. */
export function git(cwd: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-c', 'core.quotePath=false', ...args], { cwd, maxBuffer: MAX_BUFFER, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) {
        const detail = (stderr || error.message).trim().split('\n')[0];
        reject(new GuardrailsError('GIT', `git ${args.join(' ')} failed in ${cwd}: ${detail}`, { cause: error }));
      } else {
        resolve(stdout);
      }
    });
  });
}

/** Runs git and returns stdout as bytes (file contents at a revision, binary or not). */
export function gitBytes(cwd: string, args: readonly string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-c', 'core.quotePath=false', ...args], { cwd, maxBuffer: MAX_BUFFER, encoding: 'buffer' }, (error, stdout, stderr) => {
      if (error) {
        const detail = (stderr.toString('utf8') || error.message).trim().split('\n')[0];
        reject(new GuardrailsError('GIT', `git ${args.join(' ')} failed in ${cwd}: ${detail}`, { cause: error }));
      } else {
        resolve(stdout);
      }
    });
  });
}

/**
 * Streams git's stdout line by line, so that a long history is never held in memory at once. Lines end at
 * `\n` only, as git counts them: readline would also break at a lone `\r` inside a file's line, and the text
 * after it could then pose as a diff line or a hunk header.
 */
export async function gitLines(cwd: string, args: readonly string[], onLine: (line: string) => void): Promise<void> {
  const child = spawn('git', ['-c', 'core.quotePath=false', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < 4096) stderr += chunk;
  });
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
  child.stdout.setEncoding('utf8');
  let pending: string[] = [];
  const emit = () => {
    const line = pending.join('');
    pending = [];
    onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  };
  for await (const chunk of child.stdout as AsyncIterable<string>) {
    let start = 0;
    for (let end = chunk.indexOf('\n'); end >= 0; end = chunk.indexOf('\n', start)) {
      pending.push(chunk.slice(start, end));
      emit();
      start = end + 1;
    }
    if (start < chunk.length) pending.push(chunk.slice(start));
  }
  if (pending.length) emit();
  const code = await exited;
  if (code !== 0) {
    throw new GuardrailsError('GIT', `git ${args.join(' ')} failed in ${cwd}: ${stderr.trim().split('\n')[0] ?? `exit ${code}`}`);
  }
}
