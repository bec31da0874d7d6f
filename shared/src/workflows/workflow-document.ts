import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { ScanError } from '../model/report';

/** A span in the file: 1-based lines and columns (UTF-16 code units); `endColumn` is one past the last character. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A `key: value` pair with the positions of both. */
export interface Field {
  key: string;
  keyAt: Span;
  /** The value as text (`''` when empty); `undefined` when the value is a map or a list. */
  value: string | undefined;
  valueAt: Span;
  /** The value as written in the file (quotes, block indicators, indentation) and its offset in the file. */
  raw: string;
  rawOffset: number;
}

/** A key whose value is a scalar (`write-all`, `inherit`) or a map of fields (`with`, `env`, `permissions`). */
export interface FieldMap {
  key: string;
  keyAt: Span;
  valueAt: Span;
  /** The value, when it is a scalar. */
  scalar: string | undefined;
  /** The fields, when the value is a map. */
  entries: readonly Field[];
}

export interface Step {
  /** Stable name for fingerprints: `jobs.<job>.steps[<id, or unique name, or index>]`, or `runs.steps[...]`. */
  path: string;
  /** 0-based position in its list. */
  index: number;
  at: Span;
  id?: Field;
  name?: Field;
  uses?: Field;
  run?: Field;
  with?: FieldMap;
  env?: FieldMap;
}

export interface Job {
  id: string;
  /** `jobs.<id>` */
  path: string;
  keyAt: Span;
  permissions?: FieldMap;
  env?: FieldMap;
  /** A reusable workflow the job calls. */
  uses?: Field;
  with?: FieldMap;
  /** `secrets: inherit` (scalar) or the secrets passed to a reusable workflow (entries). */
  secrets?: FieldMap;
  steps: readonly Step[];
}

/** One event under `on:`, whichever form `on:` takes. */
export interface Trigger {
  name: string;
  at: Span;
}

/** Any scalar value in the document, for searches that apply to every expression. */
export interface ScalarValue {
  /** Where it sits, e.g. `jobs.build.steps[2].with.script`. */
  path: string;
  value: string;
  at: Span;
  raw: string;
  rawOffset: number;
}

/** The typed view of a workflow or composite action that rules read. */
export interface WorkflowDocument {
  kind: 'workflow' | 'action';
  path: string;
  /** The first top-level key, where file-level findings point. */
  top: Span;
  triggers: readonly Trigger[];
  permissions?: FieldMap;
  env?: FieldMap;
  jobs: readonly Job[];
  /** A composite action's `runs.steps`. */
  steps: readonly Step[];
  scalars: readonly ScalarValue[];
  /** The span of file offsets `[start, end)`, for a match inside a field's `raw` text. A function, not a method: safe to pass around. */
  spanOf: (start: number, end: number) => Span;
}

export type WorkflowParse = { ok: true; document: WorkflowDocument } | { ok: false; errors: ScanError[] };

/**
 * Typed-view nodes visited, aliases expanded. Anchors and aliases can multiply a small file (jobs of aliased
 * steps of aliased maps); past this budget the file is reported as an error instead of being expanded.
 */
export const MAX_WORKFLOW_NODES = 200_000;

class BudgetExceeded extends Error {}

type Range = readonly [number, number, number];

