import type { Node, Tree } from 'web-tree-sitter';
import { Language, Parser } from 'web-tree-sitter';

/**
 * The Terraform dialect of the tree-sitter HCL grammar, loaded from its wasm bytes. The caller reads the
 * grammar file (the core does no I/O); web-tree-sitter finds its own runtime wasm beside its module.
 */
export class HclParser {
  private constructor(private readonly parser: Parser) {}

  static async create(grammar: Uint8Array, runtime?: { locateFile?: (name: string) => string }): Promise<HclParser> {
    await Parser.init(runtime?.locateFile ? { locateFile: runtime.locateFile } : undefined);
    const language = await Language.load(grammar);
    const parser = new Parser();
    parser.setLanguage(language);
    return new HclParser(parser);
  }

  /** Parses text; the caller must `delete()` the tree when done (it lives in wasm memory). */
  parse(text: string): Tree {
    const tree = this.parser.parse(text);
    if (!tree) throw new Error('tree-sitter returned no tree');
    return tree;
  }
}

/** The first syntax error in a tree, with a 1-based position. */
export function firstSyntaxError(root: Node): { line: number; column: number; message: string } | undefined {
  if (!root.hasError) return undefined;
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.isError || node.isMissing) {
      // Never quote the source: a broken line may hold a secret.
      const what = node.isMissing ? `missing ${node.type}` : 'unexpected input';
      return { line: node.startPosition.row + 1, column: node.startPosition.column + 1, message: `syntax error: ${what}` };
    }
    if (node.hasError) for (let i = node.childCount - 1; i >= 0; i--) stack.push(node.child(i)!);
  }
  return { line: root.startPosition.row + 1, column: 1, message: 'syntax error' };
}
