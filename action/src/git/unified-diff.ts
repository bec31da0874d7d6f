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
    if (!this.#inHunk && line.startsWith(BINARY_START) && line.endsWith(BINARY_END)) {
      this.flush();
      const target = binaryTarget(line.slice(BINARY_START.length, -BINARY_END.length));
      // A binary file has no lines; it counts as adding its first, so that rules that judge a file by its
      // name (a .p12 key store) still see it.
      this.#current = target === undefined ? undefined : { path: unquote(target), numbers: [1], texts: [''] };
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

const BINARY_START = 'Binary files ';
const BINARY_END = ' differ';

/**
 * The new path of `OLD and NEW` from `Binary files OLD and NEW differ`: OLD is /dev/null for an added file,
 * NEW for a deleted one (undefined), and the two are equal for a modified one, which settles paths that
 * themselves contain " and ".
 */
function binaryTarget(paths: string): string | undefined {
  if (paths.startsWith('/dev/null and ')) return paths.slice('/dev/null and '.length);
  if (paths.endsWith(' and /dev/null')) return undefined;
  const half = (paths.length - ' and '.length) / 2;
  if (Number.isInteger(half) && paths.slice(0, half) === paths.slice(half + ' and '.length)) return paths.slice(0, half);
  return paths.slice(paths.lastIndexOf(' and ') + ' and '.length);
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
