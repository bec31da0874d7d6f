/** Lines a diff adds to one file, in order, with their line numbers in the new file. */
export interface AddedLines {
  path: string;
  numbers: number[];
  texts: string[];
}

const HUNK = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * Incremental parser of `git diff -U0 --no-prefix` / `git log -p -U0 --no-prefix` output. Feed lines; each
 * file's added lines are emitted when the next file (or the end) starts.
 */
export class UnifiedDiffParser {
  #current: AddedLines | undefined;
  #next = 0;
  #oldLeft = 0;
  #newLeft = 0;
  #inHunk = false;

  constructor(private readonly emit: (added: AddedLines) => void) {}

  line(line: string): void {
    if (!this.#inHunk && line.startsWith('diff --git ')) {
      this.flush();
      return;
    }
    if (!this.#inHunk && line.startsWith('+++ ')) {
      this.flush();
      const target = line.slice(4).replace(/\t$/, '');
      // Deleted files add nothing.
      this.#current = target === '/dev/null' ? undefined : { path: unquote(target), numbers: [], texts: [] };
      return;
    }
    if (!this.#inHunk) {
      const hunk = HUNK.exec(line);
      if (hunk) {
        // Counts from the header tell where the hunk ends, so content lines that look like headers are content.
        this.#oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
        this.#next = Number(hunk[2]);
        this.#newLeft = hunk[3] === undefined ? 1 : Number(hunk[3]);
        this.#inHunk = this.#oldLeft + this.#newLeft > 0;
      }
      return;
    }
    if (line.startsWith('+')) {
      this.#current?.numbers.push(this.#next);
      this.#current?.texts.push(line.slice(1));
      this.#next++;
      this.#newLeft--;
    } else if (line.startsWith('-')) {
      this.#oldLeft--;
    }
    if (this.#oldLeft <= 0 && this.#newLeft <= 0) this.#inHunk = false;
  }

  flush(): void {
    if (this.#current && this.#current.numbers.length > 0) this.emit(this.#current);
    this.#current = undefined;
  }
}

/** git quotes paths with unusual characters as C strings ("a\tb"). */
function unquote(path: string): string {
  if (!path.startsWith('"')) return path;
  try {
    return JSON.parse(path) as string;
  } catch {
    return path.slice(1, -1);
  }
}
