import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { GuardrailsError } from '@pavedroad/guardrails-core';
import { gitBytes } from './run-git';

interface Waiting {
  name: string;
  resolve: (bytes: Buffer) => void;
  reject: (error: Error) => void;
}

/**
 * Reads files at a revision through one `git cat-file --batch` process instead of one `git show` per file:
 * a pull request with hundreds of files costs one process, not hundreds. Requests may overlap; git answers
 * in order. `close()` ends the process.
 */
export class GitBlobReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: Waiting[] = [];
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Size of the object whose content is being read, with its trailing newline; undefined between objects. */
  private expected: { size: number; type: string } | undefined;
  private failure: Error | undefined;
  private readonly closed: Promise<void>;

  constructor(private readonly cwd: string) {
    this.child = spawn('git', ['-c', 'core.quotePath=false', 'cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 4096) stderr += chunk;
    });
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      this.drain();
    });
    // A write after git exited must not crash the process: the pending reads are rejected instead.
    this.child.stdin.on('error', () => {});
    this.closed = new Promise((done) => {
      const fail = (message: string) => {
        this.failure = new GuardrailsError('GIT', `git cat-file --batch failed in ${cwd}: ${message}`);
        for (const w of this.waiting.splice(0)) w.reject(this.failure);
        done();
      };
      this.child.on('error', (error) => fail(error.message));
      this.child.on('close', (code) => fail(stderr.trim().split('\n')[0] || `exit ${code ?? 'signal'}`));
    });
  }

  /** The content of `name` (`<rev>:<path>`); rejects when git has no such blob. */
  read(name: string): Promise<Buffer> {
    // The batch protocol is line based: a name with a newline goes through `git show`.
    if (name.includes('\n')) return gitBytes(this.cwd, ['show', name]);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ name, resolve, reject });
      this.child.stdin.write(`${name}\n`);
    });
  }

  async close(): Promise<void> {
    this.child.stdin.end();
    await this.closed;
  }

  private take(n: number): Buffer {
    const out = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
    this.chunks = out.length > n ? [out.subarray(n)] : [];
    this.buffered -= n;
    return out.subarray(0, n);
  }

  private newline(): number {
    let offset = 0;
    for (const chunk of this.chunks) {
      const i = chunk.indexOf(10);
      if (i >= 0) return offset + i;
      offset += chunk.length;
    }
    return -1;
  }

  private drain(): void {
    for (;;) {
      if (!this.expected) {
        const end = this.newline();
        if (end < 0) return;
        const header = this.take(end + 1).toString('utf8').slice(0, -1);
        const m = /^[0-9a-f]+ (\S+) (\d+)$/.exec(header);
        if (!m) {
          // `<name> missing`, `<name> ambiguous`: no content follows.
          const w = this.waiting.shift();
          w?.reject(new GuardrailsError('GIT', `git cat-file: ${w.name} does not exist (${header.slice(header.lastIndexOf(' ') + 1)})`));
          continue;
        }
        this.expected = { type: m[1]!, size: Number(m[2]) };
      }
      if (this.buffered < this.expected.size + 1) return;
      const content = Buffer.from(this.take(this.expected.size + 1).subarray(0, this.expected.size));
      const type = this.expected.type;
      this.expected = undefined;
      const w = this.waiting.shift();
      if (!w) continue;
      if (type === 'blob') w.resolve(content);
      else w.reject(new GuardrailsError('GIT', `git cat-file: ${w.name} is a ${type}, not a file`));
    }
  }
}
