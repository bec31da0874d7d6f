import type { CfnMap, CfnNode, CfnScalarValue, Span } from './cfn-node';
import { entryOf } from './cfn-node';
import type { CfnTemplate } from './cfn-template';

/** A value that cannot be known from the template alone. */
export interface ResolvedUnknown {
  kind: 'unknown';
  /** Why, for the user: `parameter InstanceType has no Default`. */
  reason: string;
  span: Span;
  /** The logical id when the value is a reference to a resource of the template (`Ref`, `Fn::GetAtt`). */
  target?: string;
  /**
   * For a string made only of known text and references to resources or pseudo parameters, the string with
   * `${...}` placeholders (`arn:aws:s3:::${Bucket}/*`): its shape is known though its value is not. Absent when
   * the value could be anything (a parameter without default, an undecidable condition, an import).
   */
  text?: string;
}

export interface ResolvedEntry {
  key: string;
  keySpan: Span;
  value: Resolved;
}

/** A template node with its intrinsic functions evaluated as far as the template allows. */
export type Resolved =
  | { kind: 'value'; value: CfnScalarValue; span: Span }
  | { kind: 'list'; items: Resolved[]; span: Span }
  | { kind: 'map'; entries: ResolvedEntry[]; span: Span }
  | ResolvedUnknown
  /** `Ref: AWS::NoValue`: the property is removed. */
  | { kind: 'novalue'; span: Span };

/** A condition: true, false, or undecidable with the reason. */
export type Decision = { known: true; value: boolean } | { known: false; reason: string };

/** Pseudo parameters: known only when the stack is deployed (CloudFormation user guide, "Pseudo parameters"). */
const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

// Guards against mappings or conditions that refer to themselves through intrinsics.
const MAX_DEPTH = 256;
// `{{resolve:ssm:name}}`, `{{resolve:secretsmanager:...}}`: replaced by CloudFormation at deploy time.
const DYNAMIC_REFERENCE = /\{\{resolve:[^}]*\}\}/;

function isIntrinsic(node: CfnMap): boolean {
  if (node.entries.length !== 1) return false;
  const key = node.entries[0]!.key;
  return key === 'Ref' || key.startsWith('Fn::');
}

function scalarText(value: CfnScalarValue): string {
  return value === null ? '' : String(value);
}

/** Same value, whatever the positions: known values equal, or unknowns with the same shape. */
export function sameValue(a: Resolved, b: Resolved): boolean {
  switch (a.kind) {
    case 'value':
      return b.kind === 'value' && a.value === b.value;
    case 'novalue':
      return b.kind === 'novalue';
    case 'unknown':
      return b.kind === 'unknown' && a.text !== undefined && a.text === b.text && a.target === b.target;
    case 'list':
      return b.kind === 'list' && a.items.length === b.items.length && a.items.every((item, i) => sameValue(item, b.items[i]!));
    case 'map':
      return (
        b.kind === 'map' &&
        a.entries.length === b.entries.length &&
        a.entries.every((e, i) => b.entries[i]!.key === e.key && sameValue(e.value, b.entries[i]!.value))
      );
  }
}

/** A string built from parts (Fn::Sub, Fn::Join): known when every part is known. */
function concatenate(parts: readonly (string | ResolvedUnknown)[], span: Span): Resolved {
  const unknowns = parts.filter((p): p is ResolvedUnknown => typeof p !== 'string');
  if (unknowns.length === 0) return { kind: 'value', value: parts.filter((p) => typeof p === 'string').join(''), span };
  const opaque = unknowns.find((u) => u.text === undefined);
  if (opaque) return { kind: 'unknown', reason: opaque.reason, span };
  const result: ResolvedUnknown = {
    kind: 'unknown',
    reason: unknowns[0]!.reason,
    span,
    text: parts.map((p) => (typeof p === 'string' ? p : p.text!)).join(''),
  };
  const only = parts.filter((p) => p !== '');
  if (only.length === 1 && typeof only[0] !== 'string' && only[0]!.target !== undefined) result.target = only[0]!.target;
  return result;
}

function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Evaluates intrinsic functions against the template's own knowledge: parameter defaults, mappings, conditions.
 * What depends on the deployment (resource ids, pseudo parameters, parameters without default) stays unknown,
 * with the reason.
 */
export class CfnEvaluator {
  readonly #parameters: CfnMap | undefined;
  readonly #mappings: CfnMap | undefined;
  readonly #conditions: CfnMap | undefined;
  /** Logical id → type (empty string when the resource has no valid Type). */
  readonly #resources = new Map<string, string>();
  readonly #decisions = new Map<string, Decision>();
  readonly #deciding = new Set<string>();

