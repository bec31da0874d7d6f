import type { HclObject, HclValue } from './hcl-value';
import { firstUnknown, fromJson, isObject, isUnknown, toJson, Unknown } from './hcl-value';

type Fn = (args: HclValue[]) => HclValue;

const str = (v: HclValue): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
const list = (v: HclValue): HclValue[] | undefined => (Array.isArray(v) ? v : undefined);

/** Terraform functions evaluated here; the rest (file(), timestamp(), ...) are unknown. Listed explicitly. */
const FUNCTIONS: Record<string, Fn> = {
  jsonencode: ([v]) => {
    // Unknown parts stay unknown: policies keep their known statements, checks see which parts are missing.
    if (v === undefined) return new Unknown('jsonencode() without an argument');
    return firstUnknown(v) ? new JsonEncoded(v) : JSON.stringify(toJson(v));
  },
  jsondecode: ([v]) => {
    if (v instanceof JsonEncoded) return v.value;
    if (typeof v !== 'string') return new Unknown('jsondecode() of a value that is not known');
    try {
      return fromJson(JSON.parse(v));
    } catch {
      return new Unknown('jsondecode() of invalid JSON');
    }
  },
  lower: ([v]) => (typeof v === 'string' ? v.toLowerCase() : new Unknown('lower() of an unknown value')),
  upper: ([v]) => (typeof v === 'string' ? v.toUpperCase() : new Unknown('upper() of an unknown value')),
  trimspace: ([v]) => (typeof v === 'string' ? v.trim() : new Unknown('trimspace() of an unknown value')),
  tostring: ([v]) => str(v ?? null) ?? new Unknown('tostring() of an unknown value'),
  tonumber: ([v]) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : new Unknown('tonumber() of an unknown value')),
  tobool: ([v]) => (typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : new Unknown('tobool() of an unknown value')),
  tolist: ([v]) => v ?? null,
  toset: ([v]) => (Array.isArray(v) ? [...new Map(v.map((x) => [JSON.stringify(toJson(x)), x])).values()] : (v ?? null)),
  tomap: ([v]) => v ?? null,
  format: ([f, ...rest]) => {
    if (typeof f !== 'string' || rest.some((r) => str(r) === undefined)) return new Unknown('format() with unknown arguments');
    let i = 0;
    return f.replace(/%(?:%|[-+# 0]*\d*(?:\.\d+)?[sdvfqt])/g, (m) => (m === '%%' ? '%' : str(rest[i++]!) ?? ''));
  },
  join: ([sep, l]) => {
    const items = list(l ?? null);
    if (typeof sep !== 'string' || !items || items.some((x) => str(x) === undefined)) return new Unknown('join() with unknown arguments');
    return items.map((x) => str(x)).join(sep);
  },
  split: ([sep, s]) => (typeof sep === 'string' && typeof s === 'string' ? s.split(sep) : new Unknown('split() with unknown arguments')),
  replace: ([s, from, to]) =>
    typeof s === 'string' && typeof from === 'string' && typeof to === 'string' && !from.startsWith('/')
      ? s.split(from).join(to)
      : new Unknown('replace() with unknown arguments or a regex'),
  concat: (args) => (args.every(Array.isArray) ? (args as HclValue[][]).flat() : new Unknown('concat() of unknown lists')),
  flatten: ([l]) => {
    const flat = (v: HclValue): HclValue[] => (Array.isArray(v) ? v.flatMap(flat) : [v]);
    return Array.isArray(l) ? flat(l) : new Unknown('flatten() of an unknown list');
  },
  distinct: ([l]) => (Array.isArray(l) ? [...new Map(l.map((x) => [JSON.stringify(toJson(x)), x])).values()] : new Unknown('distinct() of an unknown list')),
  compact: ([l]) => (Array.isArray(l) ? l.filter((x) => x !== null && x !== '') : new Unknown('compact() of an unknown list')),
  merge: (args) => {
    if (!args.every(isObject)) return new Unknown('merge() of unknown maps');
    return Object.assign({}, ...(args)) as HclObject;
  },
  lookup: ([m, k, fallback]) => {
    if (!isObject(m ?? null) || typeof k !== 'string') return new Unknown('lookup() with unknown arguments');
    const map = m as HclObject;
    return k in map ? map[k]! : (fallback ?? new Unknown(`lookup() of a missing key ${k}`));
  },
  element: ([l, i]) => (Array.isArray(l) && typeof i === 'number' && l.length ? l[i % l.length]! : new Unknown('element() with unknown arguments')),
  length: ([v]) => (Array.isArray(v) ? v.length : isObject(v ?? null) ? Object.keys(v as HclObject).length : typeof v === 'string' ? v.length : new Unknown('length() of an unknown value')),
  keys: ([m]) => (isObject(m ?? null) ? Object.keys(m as HclObject).sort() : new Unknown('keys() of an unknown map')),
  values: ([m]) => (isObject(m ?? null) ? Object.keys(m as HclObject).sort().map((k) => (m as HclObject)[k]!) : new Unknown('values() of an unknown map')),
  contains: ([l, v]) => (Array.isArray(l) && v !== undefined && !isUnknown(v) ? l.some((x) => JSON.stringify(toJson(x)) === JSON.stringify(toJson(v))) : new Unknown('contains() with unknown arguments')),
  coalesce: (args) => {
    for (const a of args) {
      if (isUnknown(a)) return a;
      if (a !== null && a !== '') return a;
    }
    return new Unknown('coalesce() of only empty values');
  },
  try: (args) => args.find((a) => !isUnknown(a)) ?? args[0] ?? new Unknown('try() without arguments'),
  can: ([v]) => (v === undefined || isUnknown(v) ? new Unknown('can() of an unknown value') : true),
  min: (args) => (args.every((a) => typeof a === 'number') ? Math.min(...(args)) : new Unknown('min() of unknown numbers')),
  max: (args) => (args.every((a) => typeof a === 'number') ? Math.max(...(args)) : new Unknown('max() of unknown numbers')),
};

/**
 * The result of jsonencode() on a value with unknown parts: not a known string, but what it encodes is kept so
 * that policy checks can still read the known statements.
 */
export class JsonEncoded extends Unknown {
  constructor(readonly value: HclValue) {
    super(`jsonencode() of a value with unknown parts (${firstUnknown(value)?.reason ?? ''})`);
  }
}

export function callFunction(name: string, args: HclValue[]): HclValue {
  const fn = FUNCTIONS[name.replace(/^provider::[^:]+::/, '')];
  if (!fn) return new Unknown(`${name}() is not evaluated here`);
  // Most functions of an unknown argument are unknown; the structural ones below handle unknown parts themselves.
  if (!['jsonencode', 'jsondecode', 'try', 'can', 'coalesce', 'merge', 'concat', 'tolist', 'toset', 'tomap', 'lookup', 'flatten', 'compact', 'distinct'].includes(name)) {
    const u = args.find(isUnknown);
    if (u) return u;
  }
  return fn(args);
}
