import type { Tree } from 'web-tree-sitter';
import type { ScanError } from '../../model/report';
import type { HclAttribute, HclBlock, HclBody } from '../hcl/hcl-body';
import { readBody } from '../hcl/hcl-body';
import type { EvalScope } from '../hcl/hcl-evaluator';
import { evaluate } from '../hcl/hcl-evaluator';
import type { HclParser } from '../hcl/hcl-parser';
import { firstSyntaxError } from '../hcl/hcl-parser';
import type { HclValue } from '../hcl/hcl-value';
import { Unknown } from '../hcl/hcl-value';

export interface SourceFile {
  /** POSIX path relative to the scan root. */
  path: string;
  text: string;
}

/** A resource, data source or provider block, evaluated in the scope of its module instance. */
export interface TerraformBlock {
  /** `module` is a call of a module that is not in the scanned tree (a registry or git source). */
  kind: 'resource' | 'data' | 'provider' | 'module';
  type: string;
  name: string;
  /** `module.app.aws_instance.web`, `data.aws_ami.ubuntu`, `provider.aws`. */
  address: string;
  block: HclBlock;
  scope: EvalScope;
}

interface ModuleDir {
  dir: string;
  variables: Map<string, HclBlock>;
  locals: Map<string, HclAttribute>;
  outputs: Map<string, HclBlock>;
  modules: Map<string, HclBlock>;
  blocks: { kind: TerraformBlock['kind']; block: HclBlock }[];
}

const dirname = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const MAX_MODULE_DEPTH = 16;
const LOCAL_SOURCE = /\bsource\s*=\s*"(\.\.?\/[^"]*)"/g;