  constructor(template: CfnTemplate) {
    const section = (name: string): CfnMap | undefined => {
      const value = entryOf(template.root, name)?.value;
      return value?.kind === 'map' ? value : undefined;
    };
    this.#parameters = section('Parameters');
    this.#mappings = section('Mappings');
    this.#conditions = section('Conditions');
    for (const e of section('Resources')?.entries ?? []) this.#resources.set(e.key, '');
    for (const r of template.resources) this.#resources.set(r.logicalId, r.type);
  }

  /** The type of a resource of the template, or undefined when there is no such logical id. */
  resourceType(logicalId: string): string | undefined {
    return this.#resources.get(logicalId);
  }

  resolve(node: CfnNode, depth = 0): Resolved {
    if (depth > MAX_DEPTH) return { kind: 'unknown', reason: 'the expression nests too deeply to evaluate', span: node.span };
    switch (node.kind) {
      case 'scalar':
        return this.#literal(node.value, node.span);
      case 'seq': {
        const items = node.items.map((item) => this.resolve(item, depth + 1)).filter((r) => r.kind !== 'novalue');
        return { kind: 'list', items, span: node.span };
      }
      case 'map': {
        if (isIntrinsic(node)) {
          const { key, value } = node.entries[0]!;
          const result = this.#intrinsic(key, value, node.span, depth + 1);
          // The result sits where the function is written (a parameter's Default is elsewhere), except Fn::If,
          // whose chosen branch is already at its own place.
          return key === 'Fn::If' ? result : { ...result, span: node.span };
        }
        const entries = node.entries
          .map((e) => ({ key: e.key, keySpan: e.keySpan, value: this.resolve(e.value, depth + 1) }))
          .filter((e) => e.value.kind !== 'novalue');
        return { kind: 'map', entries, span: node.span };
      }
    }
  }

  /** Decides a named condition of the `Conditions` section. */
  condition(name: string, depth = 0): Decision {
    const cached = this.#decisions.get(name);
    if (cached) return cached;
    const node = this.#conditions ? entryOf(this.#conditions, name)?.value : undefined;
    if (!node) return { known: false, reason: `condition ${name} is not defined in Conditions` };
    if (this.#deciding.has(name)) return { known: false, reason: `condition ${name} refers to itself` };
    this.#deciding.add(name);
    const decision = this.#decide(node, depth + 1);
    this.#deciding.delete(name);
    this.#decisions.set(name, decision);
    return decision;
  }

  #literal(value: CfnScalarValue, span: Span): Resolved {
    if (typeof value === 'string') {
      const dynamic = DYNAMIC_REFERENCE.exec(value);
      if (dynamic) return { kind: 'unknown', reason: `dynamic reference ${dynamic[0]} is resolved at deploy time`, span };
    }
    return { kind: 'value', value, span };
  }

