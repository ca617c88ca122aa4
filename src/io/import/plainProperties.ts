// Feature property bags as plain data: null-prototype objects holding primitives only, so that a
// field named `constructor`, `toString`, `hasOwnProperty` or `__proto__` is just a field (a lookup
// never falls through to Object.prototype, an assignment never replaces a prototype) and every bag
// crosses a worker boundary by structured clone. Nested values (objects, arrays) become their JSON
// text, and nesting deeper than MAX_NESTING levels is replaced by a note instead of being walked
// (structured clone and JSON.stringify recurse, and overflow the stack at about 10,000 levels).

export type PlainProperties = Record<string, string | number | boolean | null>;

/** Deeper nesting than this in one property value is not kept. */
export const MAX_NESTING = 64;

/** An empty bag with no prototype. */
export function emptyBag<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Nesting depth of a value, walked without recursion; stops counting past `limit`. */
function depthOf(v: unknown, limit: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[v, 1]];
  while (stack.length) {
    const [x, d] = stack.pop()!;
    if (d > max) max = d;
    if (max > limit) return max;
    if (x && typeof x === 'object') for (const k of Object.keys(x)) {
      const c = (x as Record<string, unknown>)[k];
      if (c && typeof c === 'object') stack.push([c, d + 1]);
    }
  }
  return max;
}

/** One property value as plain data. */
export function plainValue(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string':
    case 'number':
    case 'boolean':
      return v;
    case 'bigint':
      return Number.isSafeInteger(Number(v)) ? Number(v) : String(v);
    case 'object':
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
      if (depthOf(v, MAX_NESTING) > MAX_NESTING) return `[value nested deeper than ${MAX_NESTING} levels, not kept]`;
      try {
        return JSON.stringify(v);
      } catch {
        return String(v);
      }
    default:
      return null;
  }
}

/** A feature's properties as a null-prototype bag of plain values (own enumerable keys only). */
export function plainProperties(props: unknown): PlainProperties {
  const out = emptyBag<string | number | boolean | null>();
  if (!props || typeof props !== 'object') return out;
  for (const k of Object.keys(props)) out[k] = plainValue((props as Record<string, unknown>)[k]);
  return out;
}
