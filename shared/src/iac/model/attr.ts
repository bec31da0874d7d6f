import type { Location, ResourceRef } from '../../model/finding';

/** Where a piece of evidence sits: a span in a file, or a live cloud resource. */
export type Site = { location: Location } | { resource: ResourceRef };

/**
 * An attribute of a resource with its provenance. Checks reason on these states, never on raw syntax:
 * - `set`: written explicitly; `at` is the attribute.
 * - `default`: not written, and a documented default applies; `at` is the enclosing block, `default` says whose.
 * - `absent`: not written, and what applies depends on context outside this code (an AMI, a region default).
 * - `unknown`: written, but the value cannot be known here (unresolved variable, data source, computed value).
 */
export type Attr<T> =
  | { state: 'set'; value: T; at: Site }
  | { state: 'default'; value: T; at: Site; default: string }
  | { state: 'absent'; at: Site }
  | { state: 'unknown'; at: Site; reason: string };

export const set = <T>(value: T, at: Site): Attr<T> => ({ state: 'set', value, at });
export const defaulted = <T>(value: T, at: Site, why: string): Attr<T> => ({ state: 'default', value, at, default: why });
export const absent = <T>(at: Site): Attr<T> => ({ state: 'absent', at });
export const unknown = <T>(at: Site, reason: string): Attr<T> => ({ state: 'unknown', at, reason });

/** The value when it is known (set or defaulted), else undefined. */
export function valueOf<T>(attr: Attr<T> | undefined): T | undefined {
  return attr && (attr.state === 'set' || attr.state === 'default') ? attr.value : undefined;
}

/** A link from one resource to another, resolved by address before any check runs. */
export interface Link {
  /** The address of the target resource in the same model (Terraform address, CloudFormation logical id, ARN). */
  target?: string;
  /** Why the target could not be resolved (remote module, data source, computed id). */
  unresolved?: string;
  at: Site;
}

/** A name to show for an attribute: its value, or the resource it is computed from (`aws_iam_user.oncall`). */
export function shownValue(attr: Attr<string> | undefined): string | undefined {
  const value = valueOf(attr);
  if (value !== undefined) return value;
  if (attr?.state !== 'unknown') return undefined;
  const m = /^computed from ((?:module\.[^.]+\.)*(?:data\.)?[a-z0-9_]+\.[^.]+)/.exec(attr.reason);
  return m?.[1];
}
