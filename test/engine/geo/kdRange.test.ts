// Range search into a reused buffer: the same ids as a brute-force scan (second method), in
// kdbush's own order, across calls that grow the buffers.
import { describe, expect, it } from 'vitest';
import KDBush from 'kdbush';
import { kdRange, kdRangeIds } from '../../../src/engine/geo/kdRange';
import { mulberry32 } from '../../../bench/lib/random';

describe('kdRange', () => {
  it('finds exactly the points in the box, in kdbush order', () => {
    const rand = mulberry32(5);
    const pts: [number, number][] = [];
    for (let i = 0; i < 5000; i++) pts.push([rand() * 1000, rand() * 1000]);
    const index = new KDBush(pts.length);
    for (const [x, y] of pts) index.add(x, y);
    index.finish();
    for (let t = 0; t < 50; t++) {
      const x0 = rand() * 1000, y0 = rand() * 1000, w = rand() * (t < 5 ? 1000 : 200), h = rand() * 200;
      const n = kdRange(index, x0, y0, x0 + w, y0 + h);
      const got = Array.from(kdRangeIds().subarray(0, n));
      const brute = pts.flatMap(([x, y], i) => (x >= x0 && x <= x0 + w && y >= y0 && y <= y0 + h ? [i] : []));
      expect([...got].sort((a, b) => a - b)).toEqual(brute);
      expect(got).toEqual(index.range(x0, y0, x0 + w, y0 + h));
    }
  });
});
