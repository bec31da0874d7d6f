import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Alias, Document } from 'yaml';
import type { ScanError } from '../../model/report';
import type { CfnEntry, CfnMap, CfnNode, CfnScalar, Span } from './cfn-node';
import { entryOf, spanFromTo } from './cfn-node';
import { CFN_YAML_TAGS, longFormOf } from './cfn-tags';

/** A resource of the `Resources` section. */
export interface CfnResource {
  logicalId: string;
  /** The logical id key. */
  keySpan: Span;
  /** From the logical id key to the end of the resource. */
  span: Span;
  type: string;
  typeSpan: Span;
  /** The resource's `Condition`, when it has one. */
  condition?: { name: string; span: Span };
  /** `Properties`; undefined when not written (or written empty). */
  properties?: CfnMap;
}

export interface CfnTemplate {
  /** The whole document; `Parameters`, `Mappings` and `Conditions` are read from here. */
  root: CfnMap;
  /** The well-formed resources, in source order. */
  resources: CfnResource[];
}

export interface TemplateParse {
  template: CfnTemplate;
  /** Syntax errors (then `resources` is empty: a broken file is not guessed at) and malformed sections. */
  errors: ScanError[];
}

// CloudFormation templates are shallow (policy documents nest ~8 levels); anything deeper is hostile or broken,
// and our walkers recurse.
const MAX_DEPTH = 128;
// Bounds the nodes that YAML aliases add ("billion laughs"); templates rarely use aliases at all.
const MAX_ALIASED_NODES = 100_000;
const MAX_ERRORS = 20;
// `Type` values are `AWS::S3::Bucket`, `Alexa::ASK::Skill`, `Custom::Thing` or registry types `Org::Svc::Thing`.
const RESOURCE_TYPE = /^[A-Za-z][A-Za-z0-9]*::[A-Za-z0-9]/;
const TEMPLATE_SNIFF = /\bAWSTemplateFormatVersion["']?[ \t]*:/;
// A top-level YAML key, or a JSON key (JSON nesting cannot be told by a pattern).
const RESOURCES_SNIFF = /^Resources[ \t]*:|"Resources"[ \t]*:/m;
const TYPE_SNIFF = /\b(?:AWS|Alexa|Custom)::[A-Za-z0-9]/;

/** Text that a CloudFormation author meant as a template, even when it does not parse. */
function looksLikeCloudFormation(text: string): boolean {
  return TEMPLATE_SNIFF.test(text) || (RESOURCES_SNIFF.test(text) && TYPE_SNIFF.test(text));
}

function isScalarValue(value: unknown): value is string | number | boolean | null {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Turns `yaml` nodes into template nodes, rewriting short-form tags and keeping positions. */
class NodeReader {
  readonly errors: ScanError[] = [];
  /** Nodes created by expanding aliases, and how many aliases are being expanded now. */
  #aliased = 0;
  #inAlias = 0;
  // `Alias.resolve` searches the document; each alias node is resolved once.
  readonly #aliases = new Map<unknown, unknown>();
  #tooDeep = false;
  #tooBig = false;

  constructor(
    readonly path: string,
    readonly text: string,
    readonly lines: LineCounter,
    readonly doc: Document.Parsed,
  ) {}

  error(span: Span, message: string): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push({ path: this.path, line: span.line, column: span.column, message });
  }

  span(start: number, end: number): Span {
    let last = Math.max(start, end);
    // Block collections end after their trailing line break; the span ends at the last character.
    while (last > start && /\s/.test(this.text[last - 1] ?? '')) last--;
    const from = this.lines.linePos(start);
    const to = this.lines.linePos(last);
    return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
  }

  #rangeOf(node: unknown): [number, number] | undefined {
    const range = (node as { range?: unknown }).range;
    if (!Array.isArray(range) || typeof range[0] !== 'number' || typeof range[1] !== 'number') return undefined;
    return [range[0], range[1]];
  }

  #resolveAlias(alias: Alias): unknown {
    if (!this.#aliases.has(alias)) this.#aliases.set(alias, alias.resolve(this.doc));
    return this.#aliases.get(alias);
  }

  #empty(at: Span): CfnScalar {
    return { kind: 'scalar', value: null, span: { ...at, endLine: at.line, endColumn: at.column } };
  }

  /** Where a tag written before a value starts (`yaml` ranges start at the value, after its tag and anchor). */
  #tagStart(tag: string, valueStart: number): number {
    const at = this.text.lastIndexOf(tag, valueStart);
    if (at < 0 || valueStart - at > 1000) return valueStart;
    const between = this.text.slice(at + tag.length, valueStart);
    return /^(?:[ \t\r\n]|#[^\n]*(?:\n|$)|&[^\s,[\]{}&#]+)*$/.test(between) ? at : valueStart;
  }

  node(node: unknown, depth: number, fallback: Span): CfnNode {
    const range = this.#rangeOf(node);
    const own = range ? this.span(range[0], range[1]) : fallback;
    if (this.#inAlias > 0 && ++this.#aliased > MAX_ALIASED_NODES) {
      if (!this.#tooBig) this.error(own, `YAML aliases expand to more than ${MAX_ALIASED_NODES} nodes; the rest is ignored.`);
      this.#tooBig = true;
      return this.#empty(own);
    }
    if (depth > MAX_DEPTH) {
      if (!this.#tooDeep) this.error(own, `The template nests deeper than ${MAX_DEPTH} levels; deeper values are ignored.`);
      this.#tooDeep = true;
      return this.#empty(own);
    }
    if (isAlias(node)) {
      const target = this.#resolveAlias(node);
      if (!target) return this.#empty(own);
      this.#inAlias++;
      const expanded = this.node(target, depth + 1, own);
      this.#inAlias--;
      return { ...expanded, span: own };
    }
    const plain = this.#untagged(node, depth, own);
    const tag = (node as { tag?: unknown }).tag;
    if (typeof tag !== 'string' || !tag.startsWith('!') || tag.startsWith('!!') || tag.length < 2) return plain;
    const name = tag.slice(1);
    const tagOffset = range ? this.#tagStart(tag, range[0]) : undefined;
    const tagSpan = range && tagOffset !== undefined && tagOffset < range[0] ? this.span(tagOffset, tagOffset + tag.length) : own;
    let long = longFormOf(name);
    if (long === undefined) {
      this.error(tagSpan, `Unknown tag ${tag}: it is not a CloudFormation intrinsic function, so its value is treated as unknown.`);
      long = `Fn::${name}`;
    }
    const value = long === 'Fn::GetAtt' && plain.kind === 'scalar' && range ? this.#splitGetAtt(plain, range) : plain;
    return { kind: 'map', entries: [{ key: long, keySpan: tagSpan, value }], span: spanFromTo(tagSpan, own) };
  }

  /** `!GetAtt Res.Attr.Nested` is `[Res, Attr.Nested]` (the first dot splits). */
  #splitGetAtt(scalar: CfnScalar, range: [number, number]): CfnNode {
    if (typeof scalar.value !== 'string') return scalar;
    const dot = scalar.value.indexOf('.');
    if (dot < 0) return scalar;
    const source = this.text.slice(range[0], range[1]);
    const at = source.indexOf(scalar.value);
    const part = (from: number, to: number): Span =>
      at < 0 ? scalar.span : this.span(range[0] + at + from, range[0] + at + to);
    return {
      kind: 'seq',
      items: [
        { kind: 'scalar', value: scalar.value.slice(0, dot), span: part(0, dot) },
        { kind: 'scalar', value: scalar.value.slice(dot + 1), span: part(dot + 1, scalar.value.length) },
      ],
      span: scalar.span,
    };
  }

  #untagged(node: unknown, depth: number, own: Span): CfnNode {
    if (isScalar(node)) {
      const value: unknown = node.value;
      // The core schema yields only these (and bigint for huge integers).
      return { kind: 'scalar', value: isScalarValue(value) ? value : typeof value === 'bigint' ? Number(value) : null, span: own };
    }
    if (isSeq(node)) {
      return { kind: 'seq', items: node.items.map((item) => this.node(item, depth + 1, own)), span: own };
    }
    if (isMap(node)) {
      const entries: CfnEntry[] = [];
      for (const pair of node.items) {
        let key: unknown = pair.key;
        if (isAlias(key)) key = this.#resolveAlias(key);
        const keyRange = this.#rangeOf(pair.key);
        const keySpan = keyRange ? this.span(keyRange[0], keyRange[1]) : own;
        if (!isScalar(key)) {
          this.error(keySpan, 'A map key must be a scalar; this entry is ignored.');
          continue;
        }
        const after = { line: keySpan.endLine, column: keySpan.endColumn, endLine: keySpan.endLine, endColumn: keySpan.endColumn };
        const value = pair.value === null || pair.value === undefined ? this.#empty(after) : this.node(pair.value, depth + 1, after);
        entries.push({ key: String(key.value), keySpan, value });
      }
      return { kind: 'map', entries, span: own };
    }
    return this.#empty(own);
  }
}

