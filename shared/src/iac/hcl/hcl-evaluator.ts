import type { Node } from 'web-tree-sitter';
import { callFunction } from './hcl-functions';
import type { HclObject, HclValue } from './hcl-value';
import { isObject, isUnknown, Ref, Unknown } from './hcl-value';

/** What names resolve to while evaluating one module. */
export interface EvalScope {
  variable(name: string): HclValue;
  local(name: string): HclValue;
  moduleOutput(module: string, output: string): HclValue;
  /** Prefix for addresses in this module (`module.app.`), empty at the root. */
  prefix: string;
  /** Iterator values of enclosing `for` expressions, `count.index`, `each.key`. */
  iterators?: ReadonlyMap<string, HclValue>;
  /** Resource types are recognised by their provider prefix; any other root name is unknown. */
}

// Expressions nest deeper than this only in generated or hostile input.
const MAX_DEPTH = 200;

const named = (node: Node): Node[] => node.namedChildren.filter((c): c is Node => c !== null);

/** Evaluates an HCL expression node. Never throws: what cannot be known becomes Unknown with the reason. */
export function evaluate(node: Node, scope: EvalScope, depth = 0): HclValue {
  if (depth > MAX_DEPTH) return new Unknown('expression nested too deeply');
  const d = depth + 1;
  switch (node.type) {
    case 'expression':
      return evaluateChain(named(node), scope, d);
    case 'literal_value':
      return evaluate(named(node)[0]!, scope, d);
    case 'numeric_lit':
      return Number(node.text);
    case 'bool_lit':
      return node.text === 'true';
    case 'null_lit':
      return null;
    case 'string_lit':
    case 'quoted_template':
      return evaluateTemplate(named(node), scope, d);
    case 'template_expr':
      return evaluate(named(node)[0]!, scope, d);
    case 'heredoc_template':
      return evaluateHeredoc(node, scope, d);
    case 'collection_value':
      return evaluate(named(node)[0]!, scope, d);
    case 'tuple':
      return named(node).filter((c) => c.type === 'expression').map((c) => evaluate(c, scope, d));
    case 'object':
      return evaluateObject(node, scope, d);
    case 'function_call':
      return evaluateCall(node, scope, d);
    case 'operation':
      return evaluate(named(node)[0]!, scope, d);
    case 'unary_operation':
      // Operands are not wrapped in expression nodes: `-var.x` is '-', variable_expr, get_attr.
      return unary(node.child(0)?.type ?? '', evaluateChain(named(node), scope, d));
    case 'binary_operation': {
      const children = node.children.filter((c): c is Node => c !== null);
      const at = children.findIndex((c) => !c.isNamed);
      const op = children[at]?.type ?? '';
      const left = children.slice(0, at).filter((c) => c.isNamed);
      const right = children.slice(at + 1).filter((c) => c.isNamed);
      return binary(op, evaluateChain(left, scope, d), () => evaluateChain(right, scope, d));
    }
    case 'conditional': {
      const [cond, yes, no] = named(node);
      const c = evaluate(cond!, scope, d);
      if (c === true) return evaluate(yes!, scope, d);
      if (c === false) return evaluate(no!, scope, d);
      const a = evaluate(yes!, scope, d);
      const b = evaluate(no!, scope, d);
      if (!isUnknown(a) && JSON.stringify(a) === JSON.stringify(b)) return a;
      // The reason names the line, never the source text: a condition could compare against a secret literal.
      return new Unknown(`the condition on line ${node.startPosition.row + 1} cannot be decided here`);
    }
    case 'for_expr':
      return evaluateFor(named(node)[0]!, scope, d);
    case 'variable_expr':
      return evaluateChain([node], scope, d);
    default:
      return new Unknown(`unsupported expression (${node.type})`);
  }
}

function evaluateTemplate(parts: Node[], scope: EvalScope, depth: number): HclValue {
  let out = '';
  for (const part of parts) {
    switch (part.type) {
      case 'quoted_template_start':
      case 'quoted_template_end':
        break;
      case 'template_literal':
        out += part.text;
        break;
      case 'quoted_template':
        return evaluateTemplate(named(part), scope, depth);
      case 'template_interpolation': {
        const expr = named(part).find((c) => c.type === 'expression');
        const v = expr ? evaluate(expr, scope, depth) : new Unknown('empty interpolation');
        // A single interpolation keeps its type ("${var.count}" is a number in Terraform).
        if (parts.filter((p) => p.type !== 'quoted_template_start' && p.type !== 'quoted_template_end').length === 1) return v;
        if (isUnknown(v)) return v;
        if (typeof v === 'object' && v !== null) return new Unknown('a collection inside a string template');
        out += v === null ? '' : String(v);
        break;
      }
      default:
        return new Unknown('template directives (%{ }) are not evaluated');
    }
  }
  return out;
}

