/** A value Terraform code evaluates to here. Unknown parts stay inside known structures. */
export type HclValue = string | number | boolean | null | HclValue[] | HclObject | Unknown | Ref;
export interface HclObject {
  [key: string]: HclValue;
}

/** A value that cannot be known from the code alone, with the reason to show the user. */
export class Unknown {
  constructor(readonly reason: string) {}
}

/**
 * A reference to another resource or data source (`aws_s3_bucket.logs.id`): unknown as a value, but it tells
 * which resource it points to, so links resolve before checks run.
 */
export class Ref {
  constructor(
    /** Fully qualified address, e.g. `module.app.aws_s3_bucket.logs` or `data.aws_ami.ubuntu`. */
    readonly address: string,
    /** The attribute path after the address, e.g. `['id']`. */
    readonly path: readonly string[],
  ) {}

  get reason(): string {
    return `computed from ${[this.address, ...this.path].join('.')}`;
  }
}

export function isUnknown(value: HclValue): value is Unknown | Ref {
  return value instanceof Unknown || value instanceof Ref;
}

export function isObject(value: HclValue): value is HclObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnknown(value);
}

/** The first unknown part of a value, if any (for "unknown because …" messages). */
export function firstUnknown(value: HclValue, depth = 0): Unknown | Ref | undefined {
  if (isUnknown(value)) return value;
  if (depth > 64) return undefined;
  if (Array.isArray(value)) {
    for (const v of value) {
      const u = firstUnknown(v, depth + 1);
      if (u) return u;
    }
  } else if (isObject(value)) {
    for (const v of Object.values(value)) {
      const u = firstUnknown(v, depth + 1);
      if (u) return u;
    }
  }
  return undefined;
}

/** Converts a known value to plain JSON (unknown parts become `null`). */
export function toJson(value: HclValue): unknown {
  if (isUnknown(value)) return null;
  if (Array.isArray(value)) return value.map(toJson);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  return value;
}

/** Converts parsed JSON back to a value. */
export function fromJson(value: unknown): HclValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(fromJson);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fromJson(v)]));
  return new Unknown('not a JSON value');
}
