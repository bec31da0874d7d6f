import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
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

/** Streams git's stdout line by line, so that a long history is never held in memory at once. */
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
  const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
  for await (const line of lines) onLine(line);
  const code = await exited;
  if (code !== 0) {
    throw new GuardrailsError('GIT', `git ${args.join(' ')} failed in ${cwd}: ${stderr.trim().split('\n')[0] ?? `exit ${code}`}`);
  }
}
