import type { Location } from '../../model/finding';
import type { Site } from '../model/attr';

/** A span of source text: 1-based lines and columns; `endColumn` is exclusive (the column after the last character). */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type CfnScalarValue = string | number | boolean | null;

export interface CfnScalar {
  kind: 'scalar';
  value: CfnScalarValue;
  span: Span;
}

export interface CfnSeq {
  kind: 'seq';
  items: CfnNode[];
  span: Span;
}

export interface CfnEntry {
  key: string;
  keySpan: Span;
  value: CfnNode;
}

export interface CfnMap {
  kind: 'map';
  entries: CfnEntry[];
  span: Span;
}

/**
 * A CloudFormation template node. Short-form tags (`!Ref x`) are already rewritten to their long forms
 * (`{ Ref: x }`), so YAML and JSON templates give the same tree; only the spans differ.
 */
export type CfnNode = CfnScalar | CfnSeq | CfnMap;

/** The entry of a key; the last one wins, as in JSON.parse (duplicate keys are reported by the parser). */
export function entryOf(map: CfnMap, key: string): CfnEntry | undefined {
  for (let i = map.entries.length - 1; i >= 0; i--) {
    const entry = map.entries[i]!;
    if (entry.key === key) return entry;
  }
  return undefined;
}

/** The node as plain JSON-like data, without spans (for comparing trees). */
export function toPlain(node: CfnNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map':
      return Object.fromEntries(node.entries.map((e) => [e.key, toPlain(e.value)]));
  }
}

/** From the start of the first span to the end of the second. */
export function spanFromTo(start: Span, end: Span): Span {
  return { line: start.line, column: start.column, endLine: end.endLine, endColumn: end.endColumn };
}

export function locationOf(path: string, span: Span): Location {
  return { path, startLine: span.line, startColumn: span.column, endLine: span.endLine, endColumn: span.endColumn };
}

export function siteOf(path: string, span: Span): Site {
  return { location: locationOf(path, span) };
}
