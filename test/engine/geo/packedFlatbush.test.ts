// The packed index finds, for any query box, the boxes a scan of every box finds, and the boxes a
// Flatbush built with add() and finish() finds.
import Flatbush from 'flatbush';
import { describe, expect, it } from 'vitest';
import { packedFlatbush } from '../../../src/engine/geo/packedFlatbush';
import { flatbushRange, flatbushRangeIds } from '../../../src/engine/geo/flatbushRange';
import { mulberry32 } from '../../../bench/lib/random';

const sorted = (a: ArrayLike<number>) => Array.from(a).sort((p, q) => p - q);

describe('packedFlatbush', () => {
  it('is null without boxes', () => {
    expect(packedFlatbush(new Float64Array(0), 0)).toBeNull();
  });

  it.each([[1, 1], [2, 16], [3, 17], [4, 300], [5, 5000], [6, 70000]])('seed %i, %i boxes: every query finds what a scan finds', (seed, n) => {
    const rand = mulberry32(seed);
    const boxes = new Float64Array(4 * n);
    for (let k = 0; k < n; k++) {
      // Boxes in rows, some repeated exactly (equal Hilbert keys), some degenerate (a point).
      const same = k % 7 === 3;
      const x = same ? 10 : Math.floor(rand() * 40) * 25 + rand() * 5, y = same ? -20 : (rand() - 0.5) * 1000;
      const w = k % 11 === 0 ? 0 : 1 + 30 * rand(), h = k % 11 === 0 ? 0 : 1 + 30 * rand();
      boxes.set([x, y, x + w, y + h], 4 * k);
    }
    const index = packedFlatbush(boxes, n)!;
    const added = new Flatbush(n);
    for (let k = 0; k < n; k++) added.add(boxes[4 * k], boxes[4 * k + 1], boxes[4 * k + 2], boxes[4 * k + 3]);
    added.finish();
    let hits = 0;
    for (let q = 0; q < 200; q++) {
      const x0 = rand() * 1100 - 50, y0 = (rand() - 0.5) * 1100;
      const x1 = x0 + rand() * (q % 10 === 0 ? 800 : 60), y1 = y0 + rand() * 60;
      const scan: number[] = [];
      for (let k = 0; k < n; k++) if (boxes[4 * k] <= x1 && boxes[4 * k + 2] >= x0 && boxes[4 * k + 1] <= y1 && boxes[4 * k + 3] >= y0) scan.push(k);
      const found = flatbushRange(index, x0, y0, x1, y1);
      expect(sorted(flatbushRangeIds().subarray(0, found))).toEqual(scan);
      expect(sorted(index.search(x0, y0, x1, y1))).toEqual(scan);
      expect(sorted(added.search(x0, y0, x1, y1))).toEqual(scan);
      hits += scan.length;
    }
    if (n >= 300) expect(hits).toBeGreaterThan(100);
    // The whole extent holds every box.
    expect(sorted(index.search(-1e9, -1e9, 1e9, 1e9))).toEqual(Array.from({ length: n }, (_, k) => k));
  });
});
