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
}

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
 * text). `value` is a plain object (no toJSON of its own); a member listed in `split` whose value
 * is a non-empty array is written `batch` elements at a time.
 */
export function* jsonChunks(value: Record<string, unknown>, options: JsonChunkOptions = {}): Generator<string> {
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
      for (let i = 0; i < v.length; i += batch) {
        const s = JSON.stringify({ [key]: v.slice(i, i + batch) }, null, indent);
        yield `${i > 0 ? sep : ''}${s.slice(head.length, s.length - tail.length)}`;
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