function describe(node: CfnNode): string {
  return node.kind === 'map' ? 'a map' : node.kind === 'seq' ? 'a list' : node.value === null ? 'empty' : `the ${typeof node.value} ${JSON.stringify(node.value)}`;
}

/** A map is a template when it has a format version or a resource with a `Type` like `AWS::...`. */
function isTemplateShaped(root: CfnMap): boolean {
  if (entryOf(root, 'AWSTemplateFormatVersion')) return true;
  const resources = entryOf(root, 'Resources')?.value;
  if (resources?.kind !== 'map') return false;
  return resources.entries.some((e) => {
    const type = e.value.kind === 'map' ? entryOf(e.value, 'Type')?.value : undefined;
    return type?.kind === 'scalar' && typeof type.value === 'string' && RESOURCE_TYPE.test(type.value);
  });
}

function readResources(root: CfnMap, reader: NodeReader): CfnResource[] {
  const section = entryOf(root, 'Resources');
  if (!section) {
    reader.error(root.span, 'The template has no Resources section.');
    return [];
  }
  if (section.value.kind !== 'map') {
    reader.error(section.value.span, `Resources must be a map of logical ids to resources, not ${describe(section.value)}.`);
    return [];
  }
  const resources: CfnResource[] = [];
  for (const { key: logicalId, keySpan, value } of section.value.entries) {
    if (value.kind !== 'map') {
      reader.error(keySpan, `Resource ${logicalId} must be a map with a Type, not ${describe(value)}.`);
      continue;
    }
    const type = entryOf(value, 'Type');
    if (!type) {
      reader.error(keySpan, `Resource ${logicalId} has no Type.`);
      continue;
    }
    if (type.value.kind !== 'scalar' || typeof type.value.value !== 'string') {
      reader.error(type.value.span, `The Type of resource ${logicalId} must be a string, not ${describe(type.value)}.`);
      continue;
    }
    const resource: CfnResource = {
      logicalId,
      keySpan,
      span: spanFromTo(keySpan, value.span),
      type: type.value.value,
      typeSpan: type.value.span,
    };
    const properties = entryOf(value, 'Properties')?.value;
    if (properties?.kind === 'map') resource.properties = properties;
    else if (properties && !(properties.kind === 'scalar' && properties.value === null)) {
      reader.error(properties.span, `The Properties of resource ${logicalId} must be a map, not ${describe(properties)}.`);
      continue;
    }
    const condition = entryOf(value, 'Condition')?.value;
    if (condition?.kind === 'scalar' && typeof condition.value === 'string') {
      resource.condition = { name: condition.value, span: condition.span };
    }
    resources.push(resource);
  }
  return resources;
}

