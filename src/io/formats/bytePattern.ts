// Fixed byte strings compared in place with a text's bytes four at a time (a DataView's unaligned
// 32-bit reads), for the scanners' repeated texts: a feature's opening, a properties object's names.
// A byte-by-byte loop costs two bounds-checked loads and a comparison per byte; the words take a
// quarter of the iterations, and no loop for a tail (the last word overlaps the one before).

/**
 * A byte string as 32-bit words (little-endian): the words at 0, 4, 8, … and, when the length is not
 * a multiple of four, the word of its last four bytes (overlapping the one before). Strings
 * shorter than four bytes are compared byte by byte.
 */
export interface BytePattern {
  readonly bytes: Uint8Array;
  readonly words: Int32Array;
}

export function bytePattern(bytes: Uint8Array): BytePattern {
  const n = bytes.length;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const words = new Int32Array(n < 4 ? 0 : Math.ceil(n / 4));
  for (let k = 0; k < words.length; k++) words[k] = view.getInt32(Math.min(4 * k, n - 4), true);
  return { bytes, words };
}

/** A DataView of the same bytes as `s`, for patternAt and sameBytesAt. */
export function viewOf(s: Uint8Array): DataView {
  return new DataView(s.buffer, s.byteOffset, s.byteLength);
}

/** Whether `p`'s bytes are in `s` at `i` (`view`: viewOf(s)); false where they would run past its end. */
export function patternAt(view: DataView, s: Uint8Array, i: number, p: BytePattern): boolean {
  const w = p.bytes, words = p.words, n = w.length;
  if (i < 0 || i + n > s.length) return false;
  if (n < 4) return shortAt(s, i, w);
  const last = words.length - 1;
  for (let k = 0; k < last; k++) if (view.getInt32(i + 4 * k, true) !== words[k]) return false;
  return view.getInt32(i + n - 4, true) === words[last];
}

/** patternAt for fewer than four bytes. */
function shortAt(s: Uint8Array, i: number, w: Uint8Array): boolean {
  for (let j = 0; j < w.length; j++) if (s[i + j] !== w[j]) return false;
  return true;
}

/** Whether s[a … a + n − 1] and s[b … b + n − 1] are the same bytes (both ranges inside `s`; `view`: viewOf(s)). */
export function sameBytesAt(view: DataView, s: Uint8Array, a: number, b: number, n: number): boolean {
  if (n < 4) return shortSame(s, a, b, n);
  for (let j = 0; j < n - 4; j += 4) if (view.getInt32(a + j, true) !== view.getInt32(b + j, true)) return false;
  return view.getInt32(a + n - 4, true) === view.getInt32(b + n - 4, true);
}

/** sameBytesAt for fewer than four bytes. */
function shortSame(s: Uint8Array, a: number, b: number, n: number): boolean {
  for (let j = 0; j < n; j++) if (s[a + j] !== s[b + j]) return false;
  return true;
}
