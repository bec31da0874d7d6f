import type { Attr, Link, Site } from '../model/attr';
import { absent, defaulted, set, unknown } from '../model/attr';
import type { Resolved } from './cfn-evaluate';
import { siteOf } from './cfn-node';

/** What applies when a property is not written: a documented default (and whose), or context outside the code. */
export type Omitted<T> = { value: T; default: string } | 'absent';

/** Reads the resolved properties of one resource into model attributes. */
export class PropertyReader {
  constructor(
    readonly path: string,
    /** The resource: where defaulted and absent attributes point. */
    readonly site: Site,
    readonly properties: Resolved | undefined,
  ) {}

  siteOf(value: { span: Resolved['span'] }): Site {
    return siteOf(this.path, value.span);
  }

  /**
   * The value at a property path (`MetadataOptions`, `HttpTokens`). Undefined when not written (or removed with
   * `AWS::NoValue`, or empty); an enclosing value that is unknown, or not a map, makes the property unknown.
   */
  get(...keys: string[]): Resolved | undefined {
    let current = this.properties;
    for (const key of keys) {
      if (current === undefined) return undefined;
      if (current.kind === 'unknown') return current;
      if (current.kind !== 'map') return { kind: 'unknown', reason: `${key}: its enclosing value is not a map`, span: current.span };
      current = current.entries.find((e) => e.key === key)?.value;
    }
    if (current?.kind === 'novalue' || (current?.kind === 'value' && current.value === null)) return undefined;
    return current;
  }

  #omitted<T>(omitted: Omitted<T>): Attr<T> {
    return omitted === 'absent' ? absent(this.site) : defaulted(omitted.value, this.site, omitted.default);
  }

  string(value: Resolved | undefined, omitted: Omitted<string>, name: string): Attr<string> {
    if (value === undefined) return this.#omitted(omitted);
    if (value.kind === 'unknown') return unknown(this.siteOf(value), value.reason);
    if (value.kind === 'value' && (typeof value.value === 'string' || typeof value.value === 'number')) {
      return set(String(value.value), this.siteOf(value));
    }
    return unknown(this.siteOf(value), `${name} is not a string`);
  }

  boolean(value: Resolved | undefined, omitted: Omitted<boolean>, name: string): Attr<boolean> {
    if (value === undefined) return this.#omitted(omitted);
    if (value.kind === 'unknown') return unknown(this.siteOf(value), value.reason);
    if (value.kind === 'value') {
      // CloudFormation accepts "true"/"false" strings for booleans (JSON templates often quote them).
      const text = String(value.value).toLowerCase();
      if (text === 'true' || text === 'false') return set(text === 'true', this.siteOf(value));
    }
    return unknown(this.siteOf(value), `${name} is not a boolean`);
  }

  strings(value: Resolved | undefined, omitted: Omitted<string[]>, name: string): Attr<string[]> {
    if (value === undefined) return this.#omitted(omitted);
    if (value.kind === 'unknown') return unknown(this.siteOf(value), value.reason);
    const items = value.kind === 'list' ? value.items : [value];
    const strings: string[] = [];
    for (const item of items) {
      if (item.kind === 'unknown') return unknown(this.siteOf(value), item.reason);
      if (item.kind !== 'value' || item.value === null || typeof item.value === 'boolean') {
        return unknown(this.siteOf(value), `${name} is not a list of strings`);
      }
      strings.push(String(item.value));
    }
    return set(strings, this.siteOf(value));
  }

  /**
   * A link to another resource: a `Ref`/`Fn::GetAtt` to a logical id, or a literal name that a resource of the
   * template declares (`byName`); otherwise unresolved, with the reason.
   */
  link(value: Resolved | undefined, what: string, byName?: (name: string) => string | undefined): Link | undefined {
    if (value === undefined) return undefined;
    const at = this.siteOf(value);
    if (value.kind === 'unknown') return value.target !== undefined ? { target: value.target, at } : { unresolved: value.reason, at };
    if (value.kind === 'value' && typeof value.value === 'string') {
      const target = byName?.(value.value);
      return target !== undefined ? { target, at } : { unresolved: `${what} ${value.value} is not defined in this template`, at };
    }
    return { unresolved: `${what} is not a reference`, at };
  }
}
