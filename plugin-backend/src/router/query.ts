import { InputError } from '@backstage/errors';
import type { PageRequest } from '../store/guardrails-store';

type QueryValue = unknown;

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

/** A filter that may repeat (`?a=x&a=y`) or be comma-separated (`?a=x,y`). */
export function listParam(value: QueryValue, name: string): string[] | undefined {
  if (value === undefined) return undefined;
  const raw = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const v of raw) {
    if (typeof v !== 'string') throw new InputError(`Query parameter ${name} must be a string`);
    out.push(...v.split(',').map((s) => s.trim()).filter(Boolean));
  }
  return out.length > 0 ? out : undefined;
}

/** A filter restricted to known values; anything else is a 400 naming the parameter and the allowed values. */
export function enumListParam<T extends string>(value: QueryValue, name: string, allowed: readonly T[]): T[] | undefined {
  const list = listParam(value, name);
  if (!list) return undefined;
  for (const v of list) {
    if (!(allowed as readonly string[]).includes(v)) throw new InputError(`Query parameter ${name}: ${v} is not one of ${allowed.join(', ')}`);
  }
  return list as T[];
}

export function intParam(value: QueryValue, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new InputError(`Query parameter ${name} must be a whole number`);
  const n = Number(value);
  if (n < min || n > max) throw new InputError(`Query parameter ${name} must be between ${min} and ${max}`);
  return n;
}

export function pageParams(query: Record<string, QueryValue>): PageRequest {
  return {
    offset: intParam(query.offset, 'offset', 0, 0, 1_000_000_000),
    limit: intParam(query.limit, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT),
  };
}

export function stringParam(value: QueryValue, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new InputError(`Query parameter ${name} must be a single string`);
  return value.trim() || undefined;
}
