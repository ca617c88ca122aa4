// JSON text of an object in chunks, the same characters as JSON.stringify(value, null, indent),
// without building the whole text: a large output (the audit of a city is tens of megabytes) is
// written chunk by chunk instead of being held as one string and then encoded as one buffer.
// Each named array is stringified a batch of elements at a time; every other member whole. The
// text of a batch is cut out of JSON.stringify({ [key]: batch }, null, indent), so indentation,
// escaping, toJSON and omitted members are JSON.stringify's own.

export interface JsonChunkOptions {
  /** JSON.stringify's indent (0 or absent: compact). */
  indent?: number;
  /** Members whose arrays are written a batch of elements at a time. */
  split?: readonly string[];
  /** Elements per batch (default 256). */
  batch?: number;
  /** For a member in `split`: its elements' texts where already known (elementTexts, e.g. made in
   *  another thread), index-aligned with the array; the other elements are stringified here. */
  texts?: Readonly<Record<string, readonly (string | Uint8Array | undefined)[]>>;
  /** For a member in `split`: what writes the text of its elements [from, to) (the separators
   *  between them included) instead of JSON.stringify, in pieces of text or UTF-8 bytes; joined,
   *  they must be the characters JSON.stringify writes there. */
  stretches?: Readonly<Record<string, ElementStretch>>;
}

/** Writes the text of `elements[from, to)` as it stands in a split array (see JsonChunkOptions.stretches). */
export type ElementStretch = (elements: readonly unknown[], from: number, to: number) => Iterable<string | Uint8Array>;

/** The text of `{ [key]: [0, 0] }` cut around its zeros: what comes before the first element,
 *  between two elements, and after the last, at this indent. */
function arrayFrame(key: string, indent: number): { head: string; sep: string; tail: string } {
  const s = JSON.stringify({ [key]: [0, 0] }, null, indent);
  const quoted = JSON.stringify(key);
  const first = s.indexOf('0', s.indexOf(quoted) + quoted.length);
  const last = s.lastIndexOf('0');
  return { head: s.slice(0, first), sep: s.slice(first + 1, last), tail: s.slice(last + 1) };
}

/**
 * Yields the text of JSON.stringify(value, null, indent) in pieces (joined, they are exactly that
 * text): strings, and UTF-8 bytes where `texts` or `stretches` give them (each a buffer of its own,
 * not changed afterwards). `value` is a plain object (no toJSON of its own); a member listed in `split` whose value
 * is a non-empty array is written `batch` elements at a time.
 */
export function* jsonChunks(value: Record<string, unknown>, options: JsonChunkOptions = {}): Generator<string | Uint8Array> {
  const indent = options.indent ?? 0;
  const split = new Set(options.split ?? []);
  const batch = Math.max(1, options.batch ?? 256);
  const closing = indent ? '\n}' : '}';
  let first = true;
  yield '{';
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (split.has(key) && Array.isArray(v) && v.length > 0) {
      const { head, sep, tail } = arrayFrame(key, indent);
      // head is '{' + the member's start + the first element's indentation; tail ends with closing.
      yield `${first ? '' : ','}${head.slice(1)}`;
      first = false;
      const known = options.texts?.[key];
      // The text of elements [from, to) as one stretch (the separators between them included).
      const own = options.stretches?.[key];
      const stretch = own ? (from: number, to: number) => own(v, from, to) : (from: number, to: number) => {
        const s = JSON.stringify({ [key]: v.slice(from, to) }, null, indent);
        return [s.slice(head.length, s.length - tail.length)];
      };
      if (!known) {
        for (let i = 0; i < v.length; i += batch) {
          if (i > 0) yield sep;
          yield* stretch(i, Math.min(v.length, i + batch));
        }
      } else {
        // Texts made elsewhere are yielded as they are, not joined into a batch's string first:
        // the writer copies each into its buffer anyway. The elements without one are stringified
        // here, a stretch of at most `batch` of them at a time.
        for (let j = 0; j < v.length;) {
          if (j > 0) yield sep;
          const t = known[j];
          if (t !== undefined) {
            yield t;
            j++;
          } else {
            let k = j + 1;
            while (k < v.length && k - j < batch && known[k] === undefined) k++;
            yield* stretch(j, k);
            j = k;
          }
        }
      }
      yield tail.slice(0, tail.length - closing.length);
      continue;
    }
    const s = JSON.stringify({ [key]: v }, null, indent);
    if (s === '{}') continue; // undefined, a function or a symbol: JSON.stringify leaves the member out
    yield `${first ? '' : ','}${s.slice(1, s.length - closing.length)}`;
    first = false;
  }
  yield first ? '}' : closing;
}

/**
 * The text each element of `elements` has in jsonChunks's output when they are the members of
 * `key` in `split` at this indent (an element's text depends on nothing but the element and its
 * depth), for jsonChunks's `texts`.
 */
export function elementTexts(key: string, elements: readonly unknown[], indent = 0): string[] {
  const { head, tail } = arrayFrame(key, indent);
  return elements.map((e) => {
    const s = JSON.stringify({ [key]: [e] }, null, indent);
    return s.slice(head.length, s.length - tail.length);
  });
}
