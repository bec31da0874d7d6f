/**
 * Users or instances, read by index: an array, or a generated population (`generate`) that makes each item from
 * its index when a page asks for it. The simulator runs in the process it serves, so a 10,000-user account is
 * never held as objects (they would count in the scan's memory).
 */
export interface SimulatedList<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

/** The explicit items, then `count` more made from their index on every read. */
export function withGenerated<T>(explicit: SimulatedList<T> | undefined, count: number, make: (n: number) => T): SimulatedList<T> {
  const first = explicit?.length ?? 0;
  const length = first + count;
  return { length, at: (i) => (i < 0 || i >= length ? undefined : i < first ? explicit?.at(i) : make(i - first)) };
}

/** A list's items as `f` maps them, on read. */
export function mappedList<T, U>(list: SimulatedList<T>, f: (item: T) => U): SimulatedList<U> {
  return {
    length: list.length,
    at: (i) => {
      const item = list.at(i);
      return item === undefined ? undefined : f(item);
    },
  };
}

/** Lists one after another. */
export function concatenatedLists<T>(...lists: SimulatedList<T>[]): SimulatedList<T> {
  return {
    length: lists.reduce((n, l) => n + l.length, 0),
    at: (i) => {
      for (const l of lists) {
        if (i < l.length) return l.at(i);
        i -= l.length;
      }
      return undefined;
    },
  };
}
