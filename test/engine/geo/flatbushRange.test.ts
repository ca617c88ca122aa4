// Box search into a reused buffer: the same ids in the same order as Flatbush.search (the
// library's own walk), and the same set as a brute-force scan (second method), for small boxes,
// boxes holding whole subtrees and the whole index, across calls that grow the buffers.
import { describe, expect, it } from 'vitest';
import Flatbush from 'flatbush';
import { flatbushRange, flatbushRangeIds } from '../../../src/engine/geo/flatbushRange';
import { mulberry32 } from '../../../bench/lib/random';

describe('flatbushRange', () => {
  it('finds the items Flatbush.search finds, in its order', () => {
    const rand = mulberry32(7);
    for (const [count, nodeSize] of [[3000, 16], [500, 4], [1, 16]] as const) {
      const boxes: [number, number, number, number][] = [];
      const index = new Flatbush(count, nodeSize);
      for (let i = 0; i < count; i++) {
        const x = rand() * 1000, y = rand() * 1000, w = rand() * 30, h = rand() * 30;
        boxes.push([x, y, x + w, y + h]);
        index.add(x, y, x + w, y + h);
      }
      index.finish();
      for (let t = 0; t < 60; t++) {
        const x0 = rand() * 1000 - 100, y0 = rand() * 1000 - 100, w = rand() * (t < 10 ? 1200 : 150), h = rand() * (t < 10 ? 1200 : 150);
        const n = flatbushRange(index, x0, y0, x0 + w, y0 + h);
        const got = Array.from(flatbushRangeIds().subarray(0, n));
        expect(got).toEqual(index.search(x0, y0, x0 + w, y0 + h));
        const brute = boxes.flatMap((b, i) => (b[0] <= x0 + w && b[2] >= x0 && b[1] <= y0 + h && b[3] >= y0 ? [i] : []));
        expect([...got].sort((a, b) => a - b)).toEqual(brute);
      }
      const all = flatbushRange(index, -1e9, -1e9, 1e9, 1e9);
      expect(all).toBe(count);
    }
  });
});
