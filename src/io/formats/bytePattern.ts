// Fixed byte strings compared in place with a text's bytes four at a time (a DataView's unaligned
// 32-bit reads), for the scanners' repeated texts: a feature's opening, a properties object's names.
// A byte-by-byte loop costs two bounds-checked loads and a comparison per byte; the words take a
// quarter of the iterations.

/** A byte string and its whole little-endian 32-bit words (the last length % 4 bytes are compared one by one). */
export interface BytePattern {
  readonly bytes: Uint8Array;
  readonly words: Int32Array;
}

export function bytePattern(bytes: Uint8Array): BytePattern {
  const words = new Int32Array(bytes.length >> 2);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let k = 0; k < words.length; k++) words[k] = view.getInt32(4 * k, true);
  return { bytes, words };
}

/** A DataView of the same bytes as `s`, for patternAt and sameWords. */
export function viewOf(s: Uint8Array): DataView {
  return new DataView(s.buffer, s.byteOffset, s.byteLength);
}

/** Whether `p`'s bytes are in `s` at `i` (`view`: viewOf(s)); false where they would run past its end. */
export function patternAt(view: DataView, s: Uint8Array, i: number, p: BytePattern): boolean {
  const w = p.bytes, words = p.words, n = w.length;
  if (i < 0 || i + n > s.length) return false;
  let j = 0;
  for (let k = 0; k < words.length; k++, j += 4) if (view.getInt32(i + j, true) !== words[k]) return false;
  for (; j < n; j++) if (s[i + j] !== w[j]) return false;
  return true;
}

/** Whether s[a … a + n − 1] and s[b … b + n − 1] are the same bytes (both ranges inside `s`; `view`: viewOf(s)). */
export function sameBytesAt(view: DataView, s: Uint8Array, a: number, b: number, n: number): boolean {
  let j = 0;
  for (; j + 4 <= n; j += 4) if (view.getInt32(a + j, true) !== view.getInt32(b + j, true)) return false;
  for (; j < n; j++) if (s[a + j] !== s[b + j]) return false;
  return true;
}