  #unknown(reason: string, span: Span, extra: { target?: string; text?: string } = {}): ResolvedUnknown {
    return { kind: 'unknown', reason, span, ...extra };
  }

  /** A string argument of a function: known text, or the unknown that prevents it. */
  #string(node: CfnNode, depth: number): string | ResolvedUnknown {
    const r = this.resolve(node, depth);
    if (r.kind === 'value') return scalarText(r.value);
    if (r.kind === 'unknown') return r;
    return this.#unknown(`expected a string, found ${r.kind === 'novalue' ? 'AWS::NoValue' : `a ${r.kind}`}`, node.span);
  }

  #args(value: CfnNode, fn: string, count: number, span: Span): CfnNode[] | ResolvedUnknown {
    if (value.kind !== 'seq' || value.items.length < count) return this.#unknown(`${fn} needs a list of ${count} arguments`, span);
    return value.items;
  }

  #intrinsic(fn: string, arg: CfnNode, span: Span, depth: number): Resolved {
    switch (fn) {
      case 'Ref':
        return arg.kind === 'scalar' && typeof arg.value === 'string' ? this.#ref(arg.value, span) : this.#unknown('Ref needs a name', span);
      case 'Fn::GetAtt':
        return this.#getAtt(arg, span, depth);
      case 'Fn::Sub':
        return this.#sub(arg, span, depth);
      case 'Fn::Join':
        return this.#join(arg, span, depth);
      case 'Fn::Select':
        return this.#select(arg, span, depth);
      case 'Fn::Split':
        return this.#split(arg, span, depth);
      case 'Fn::If':
        return this.#if(arg, span, depth);
      case 'Fn::FindInMap':
        return this.#findInMap(arg, span, depth);
      case 'Fn::Base64': {
        const text = this.#string(arg, depth);
        return typeof text === 'string' ? { kind: 'value', value: base64(text), span } : text;
      }
      case 'Fn::Equals':
      case 'Fn::Not':
      case 'Fn::And':
      case 'Fn::Or': {
        const decision = this.#decide({ kind: 'map', entries: [{ key: fn, keySpan: span, value: arg }], span }, depth);
        return decision.known ? { kind: 'value', value: decision.value, span } : this.#unknown(decision.reason, span);
      }
      case 'Fn::GetAZs':
        return this.#unknown("Fn::GetAZs lists the region's Availability Zones at deploy time", span);
      case 'Fn::ImportValue': {
        const name = this.#string(arg, depth);
        const what = typeof name === 'string' ? ` ${name}` : '';
        return this.#unknown(`Fn::ImportValue${what} is read from another stack at deploy time`, span);
      }
      case 'Fn::Transform': {
        const name = arg.kind === 'map' ? entryOf(arg, 'Name')?.value : undefined;
        const what = name?.kind === 'scalar' && typeof name.value === 'string' ? ` ${name.value}` : '';
        return this.#unknown(`Fn::Transform runs the macro${what} at deploy time`, span);
      }
      case 'Fn::Cidr':
        return this.#unknown('Fn::Cidr is not evaluated', span);
      default:
        return this.#unknown(`the intrinsic function ${fn} is not supported`, span);
    }
  }

  #ref(name: string, span: Span): Resolved {
    if (name === 'AWS::NoValue') return { kind: 'novalue', span };
    if (PSEUDO_PARAMETERS.has(name)) return this.#unknown(`pseudo parameter ${name} is known only at deploy time`, span, { text: `\${${name}}` });
    const parameter = this.#parameters ? entryOf(this.#parameters, name)?.value : undefined;
    if (parameter) return this.#parameter(name, parameter, span);
    if (this.#resources.has(name)) {
      return this.#unknown(`Ref to resource ${name} is known only at deploy time`, span, { target: name, text: `\${${name}}` });
    }
    return this.#unknown(`Ref to ${name}, which is not a parameter or resource of this template`, span);
  }

  #parameter(name: string, parameter: CfnNode, span: Span): Resolved {
    if (parameter.kind !== 'map') return this.#unknown(`parameter ${name} is malformed`, span);
    const typeNode = entryOf(parameter, 'Type')?.value;
    const type = typeNode?.kind === 'scalar' && typeof typeNode.value === 'string' ? typeNode.value : 'String';
    const defaultNode = entryOf(parameter, 'Default')?.value;
    if (!defaultNode || (defaultNode.kind === 'scalar' && defaultNode.value === null)) {
      return this.#unknown(`parameter ${name} has no Default`, span);
    }
    if (type.startsWith('AWS::SSM::Parameter::Value<')) {
      const where = defaultNode.kind === 'scalar' ? ` ${scalarText(defaultNode.value)}` : '';
      return this.#unknown(`parameter ${name} is read from the SSM parameter${where} at deploy time`, span);
    }
    const isList = type === 'CommaDelimitedList' || type.startsWith('List<');
    if (defaultNode.kind === 'scalar') {
      const text = scalarText(defaultNode.value);
      if (!isList) return this.#literal(text, span);
      // CloudFormation trims the members of a comma-delimited list ("Parameters" in the user guide).
      return { kind: 'list', items: text.split(',').map((item) => this.#literal(item.trim(), span)), span };
    }
    if (defaultNode.kind === 'seq' && defaultNode.items.every((i) => i.kind === 'scalar')) {
      return { kind: 'list', items: defaultNode.items.map((i) => this.#literal(i.kind === 'scalar' ? scalarText(i.value) : '', span)), span };
    }
    return this.#unknown(`the Default of parameter ${name} is not a string`, span);
  }

  #getAtt(arg: CfnNode, span: Span, depth: number): Resolved {
    let id: string | undefined;
    let attribute: string | ResolvedUnknown | undefined;
    if (arg.kind === 'scalar' && typeof arg.value === 'string' && arg.value.includes('.')) {
      const dot = arg.value.indexOf('.');
      id = arg.value.slice(0, dot);
      attribute = arg.value.slice(dot + 1);
    } else if (arg.kind === 'seq' && arg.items.length === 2 && arg.items[0]!.kind === 'scalar') {
      id = scalarText(arg.items[0]!.value);
      attribute = this.#string(arg.items[1]!, depth);
    }
    if (id === undefined || attribute === undefined) return this.#unknown('Fn::GetAtt needs a logical id and an attribute', span);
    if (!this.#resources.has(id)) return this.#unknown(`Fn::GetAtt refers to ${id}, which is not a resource of this template`, span);
    if (typeof attribute !== 'string') return this.#unknown(`Fn::GetAtt of ${id}: ${attribute.reason}`, span, { target: id });
    return this.#unknown(`Fn::GetAtt ${id}.${attribute} is known only at deploy time`, span, { target: id, text: `\${${id}.${attribute}}` });
  }

  #sub(arg: CfnNode, span: Span, depth: number): Resolved {
    let template: CfnNode = arg;
    let variables: CfnMap | undefined;
    if (arg.kind === 'seq') {
      const [first, second] = arg.items;
      if (!first || (second && second.kind !== 'map')) return this.#unknown('Fn::Sub needs a string and a map of variables', span);
      template = first;
      variables = second?.kind === 'map' ? second : undefined;
    }
    if (template.kind !== 'scalar' || typeof template.value !== 'string') return this.#unknown('Fn::Sub needs a string', span);
    const text = template.value;
    const parts: (string | ResolvedUnknown)[] = [];
    let last = 0;
    for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
      parts.push(text.slice(last, match.index));
      last = match.index + match[0].length;
      const name = match[1]!.trim();
      // `${!Literal}` writes `${Literal}` (Fn::Sub reference).
      if (name.startsWith('!')) {
        parts.push(`\${${name.slice(1)}}`);
        continue;
      }
      parts.push(this.#subVariable(name, variables, span, depth));
    }
    parts.push(text.slice(last));
    const result = concatenate(parts, span);
    return result.kind === 'value' ? this.#literal(result.value, span) : result;
  }

  #subVariable(name: string, variables: CfnMap | undefined, span: Span, depth: number): string | ResolvedUnknown {
    const variable = variables ? entryOf(variables, name)?.value : undefined;
    let resolved: Resolved;
    if (variable) resolved = this.resolve(variable, depth);
    else if (name.includes('.') && !name.includes('::')) {
      const dot = name.indexOf('.');
      resolved = this.#getAtt({ kind: 'seq', items: [{ kind: 'scalar', value: name.slice(0, dot), span }, { kind: 'scalar', value: name.slice(dot + 1), span }], span }, span, depth);
    } else resolved = this.#ref(name, span);
    if (resolved.kind === 'value') return scalarText(resolved.value);
    if (resolved.kind === 'unknown') return resolved;
    return this.#unknown(`the Fn::Sub variable ${name} is not a string`, span);
  }

  #join(arg: CfnNode, span: Span, depth: number): Resolved {
    const args = this.#args(arg, 'Fn::Join', 2, span);
    if (!Array.isArray(args)) return args;
    const delimiter = this.#string(args[0]!, depth);
    if (typeof delimiter !== 'string') return delimiter;
    const list = this.resolve(args[1]!, depth);
    if (list.kind === 'unknown') return this.#unknown(list.reason, span);
    if (list.kind !== 'list') return this.#unknown('Fn::Join needs a list to join', span);
    const parts: (string | ResolvedUnknown)[] = [];
    list.items.forEach((item, i) => {
      if (i > 0) parts.push(delimiter);
      if (item.kind === 'value') parts.push(scalarText(item.value));
      else if (item.kind === 'unknown') parts.push(item);
      else parts.push(this.#unknown('Fn::Join can only join strings', span));
    });
    const result = concatenate(parts, span);
    return result.kind === 'value' ? this.#literal(result.value, span) : result;
  }

  #select(arg: CfnNode, span: Span, depth: number): Resolved {
    const args = this.#args(arg, 'Fn::Select', 2, span);
    if (!Array.isArray(args)) return args;
    const index = this.#string(args[0]!, depth);
    if (typeof index !== 'string') return index;
    const list = this.resolve(args[1]!, depth);
    if (list.kind === 'unknown') return list;
    if (list.kind !== 'list') return this.#unknown('Fn::Select needs a list', span);
    const i = Number(index);
    const item = Number.isInteger(i) && i >= 0 ? list.items[i] : undefined;
    return item ?? this.#unknown(`Fn::Select index ${index} is out of range`, span);
  }

  #split(arg: CfnNode, span: Span, depth: number): Resolved {
    const args = this.#args(arg, 'Fn::Split', 2, span);
    if (!Array.isArray(args)) return args;
    const delimiter = this.#string(args[0]!, depth);
    if (typeof delimiter !== 'string') return delimiter;
    const source = this.#string(args[1]!, depth);
    if (typeof source !== 'string') return this.#unknown(source.reason, span);
    if (delimiter === '') return this.#unknown('Fn::Split needs a delimiter', span);
    return { kind: 'list', items: source.split(delimiter).map((value) => ({ kind: 'value', value, span })), span };
  }

  #if(arg: CfnNode, span: Span, depth: number): Resolved {
    const args = this.#args(arg, 'Fn::If', 3, span);
    if (!Array.isArray(args)) return args;
    const [name, whenTrue, whenFalse] = args as [CfnNode, CfnNode, CfnNode];
    if (name.kind !== 'scalar' || typeof name.value !== 'string') return this.#unknown('Fn::If needs a condition name', span);
    const decision = this.condition(name.value, depth);
    if (decision.known) return this.resolve(decision.value ? whenTrue : whenFalse, depth);
    const a = this.resolve(whenTrue, depth);
    const b = this.resolve(whenFalse, depth);
    // Both branches give the same value: the condition does not matter.
    if (sameValue(a, b)) return a;
    return this.#unknown(`Fn::If on condition ${name.value} is undecidable (${decision.reason})`, span);
  }

  #findInMap(arg: CfnNode, span: Span, depth: number): Resolved {
    const args = this.#args(arg, 'Fn::FindInMap', 3, span);
    if (!Array.isArray(args)) return args;
    const keys: string[] = [];
    for (const node of args.slice(0, 3)) {
      const key = this.#string(node, depth);
      if (typeof key !== 'string') return this.#unknown(`Fn::FindInMap key: ${key.reason}`, span);
      keys.push(key);
    }
    const [mapName, top, second] = keys as [string, string, string];
    const mapping = this.#mappings ? entryOf(this.#mappings, mapName)?.value : undefined;
    const level = mapping?.kind === 'map' ? entryOf(mapping, top)?.value : undefined;
    const value = level?.kind === 'map' ? entryOf(level, second)?.value : undefined;
    if (value) return this.resolve(value, depth);
    // AWS::LanguageExtensions adds a fourth argument: { DefaultValue: ... }.
    const fallback = args[3]?.kind === 'map' ? entryOf(args[3], 'DefaultValue')?.value : undefined;
    if (fallback) return this.resolve(fallback, depth);
    return this.#unknown(`Fn::FindInMap finds no ${mapName}.${top}.${second} in Mappings`, span);
  }

  #decide(node: CfnNode, depth: number): Decision {
    if (depth > MAX_DEPTH) return { known: false, reason: 'the condition nests too deeply to evaluate' };
    if (node.kind === 'map' && node.entries.length === 1) {
      const { key, value } = node.entries[0]!;
      const items = value.kind === 'seq' ? value.items : [];
      switch (key) {
        case 'Condition':
          return value.kind === 'scalar' && typeof value.value === 'string'
            ? this.condition(value.value, depth)
            : { known: false, reason: 'Condition needs a condition name' };
        case 'Fn::Equals': {
          if (items.length !== 2) return { known: false, reason: 'Fn::Equals needs two values' };
          const a = this.resolve(items[0]!, depth);
          const b = this.resolve(items[1]!, depth);
          if (a.kind === 'unknown') return { known: false, reason: a.reason };
          if (b.kind === 'unknown') return { known: false, reason: b.reason };
          // CloudFormation compares the values as strings.
          if (a.kind === 'value' && b.kind === 'value') return { known: true, value: scalarText(a.value) === scalarText(b.value) };
          return { known: true, value: sameValue(a, b) };
        }
        case 'Fn::Not': {
          if (items.length !== 1) return { known: false, reason: 'Fn::Not needs one condition' };
          const inner = this.#decide(items[0]!, depth + 1);
          return inner.known ? { known: true, value: !inner.value } : inner;
        }
        case 'Fn::And':
        case 'Fn::Or': {
          if (items.length === 0) return { known: false, reason: `${key} needs conditions` };
          // One false settles Fn::And and one true settles Fn::Or, whatever the undecidable others are.
          const settles = key === 'Fn::Or';
          let undecided: Decision | undefined;
          for (const item of items) {
            const d = this.#decide(item, depth + 1);
            if (d.known && d.value === settles) return d;
            if (!d.known) undecided ??= d;
          }
          return undecided ?? { known: true, value: !settles };
        }
      }
    }
    const r = this.resolve(node, depth);
    if (r.kind === 'value' && (r.value === true || r.value === false)) return { known: true, value: r.value };
    if (r.kind === 'value' && typeof r.value === 'string' && /^(true|false)$/i.test(r.value)) {
      return { known: true, value: r.value.toLowerCase() === 'true' };
    }
    return { known: false, reason: r.kind === 'unknown' ? r.reason : 'the condition is not a condition function' };
  }
}
