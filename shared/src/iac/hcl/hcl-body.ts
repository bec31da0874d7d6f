import type { Node } from 'web-tree-sitter';
import type { Location } from '../../model/finding';

/** An HCL attribute: its name and the unevaluated expression node. */
export interface HclAttribute {
  name: string;
  expr: Node;
  location: Location;
}

/** An HCL block (`resource "aws_instance" "web" { ... }`). */
export interface HclBlock {
  type: string;
  labels: string[];
  body: HclBody;
  /** The block header line to the closing brace. */
  location: Location;
  /** The node, to test for syntax errors inside. */
  node: Node;
}

export interface HclBody {
  attributes: Map<string, HclAttribute>;
  blocks: HclBlock[];
}

export function locationOf(path: string, node: Node): Location {
  return {
    path,
    startLine: node.startPosition.row + 1,
    startColumn: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1,
  };
}

/** The text of a quoted label or a bare identifier. */
function labelText(node: Node): string {
  if (node.type === 'identifier') return node.text;
  const literal = node.namedChildren.find((c) => c?.type === 'template_literal');
  return literal?.text ?? '';
}

/**
 * Reads a `body` node into attributes and blocks, lazily: a nested body is read only when something asks for
 * it. Creating tree-sitter node wrappers is the main cost of a Terraform scan, and most blocks are never read.
 */
export function readBody(path: string, body: Node | null): HclBody {
  return new LazyBody(path, body);
}

class LazyBody implements HclBody {
  #attributes: Map<string, HclAttribute> | undefined;
  #blocks: HclBlock[] | undefined;

  constructor(
    private readonly path: string,
    private readonly node: Node | null,
  ) {}

  get attributes(): Map<string, HclAttribute> {
    if (!this.#attributes) this.#read();
    return this.#attributes!;
  }

  get blocks(): HclBlock[] {
    if (!this.#blocks) this.#read();
    return this.#blocks!;
  }

  #read(): void {
    this.#attributes = new Map();
    this.#blocks = [];
    if (!this.node) return;
    const path = this.path;
    for (const child of this.node.namedChildren) {
      if (!child) continue;
      if (child.type === 'attribute') {
        const name = child.firstNamedChild;
        const expr = child.lastNamedChild;
        if (name?.type === 'identifier' && expr?.type === 'expression') {
          this.#attributes.set(name.text, { name: name.text, expr, location: locationOf(path, child) });
        }
      } else if (child.type === 'block') {
        const named = child.namedChildren.filter((c): c is Node => c !== null);
        const type = named[0]?.type === 'identifier' ? named[0].text : '';
        const labels = named.slice(1).filter((c) => c.type === 'string_lit' || c.type === 'identifier').map(labelText);
        const inner = named.find((c) => c.type === 'body') ?? null;
        this.#blocks.push({ type, labels, body: new LazyBody(path, inner), location: locationOf(path, child), node: child });
      }
    }
  }
}