/** Parses a workflow or composite action. Never throws: YAML problems come back as errors with a position. */
export function parseWorkflow(path: string, text: string, kind: 'workflow' | 'action'): WorkflowParse {
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false });
  } catch (error) {
    // The parser reports problems as errors; this guards against one it did not anticipate.
    return { ok: false, errors: [{ path, message: `not valid YAML: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  if (doc.errors.length) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const at = lineCounter.linePos(e.pos[0]);
        return { path, line: at.line, column: at.col, message: `not valid YAML (${e.code}): ${e.message.split('\n')[0]}` };
      }),
    };
  }
  try {
    return new WorkflowReader(path, text, doc, lineCounter).read(kind);
  } catch (error) {
    if (error instanceof BudgetExceeded) {
      return {
        ok: false,
        errors: [{ path, message: `too large to analyse: more than ${MAX_WORKFLOW_NODES} nodes once YAML aliases are expanded` }],
      };
    }
    throw error;
  }
}

/** The field named `name`, matched exactly (environment variables, secrets, permission scopes). */
export function entry(map: FieldMap | undefined, name: string): Field | undefined {
  return map?.entries.find((f) => f.key === name);
}

/** The action input named `name`; GitHub matches input names case-insensitively. */
export function input(map: FieldMap | undefined, name: string): Field | undefined {
  const wanted = name.toLowerCase();
  return map?.entries.find((f) => f.key.toLowerCase() === wanted);
}

/** From the start of a field's key to the end of its value. */
export function pairSpan(field: Field): Span {
  return { line: field.keyAt.line, column: field.keyAt.column, endLine: field.valueAt.endLine, endColumn: field.valueAt.endColumn };
}

/** Narrows the YAML AST (whose scalar values are `unknown`) into the typed view, once. */
class WorkflowReader {
  #nodes = 0;

  constructor(
    readonly path: string,
    readonly text: string,
    readonly doc: Document,
    readonly lines: LineCounter,
  ) {}

  spanOf = (start: number, end: number): Span => {
    const s = this.lines.linePos(start);
    const e = this.lines.linePos(Math.max(start, end));
    return { line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
  };

  read(kind: 'workflow' | 'action'): WorkflowParse {
    const root = this.#resolve(this.doc.contents);
    const top = { line: 1, column: 1, endLine: 1, endColumn: 1 };
    if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
      return { ok: true, document: this.#document(kind, top, [], [], []) };
    }
    if (!isMap(root)) {
      const at = this.#nodeSpan(root);
      return {
        ok: false,
        errors: [{ path: this.path, line: at?.line ?? 1, column: at?.column ?? 1, message: `not a ${kind === 'workflow' ? 'workflow' : 'composite action'}: the top level is not a mapping` }],
      };
    }
    const pairs = this.#pairs(root);
    const first = pairs[0];
    const document = this.#document(kind, first ? first.keyAt : top, [], [], []);
    for (const pair of pairs) {
      switch (pair.key) {
        case 'on':
          document.triggers = this.#triggers(pair);
          break;
        case 'permissions':
          document.permissions = this.#fieldMap(pair);
          break;
        case 'env':
          document.env = this.#fieldMap(pair);
          break;
        case 'jobs':
          if (kind === 'workflow') document.jobs = this.#jobs(pair.value);
          break;
        case 'runs':
          if (kind === 'action') {
            const steps = this.#pairs(pair.value).find((p) => p.key === 'steps');
            if (steps) document.steps = this.#steps(steps.value, 'runs');
          }
          break;
      }
    }
    document.scalars = this.#scalars(root);
    return { ok: true, document };
  }

  #document(kind: 'workflow' | 'action', top: Span, triggers: Trigger[], jobs: Job[], steps: Step[]) {
    const document: Mutable<WorkflowDocument> = { kind, path: this.path, top, triggers, jobs, steps, scalars: [], spanOf: this.spanOf };
    return document;
  }

  #resolve(node: unknown): unknown {
    if (++this.#nodes > MAX_WORKFLOW_NODES) throw new BudgetExceeded();
    if (!isAlias(node)) return node ?? null;
    // An alias refers to the last anchor of its name before it. `Alias.resolve` searches the whole document
    // on every call, which is quadratic on files made of aliases, so anchors are indexed once.
    this.#anchors ??= this.#indexAnchors();
    const offset = node.range?.[0] ?? Number.MAX_SAFE_INTEGER;
    const candidates = this.#anchors.get(node.source) ?? [];
    let target: unknown = null;
    for (const c of candidates) if (c.offset < offset) target = c.node;
    return target;
  }

  #anchors: Map<string, { offset: number; node: unknown }[]> | undefined;

  #indexAnchors(): Map<string, { offset: number; node: unknown }[]> {
    const anchors = new Map<string, { offset: number; node: unknown }[]>();
    const stack: unknown[] = [this.doc.contents];
    while (stack.length) {
      const node = stack.pop();
      if (isScalar(node) || isMap(node) || isSeq(node)) {
        if (node.anchor) {
          const list = anchors.get(node.anchor) ?? [];
          list.push({ offset: node.range?.[0] ?? 0, node });
          anchors.set(node.anchor, list);
        }
        if (isMap(node)) for (const item of node.items) if (isPair(item)) stack.push(item.key, item.value);
        if (isSeq(node)) stack.push(...node.items);
      }
    }
    for (const list of anchors.values()) list.sort((a, b) => a.offset - b.offset);
    return anchors;
  }

  #range(node: unknown): Range | undefined {
    if ((isScalar(node) || isMap(node) || isSeq(node)) && node.range) return node.range;
    return undefined;
  }

  #nodeSpan(node: unknown): Span | undefined {
    const range = this.#range(node);
    if (!range) return undefined;
    const raw = this.text.slice(range[0], range[1]).trimEnd();
    return this.spanOf(range[0], range[0] + raw.length);
  }

  /** The key/value pairs of a map whose keys are scalars; anything else yields none. */
  #pairs(node: unknown): RawPair[] {
    const map = this.#resolve(node);
    if (!isMap(map)) return [];
    const pairs: RawPair[] = [];
    for (const item of map.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const keyAt = this.#nodeSpan(item.key);
      if (!keyAt) continue;
      pairs.push({ key: scalarText(item.key.value, this.#rawOf(item.key)), keyAt, value: item.value });
    }
    return pairs;
  }

  #rawOf(node: unknown): string {
    const range = this.#range(node);
    return range ? this.text.slice(range[0], range[1]) : '';
  }

  #field(pair: RawPair): Field {
    const value = this.#resolve(pair.value);
    const range = this.#range(value);
    const empty = value === null || (isScalar(value) && value.value === null && this.#rawOf(value).trim() === '');
    if (empty || !range) {
      return { key: pair.key, keyAt: pair.keyAt, value: '', valueAt: pair.keyAt, raw: '', rawOffset: this.#offsetOf(pair.keyAt) };
    }
    const raw = this.text.slice(range[0], range[1]);
    const valueAt = this.#nodeSpan(value) ?? pair.keyAt;
    const text = isScalar(value) ? scalarText(value.value, raw) : undefined;
    return { key: pair.key, keyAt: pair.keyAt, value: text, valueAt, raw, rawOffset: range[0] };
  }

  #offsetOf(span: Span): number {
    // Used only for empty values, which have no text to search; the key's line start is close enough.
    return this.lines.lineStarts[span.line - 1] ?? 0;
  }

  #fieldMap(pair: RawPair): FieldMap {
    const field = this.#field(pair);
    const value = this.#resolve(pair.value);
    const entries = isMap(value) ? this.#pairs(value).map((p) => this.#field(p)) : [];
    return { key: pair.key, keyAt: pair.keyAt, valueAt: field.valueAt, scalar: field.value, entries };
  }

  #triggers(pair: RawPair): Trigger[] {
    const value = this.#resolve(pair.value);
    if (isScalar(value)) {
      const field = this.#field(pair);
      return field.value ? [{ name: field.value, at: field.valueAt }] : [];
    }
    if (isSeq(value)) {
      const triggers: Trigger[] = [];
      for (const item of value.items) {
        const node = this.#resolve(item);
        const at = this.#nodeSpan(node);
        if (isScalar(node) && at) triggers.push({ name: scalarText(node.value, this.#rawOf(node)), at });
      }
      return triggers;
    }
    return this.#pairs(value).map((p) => ({ name: p.key, at: p.keyAt }));
  }

  #jobs(node: unknown): Job[] {
    return this.#pairs(node).map((pair) => {
      const path = `jobs.${pair.key}`;
      const job: Mutable<Job> = { id: pair.key, path, keyAt: pair.keyAt, steps: [] };
      for (const p of this.#pairs(pair.value)) {
        switch (p.key) {
          case 'permissions':
          case 'env':
          case 'with':
          case 'secrets':
            job[p.key] = this.#fieldMap(p);
            break;
          case 'uses':
            job.uses = this.#field(p);
            break;
          case 'steps':
            job.steps = this.#steps(p.value, path);
            break;
        }
      }
      return job;
    });
  }

  #steps(node: unknown, prefix: string): Step[] {
    const list = this.#resolve(node);
    if (!isSeq(list)) return [];
    const parsed = list.items.map((item, index) => {
      const stepNode = this.#resolve(item);
      const at = this.#nodeSpan(stepNode) ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
      const step: Mutable<Step> = { path: '', index, at: { line: at.line, column: at.column, endLine: at.line, endColumn: at.column } };
      for (const p of this.#pairs(stepNode)) {
        switch (p.key) {
          case 'id':
          case 'name':
          case 'uses':
          case 'run':
            step[p.key] = this.#field(p);
            break;
          case 'with':
          case 'env':
            step[p.key] = this.#fieldMap(p);
            break;
        }
      }
      return step;
    });
    // Labels that survive inserting a step: the id, else a unique name, else a unique action, else the position.
    const count = (label: (s: Step) => string | undefined) => {
      const counts = new Map<string, number>();
      for (const s of parsed) {
        const l = label(s);
        if (l) counts.set(l, (counts.get(l) ?? 0) + 1);
      }
      return (s: Step) => {
        const l = label(s);
        return l && counts.get(l) === 1 ? l : undefined;
      };
    };
    const uniqueName = count((s) => s.name?.value);
    const uniqueAction = count((s) => s.uses?.value?.split('@')[0]?.trim());
    for (const s of parsed) {
      s.path = `${prefix}.steps[${s.id?.value || uniqueName(s) || uniqueAction(s) || String(s.index)}]`;
    }
    return parsed;
  }

  /** Every scalar value, walked without recursion and without following aliases (their anchors are walked). */
  #scalars(root: unknown): ScalarValue[] {
    const out: ScalarValue[] = [];
    const stack: [unknown, string][] = [[root, '']];
    while (stack.length) {
      const [node, path] = stack.pop()!;
      if (isScalar(node)) {
        const range = node.range;
        if (!range || node.value === null) continue;
        const raw = this.text.slice(range[0], range[1]);
        out.push({ path, value: scalarText(node.value, raw), at: this.#nodeSpan(node)!, raw, rawOffset: range[0] });
      } else if (isMap(node)) {
        for (let i = node.items.length - 1; i >= 0; i--) {
          const item = node.items[i];
          if (!isPair(item)) continue;
          const key = isScalar(item.key) ? scalarText(item.key.value, this.#rawOf(item.key)) : '?';
          stack.push([item.value, path ? `${path}.${key}` : key]);
        }
      } else if (isSeq(node)) {
        for (let i = node.items.length - 1; i >= 0; i--) stack.push([node.items[i], `${path}[${i}]`]);
      }
    }
    return out;
  }
}

interface RawPair {
  key: string;
  keyAt: Span;
  value: unknown;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A scalar as text: strings as parsed, other scalars (numbers, booleans) as written. */
function scalarText(value: unknown, raw: string): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return raw.trim() || String(value);
  return raw.trim();
}