function evaluateHeredoc(node: Node, scope: EvalScope, depth: number): HclValue {
  const strip = node.child(0)?.text.includes('-') ?? false;
  const parts = named(node).filter((c) => c.type !== 'heredoc_start' && c.type !== 'heredoc_identifier');
  const value = evaluateTemplate(parts, scope, depth);
  if (typeof value !== 'string' || !strip) return value;
  // `<<-` removes the smallest common indentation.
  const lines = value.split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}

function evaluateObject(node: Node, scope: EvalScope, depth: number): HclValue {
  const out: HclObject = {};
  for (const elem of named(node)) {
    if (elem.type !== 'object_elem') continue;
    const [keyNode, valueNode] = named(elem).filter((c) => c.type === 'expression');
    if (!keyNode || !valueNode) continue;
    const keyChildren = named(keyNode);
    // A bare identifier key is the key itself, not a variable.
    const key = keyChildren.length === 1 && keyChildren[0]!.type === 'variable_expr' ? keyChildren[0]!.text : evaluate(keyNode, scope, depth);
    if (typeof key !== 'string') return new Unknown('an object key that is not known');
    out[key] = evaluate(valueNode, scope, depth);
  }
  return out;
}

function evaluateCall(node: Node, scope: EvalScope, depth: number): HclValue {
  const name = named(node).find((c) => c.type === 'identifier')?.text ?? '';
  const argsNode = named(node).find((c) => c.type === 'function_arguments');
  const argNodes = argsNode ? named(argsNode).filter((c) => c.type === 'expression') : [];
  const expand = argsNode?.children.some((c) => c?.type === 'ellipsis' || c?.text === '...') ?? false;
  // try() and can() must not evaluate arguments eagerly into failures; unknowns are enough here.
  const args = argNodes.map((a) => evaluate(a, scope, depth));
  if (expand) {
    const last = args.pop();
    if (!Array.isArray(last)) return new Unknown(`${name}(...) with an unknown expansion`);
    args.push(...last);
  }
  return callFunction(name, args);
}

function evaluateFor(node: Node, scope: EvalScope, depth: number): HclValue {
  const intro = named(node).find((c) => c.type === 'for_intro');
  if (!intro) return new Unknown('malformed for expression');
  const ids = named(intro).filter((c) => c.type === 'identifier').map((c) => c.text);
  const collection = evaluate(named(intro).find((c) => c.type === 'expression')!, scope, depth);
  if (isUnknown(collection)) return collection;
  const bodies = named(node).filter((c) => c.type === 'expression');
  const cond = named(node).find((c) => c.type === 'for_cond');
  const entries: [HclValue, HclValue][] = Array.isArray(collection)
    ? collection.map((v, i) => [i, v])
    : isObject(collection)
      ? Object.entries(collection)
      : [];
  const isObjectFor = node.type === 'for_object_expr';
  const tupleOut: HclValue[] = [];
  const objectOut: HclObject = {};
  for (const [k, v] of entries) {
    const iterators = new Map(scope.iterators ?? []);
    if (ids.length === 2) {
      iterators.set(ids[0]!, k);
      iterators.set(ids[1]!, v);
    } else if (ids[0]) iterators.set(ids[0], v);
    const inner: EvalScope = { ...scope, iterators };
    if (cond) {
      const c = evaluate(named(cond).find((x) => x.type === 'expression')!, inner, depth);
      if (isUnknown(c)) return new Unknown('a for expression filtered by an unknown condition');
      if (c !== true) continue;
    }
    if (isObjectFor) {
      const key = evaluate(bodies[0]!, inner, depth);
      if (typeof key !== 'string') return new Unknown('a for expression with an unknown key');
      objectOut[key] = evaluate(bodies[1]!, inner, depth);
    } else {
      tupleOut.push(evaluate(bodies[0]!, inner, depth));
    }
  }
  return isObjectFor ? objectOut : tupleOut;
}

