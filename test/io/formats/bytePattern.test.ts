// bytePattern: comparing four bytes at a time answers as a byte-by-byte comparison does, at every
// offset (aligned or not), for every length's tail, and at the text's end.
import { describe, expect, it } from 'vitest';
import { bytePattern, patternAt, sameBytesAt, viewOf } from '../../../src/io/formats/bytePattern';
import { mulberry32 } from '../../../bench/lib/random';

/** The byte-by-byte answer: w's bytes in s at i, all of them inside s. */
function byteByByte(s: Uint8Array, i: number, w: Uint8Array): boolean {
  if (i < 0 || i + w.length > s.length) return false;
  for (let j = 0; j < w.length; j++) if (s[i + j] !== w[j]) return false;
  return true;
}

describe('patternAt and sameBytesAt against a byte-by-byte comparison', () => {
  it('patterns of 0–13 bytes at every offset of a text over a small alphabet (so that many places match), in a view at an odd offset', () => {
    const rnd = mulberry32(20261203);
    const buffer = new Uint8Array(203);
    for (let i = 0; i < buffer.length; i++) buffer[i] = 0x61 + Math.floor(rnd() * 2);
    const s = buffer.subarray(3, 200); // byteOffset 3: no read is aligned with the buffer's words
    const view = viewOf(s);
    let matches = 0;
    for (let n = 0; n <= 13; n++) {
      for (let t = 0; t < 20; t++) {
        // Half the patterns copied from the text (they match somewhere), half random.
        const from = Math.floor(rnd() * (s.length - n));
        const w = t % 2 === 0 ? s.slice(from, from + n) : Uint8Array.from({ length: n }, () => 0x61 + Math.floor(rnd() * 2));
        const p = bytePattern(w);
        for (let i = -1; i <= s.length; i++) {
          const want = byteByByte(s, i, w);
          if (want) matches++;
          if (patternAt(view, s, i, p) !== want) expect(`n ${n} at ${i}: ${!want}`).toBe(`n ${n} at ${i}: ${want}`);
        }
      }
    }
    expect(matches).toBeGreaterThan(1000);
  });

  it('a difference in any one byte of a pattern, first, middle, in the last whole word or in the tail, is seen', () => {
    const w = new TextEncoder().encode('{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":');
    const s = new Uint8Array(w.length + 5);
    s.set(w, 2);
    const view = viewOf(s), p = bytePattern(w);
    expect(patternAt(view, s, 2, p)).toBe(true);
    for (let j = 0; j < w.length; j++) {
      s[2 + j] ^= 0x20;
      expect(patternAt(view, s, 2, p), `byte ${j}`).toBe(false);
      s[2 + j] ^= 0x20;
    }
    // Running past the end: false, not a RangeError.
    expect(patternAt(view, s.subarray(0, w.length + 1), 2, p)).toBe(false);
  });

  it('sameBytesAt: two ranges of 0–13 bytes at every pair of offsets', () => {
    const rnd = mulberry32(7);
    const s = Uint8Array.from({ length: 64 }, () => 0x30 + Math.floor(rnd() * 2));
    const view = viewOf(s);
    let same = 0;
    for (let n = 0; n <= 13; n++) {
      for (let a = 0; a + n <= s.length; a++) {
        for (let b = 0; b + n <= s.length; b++) {
          let want = true;
          for (let j = 0; j < n; j++) if (s[a + j] !== s[b + j]) want = false;
          if (want) same++;
          if (sameBytesAt(view, s, a, b, n) !== want) expect(`n ${n}, ${a} and ${b}: ${!want}`).toBe(`n ${n}, ${a} and ${b}: ${want}`);
        }
      }
    }
    expect(same).toBeGreaterThan(5000);
  });
});