const START: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/**
 * Parses a CloudFormation template (YAML or JSON) into a tree of positioned nodes with intrinsic functions in
 * their long forms. Undefined when the text is not a CloudFormation template. Never throws: syntax errors and
 * malformed sections come back as errors with their line and column.
 */
export function parseTemplate(path: string, text: string): TemplateParse | undefined {
  const lines = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter: lines, customTags: CFN_YAML_TAGS, prettyErrors: false });
  } catch (cause) {
    // `yaml` reports its own failures as errors; this is a last resort (e.g. a stack overflow in the lexer).
    if (!looksLikeCloudFormation(text)) return undefined;
    const message = cause instanceof Error ? cause.message : String(cause);
    return { template: { root: { kind: 'map', entries: [], span: START }, resources: [] }, errors: [{ path, line: 1, column: 1, message: `Invalid YAML: ${message}` }] };
  }
  const reader = new NodeReader(path, text, lines, doc);
  const empty: CfnTemplate = { root: { kind: 'map', entries: [], span: START }, resources: [] };
  if (doc.errors.length > 0) {
    if (!looksLikeCloudFormation(text)) return undefined;
    for (const e of doc.errors.slice(0, MAX_ERRORS)) {
      const { line, col } = lines.linePos(e.pos[0]);
      reader.errors.push({ path, line, column: col, message: `Invalid YAML: ${e.message}` });
    }
    if (doc.errors.length > MAX_ERRORS) {
      reader.errors.push({ path, message: `Invalid YAML: ${doc.errors.length - MAX_ERRORS} more errors not shown.` });
    }
    return { template: empty, errors: reader.errors };
  }
  if (doc.contents === null) return undefined;
  const root = reader.node(doc.contents, 0, START);
  if (root.kind !== 'map') {
    if (!looksLikeCloudFormation(text)) return undefined;
    reader.error(root.span, `A CloudFormation template must be a map of sections, not ${describe(root)}.`);
    return { template: empty, errors: reader.errors };
  }
  // Not shaped like a template: still one when its Resources section is what is broken.
  if (!isTemplateShaped(root) && !(entryOf(root, 'Resources') && looksLikeCloudFormation(text))) return undefined;
  return { template: { root, resources: readResources(root, reader) }, errors: reader.errors };
}