/** Joins and normalises POSIX paths (`a/b` + `../c` → `a/c`); undefined when it leaves the root. */
function joinPath(dir: string, rel: string): string | undefined {
  const out: string[] = dir ? dir.split('/') : [];
  for (const part of rel.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (!out.length) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

function isTfvars(path: string): boolean {
  return /\.tfvars$/.test(path);
}

/**
 * Loads Terraform from source files: groups them into module directories, evaluates variables (defaults,
 * `terraform.tfvars`, `*.auto.tfvars`, other `*.tfvars` when they agree), locals and local module calls, and
 * returns every resource, data and provider block with its scope. Syntax errors become ScanErrors; the blocks
 * around them are still used.
 */
export class TerraformLoader {
  readonly errors: ScanError[] = [];
  readonly #trees: Tree[] = [];
  readonly #dirs = new Map<string, ModuleDir>();
  readonly #tfvars = new Map<string, { path: string; auto: boolean; values: Map<string, HclValue> }[]>();

  readonly #files = new Map<string, SourceFile[]>();
  readonly #tfvarsFiles = new Map<string, SourceFile[]>();

  /**
   * Files are grouped by directory here and parsed only when a module needs them, so that the syntax trees of
   * one root module can be freed before the next is read.
   * @param relevant a cheap text test: files that can hold nothing the checks read (no variables, locals,
   * modules, outputs, providers or resource types with an adapter) are not parsed at all.
   */
  constructor(
    private readonly parser: HclParser,
    files: readonly SourceFile[],
    private readonly relevant: (text: string) => boolean = () => true,
  ) {
    for (const file of files) {
      const target = file.path.endsWith('.tf') ? this.#files : isTfvars(file.path) ? this.#tfvarsFiles : undefined;
      if (!target) continue;
      const dir = dirname(file.path);
      target.set(dir, [...(target.get(dir) ?? []), file]);
    }
  }

  /** Frees the syntax trees parsed so far (they live in wasm memory); they are parsed again if needed. */
  release(): void {
    for (const t of this.#trees) t.delete();
    this.#trees.length = 0;
    this.#dirs.clear();
    this.#tfvars.clear();
  }

  /** Frees everything. */
  dispose(): void {
    this.release();
  }

  #parse(file: SourceFile): HclBody | undefined {
    let tree: Tree;
    try {
      tree = this.parser.parse(file.text);
    } catch (error) {
      this.errors.push({ path: file.path, message: `could not parse: ${(error as Error).message}` });
      return undefined;
    }
    this.#trees.push(tree);
    const problem = firstSyntaxError(tree.rootNode);
    if (problem) this.errors.push({ path: file.path, line: problem.line, column: problem.column, message: problem.message });
    const body = tree.rootNode.namedChildren.find((c) => c?.type === 'body') ?? null;
    return readBody(file.path, body);
  }

  /** The parsed module in a directory, parsing its files on first use; undefined when it has no .tf files. */
  #dir(dir: string): ModuleDir | undefined {
    let m = this.#dirs.get(dir);
    if (m) return m;
    const files = this.#files.get(dir);
    if (!files) return undefined;
    m = { dir, variables: new Map(), locals: new Map(), outputs: new Map(), modules: new Map(), blocks: [] };
    this.#dirs.set(dir, m);
    for (const file of files) if (this.relevant(file.text)) this.#addTf(m, file);
    for (const file of this.#tfvarsFiles.get(dir) ?? []) this.#addTfvars(file);
    return m;
  }

  #addTf(m: ModuleDir, file: SourceFile): void {
    const body = this.#parse(file);
    if (!body) return;
    for (const block of body.blocks) {
      // A block with a syntax error inside is skipped whole: half a resource would mislead the checks.
      if (block.node.hasError) continue;
      const [a, b] = block.labels;
      switch (block.type) {
        case 'variable':
          if (a) m.variables.set(a, block);
          break;
        case 'locals':
          for (const [name, attr] of block.body.attributes) m.locals.set(name, attr);
          break;
        case 'output':
          if (a) m.outputs.set(a, block);
          break;
        case 'module':
          if (a) m.modules.set(a, block);
          break;
        case 'resource':
        case 'data':
          if (a && b) m.blocks.push({ kind: block.type, block });
          break;
        case 'provider':
          if (a) m.blocks.push({ kind: 'provider', block });
          break;
      }
    }
  }

  #addTfvars(file: SourceFile): void {
    const body = this.#parse(file);
    if (!body) return;
    const values = new Map<string, HclValue>();
    const empty: EvalScope = {
      prefix: '',
      variable: () => new Unknown('variables cannot be used in tfvars'),
      local: () => new Unknown('locals cannot be used in tfvars'),
      moduleOutput: () => new Unknown('modules cannot be used in tfvars'),
    };
    for (const [name, attr] of body.attributes) values.set(name, evaluate(attr.expr, empty));
    const name = file.path.slice(file.path.lastIndexOf('/') + 1);
    const auto = name === 'terraform.tfvars' || name.endsWith('.auto.tfvars');
    const list = this.#tfvars.get(dirname(file.path)) ?? [];
    list.push({ path: file.path, auto, values });
    this.#tfvars.set(dirname(file.path), list);
  }

  /** Module directories that no other scanned directory calls as a local module (found without parsing). */
  roots(): string[] {
    const called = new Set<string>();
    for (const [dir, files] of this.#files) {
      for (const file of files) {
        for (const m of file.text.matchAll(LOCAL_SOURCE)) {
          const target = joinPath(dir, m[1]!);
          if (target !== undefined && target !== dir && this.#files.has(target)) called.add(target);
        }
      }
    }
    return [...this.#files.keys()].filter((d) => !called.has(d)).sort();
  }

  /** Every resource, data and provider block of a root module and the local modules it calls. */
  module(root: string): TerraformBlock[] {
    const blocks: TerraformBlock[] = [];
    this.#instantiate(root, '', undefined, blocks, 0, new Set([root]));
    return blocks;
  }

  #localSource(dir: string, call: HclBlock): string | undefined {
    const source = call.body.attributes.get('source');
    if (!source) return undefined;
    const text = source.expr.text.replace(/^"|"$/g, '');
    if (!text.startsWith('./') && !text.startsWith('../')) return undefined;
    const target = joinPath(dir, text);
    return target !== undefined && this.#files.has(target) ? target : undefined;
  }

  #rootVariable(dir: string, name: string, declared: HclBlock | undefined): HclValue {
    const files = this.#tfvars.get(dir) ?? [];
    const auto = files.filter((f) => f.auto && f.values.has(name));
    if (auto.length) return auto[auto.length - 1]!.values.get(name)!;
    const others = files.filter((f) => !f.auto && f.values.has(name));
    if (others.length) {
      const distinct = new Set(others.map((f) => JSON.stringify(f.values.get(name))));
      if (distinct.size === 1) return others[0]!.values.get(name)!;
      return new Unknown(`var.${name} differs between ${others.map((f) => f.path).join(' and ')}`);
    }
    return this.#defaultOf(name, declared);
  }

  #defaultOf(name: string, declared: HclBlock | undefined): HclValue {
    const def = declared?.body.attributes.get('default');
    if (!def) return new Unknown(`var.${name} has no default and no value in a tfvars file`);
    return evaluate(def.expr, {
      prefix: '',
      variable: () => new Unknown('a default cannot use variables'),
      local: () => new Unknown('a default cannot use locals'),
      moduleOutput: () => new Unknown('a default cannot use modules'),
    });
  }

  #instantiate(
    dir: string,
    prefix: string,
    inputs: ((name: string) => HclValue | undefined) | undefined,
    out: TerraformBlock[],
    depth: number,
    stack: Set<string>,
  ): EvalScope {
    const m = this.#dir(dir)!;
    const localCache = new Map<string, HclValue>();
    const inProgress = new Set<string>();
    const children = new Map<string, EvalScope>();
    const scope: EvalScope = {
      prefix,
      variable: (name) => {
        if (inputs) {
          const given = inputs(name);
          if (given !== undefined) return given;
          return this.#defaultOf(name, m.variables.get(name));
        }
        return this.#rootVariable(dir, name, m.variables.get(name));
      },
      local: (name) => {
        const cached = localCache.get(name);
        if (cached !== undefined) return cached;
        const attr = m.locals.get(name);
        if (!attr) return new Unknown(`local.${name} is not defined`);
        if (inProgress.has(name)) return new Unknown(`local.${name} refers to itself`);
        inProgress.add(name);
        const value = evaluate(attr.expr, scope);
        inProgress.delete(name);
        localCache.set(name, value);
        return value;
      },
      moduleOutput: (module, output) => {
        const child = children.get(module);
        if (!child) return new Unknown(`module.${module} is not a local module scanned here`);
        const target = this.#localSource(dir, m.modules.get(module)!);
        const block = target ? this.#dir(target)?.outputs.get(output) : undefined;
        const value = block?.body.attributes.get('value');
        return value ? evaluate(value.expr, child) : new Unknown(`module.${module} has no output ${output}`);
      },
    };

    // Modules first, so outputs resolve when resources are checked.
    for (const [name, call] of m.modules) {
      const target = this.#localSource(dir, call);
      if (target === undefined) {
        // A remote module: well-known ones are adapted from their inputs.
        const source = call.body.attributes.get('source')?.expr.text.replace(/^"|"$/g, '') ?? '';
        out.push({ kind: 'module', type: source, name, address: `${prefix}module.${name}`, block: call, scope });
        continue;
      }
      if (depth >= MAX_MODULE_DEPTH || stack.has(target)) continue;
      const args = call.body.attributes;
      const childInputs = (input: string): HclValue | undefined => {
        const attr = args.get(input);
        return attr ? evaluate(attr.expr, scope) : undefined;
      };
      stack.add(target);
      children.set(name, this.#instantiate(target, `${prefix}module.${name}.`, childInputs, out, depth + 1, stack));
      stack.delete(target);
    }

    for (const { kind, block } of m.blocks) {
      const [type = '', name = ''] = block.labels;
      // count = 0 or an empty for_each removes the resource; otherwise it is checked once for all instances.
      const count = block.body.attributes.get('count');
      if (count && evaluate(count.expr, scope) === 0) continue;
      const forEach = block.body.attributes.get('for_each');
      if (forEach) {
        const v = evaluate(forEach.expr, scope);
        if ((Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown) && Object.keys(v).length === 0)) continue;
      }
      const address = kind === 'provider' ? `${prefix}provider.${type}${block.body.attributes.has('alias') ? `.${block.body.attributes.get('alias')!.expr.text.replace(/"/g, '')}` : ''}` : `${prefix}${kind === 'data' ? 'data.' : ''}${type}.${name}`;
      out.push({ kind, type, name: kind === 'provider' ? type : name, address, block, scope });
    }
    return scope;
  }
}