/** A variable expression followed by attribute accesses, indexes and splats. */
function evaluateChain(parts: Node[], scope: EvalScope, depth: number): HclValue {
  const [head, ...rest] = parts;
  if (!head) return new Unknown('empty expression');
  if (head.type !== 'variable_expr') {
    if (head.type === '(' || head.type === 'expression') return applyPostfix(evaluate(head, scope, depth), rest, scope, depth);
    return applyPostfix(evaluate(head, scope, depth), rest, scope, depth);
  }
  const root = head.text;
  const attrs = rest.map((p) => (p.type === 'get_attr' ? named(p).find((c) => c.type === 'identifier')?.text : undefined));
  const iterator = scope.iterators?.get(root);
  if (iterator !== undefined) return applyPostfix(iterator, rest, scope, depth);
  switch (root) {
    case 'var':
      return attrs[0] ? applyPostfix(scope.variable(attrs[0]), rest.slice(1), scope, depth) : new Unknown('var without a name');
    case 'local':
      return attrs[0] ? applyPostfix(scope.local(attrs[0]), rest.slice(1), scope, depth) : new Unknown('local without a name');
    case 'module':
      return attrs[0] && attrs[1]
        ? applyPostfix(scope.moduleOutput(attrs[0], attrs[1]), rest.slice(2), scope, depth)
        : new Unknown('a module reference without an output');
    case 'data':
      return attrs[0] && attrs[1]
        ? new Ref(`${scope.prefix}data.${attrs[0]}.${attrs[1]}`, attrs.slice(2).filter((a): a is string => !!a))
        : new Unknown('a data reference without a name');
    case 'count':
      return new Unknown('count.index differs per instance');
    case 'each':
      return new Unknown('each.key / each.value differ per instance');
    case 'path':
    case 'terraform':
    case 'self':
      return new Unknown(`${root}.${attrs[0] ?? ''} is known only at plan time`);
    default:
      if (root.includes('_') && attrs[0]) {
        return new Ref(`${scope.prefix}${root}.${attrs[0]}`, attrs.slice(1).filter((a): a is string => !!a));
      }
      return new Unknown(`unknown name ${root}`);
  }
}

function applyPostfix(value: HclValue, postfix: Node[], scope: EvalScope, depth: number): HclValue {
  let v = value;
  for (const p of postfix) {
    if (isUnknown(v)) return v;
    if (p.type === 'get_attr') {
      const key = named(p).find((c) => c.type === 'identifier')?.text ?? '';
      v = isObject(v) && key in v ? v[key]! : new Unknown(`no attribute ${key}`);
    } else if (p.type === 'index') {
      const inner = named(p)[0];
      const indexExpr = inner ? named(inner).find((c) => c.type === 'expression') : undefined;
      const legacy = inner?.type === 'legacy_index' ? Number(inner.text.slice(1)) : undefined;
      const key = indexExpr ? evaluate(indexExpr, scope, depth) : legacy;
      if (key === undefined || isUnknown(key)) return new Unknown('an unknown index');
      if (Array.isArray(v) && typeof key === 'number') v = v[key] ?? new Unknown(`index ${key} out of range`);
      else if (isObject(v) && typeof key === 'string') v = v[key] ?? new Unknown(`no key ${key}`);
      else return new Unknown('an index into a value that has none');
    } else {
      return new Unknown('splat expressions are not evaluated');
    }
  }
  return v;
}

function unary(op: string, v: HclValue): HclValue {
  if (isUnknown(v)) return v;
  if (op === '!' && typeof v === 'boolean') return !v;
  if (op === '-' && typeof v === 'number') return -v;
  return new Unknown(`cannot apply ${op}`);
}

function binary(op: string, left: HclValue, rightThunk: () => HclValue): HclValue {
  // Short-circuit the logical operators so an unknown right side does not hide a known answer.
  if (op === '&&' && left === false) return false;
  if (op === '||' && left === true) return true;
  const right = rightThunk();
  if (isUnknown(left)) return left;
  if (isUnknown(right)) return right;
  switch (op) {
    case '==':
      return JSON.stringify(left) === JSON.stringify(right);
    case '!=':
      return JSON.stringify(left) !== JSON.stringify(right);
    case '&&':
      return left === true && right === true;
    case '||':
      return left === true || right === true;
  }
  if (typeof left !== 'number' || typeof right !== 'number') return new Unknown(`cannot apply ${op} to non-numbers`);
  switch (op) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      return left / right;
    case '%':
      return left % right;
    case '<':
      return left < right;
    case '>':
      return left > right;
    case '<=':
      return left <= right;
    case '>=':
      return left >= right;
    default:
      return new Unknown(`unknown operator ${op}`);
  }
}
