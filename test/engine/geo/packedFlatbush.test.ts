// The packed index finds, for any query box, the boxes a scan of every box finds, and the boxes a
// Flatbush built with add() and finish() finds; asked to keep a coherent order, it keeps a layer
// written block by block as it is and sorts one in no useful order, finding the same boxes.
import Flatbush from 'flatbush';
import { describe, expect, it } from 'vitest';
import { packedFlatbush, packedFlatbushInPlace } from '../../../src/engine/geo/packedFlatbush';
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

  describe('keepCoherent', () => {
    /** Boxes (buildings of 8–30 m) in blocks of 12–40 on a grid of 300 m blocks, written block by block. */
    function blocks(seed: number, side: number): Float64Array {
      const rand = mulberry32(seed);
      const out: number[] = [];
      for (let by = 0; by < side; by++) {
        for (let bx = 0; bx < side; bx++) {
          const m = 12 + Math.floor(rand() * 29);
          for (let k = 0; k < m; k++) {
            const x = bx * 300 + rand() * 270, y = by * 300 + rand() * 270, w = 8 + 22 * rand(), h = 8 + 22 * rand();
            out.push(x, y, x + w, y + h);
          }
        }
      }
      return Float64Array.from(out);
    }
    function shuffled(boxes: Float64Array, seed: number): Float64Array {
      const rand = mulberry32(seed), n = boxes.length / 4, order = Array.from({ length: n }, (_, k) => k);
      for (let k = n - 1; k > 0; k--) { const j = Math.floor(rand() * (k + 1)); [order[k], order[j]] = [order[j], order[k]]; }
      const out = new Float64Array(4 * n);
      order.forEach((k, q) => out.set(boxes.subarray(4 * k, 4 * k + 4), 4 * q));
      return out;
    }
    /** Every query (block-sized and smaller, some over the edge) finds what a scan finds. */
    function searchesAsScan(index: Flatbush, boxes: Float64Array, rand: () => number, extent: number): void {
      const n = boxes.length / 4;
      let hits = 0;
      for (let q = 0; q < 200; q++) {
        const x0 = rand() * (extent + 200) - 100, y0 = rand() * (extent + 200) - 100, s = q % 3 === 0 ? 400 : 60 * rand();
        const x1 = x0 + s, y1 = y0 + s;
        const scan: number[] = [];
        for (let k = 0; k < n; k++) if (boxes[4 * k] <= x1 && boxes[4 * k + 2] >= x0 && boxes[4 * k + 1] <= y1 && boxes[4 * k + 3] >= y0) scan.push(k);
        const found = flatbushRange(index, x0, y0, x1, y1);
        expect(sorted(flatbushRangeIds().subarray(0, found))).toEqual(scan);
        expect(sorted(index.search(x0, y0, x1, y1))).toEqual(scan);
        hits += scan.length;
      }
      expect(hits).toBeGreaterThan(1000);
    }
    const leavesInOrder = (index: Flatbush) => Array.from({ length: index.numItems }, (_, q) => index._indices[q]).every((k, q) => k === q);

    it.each([[1, 20], [2, 12]])('seed %i, %i² blocks written block by block: leaves kept in their order, searches as a scan', (seed, side) => {
      const boxes = blocks(seed, side);
      const index = packedFlatbush(boxes, boxes.length / 4, true)!;
      expect(leavesInOrder(index)).toBe(true);
      searchesAsScan(index, boxes, mulberry32(seed + 100), 300 * side);
    });

    it.each([[3, 20], [4, 12]])('seed %i, %i² blocks shuffled: sorted along the Hilbert curve (the tree without keepCoherent), searches as a scan', (seed, side) => {
      const boxes = shuffled(blocks(seed, side), seed);
      const index = packedFlatbush(boxes, boxes.length / 4, true)!;
      expect(leavesInOrder(index)).toBe(false);
      expect(new Uint8Array(index.data)).toEqual(new Uint8Array(packedFlatbush(boxes, boxes.length / 4)!.data));
      searchesAsScan(index, boxes, mulberry32(seed + 100), 300 * side);
    });

    /** A Flatbush of the boxes' count with the boxes written into its leaves, as a store writes its box column there. */
    function leavesWritten(boxes: Float64Array): Flatbush {
      const tree = new Flatbush(boxes.length / 4);
      (tree._boxes as Float64Array).set(boxes);
      return tree;
    }

    it.each([[1, 20], [2, 12], [7, 3]])('in place, seed %i, %i² blocks written block by block: byte for byte the tree packedFlatbush builds keeping the order', (seed, side) => {
      const boxes = blocks(seed, side);
      const kept = packedFlatbush(boxes, boxes.length / 4, true)!;
      const tree = leavesWritten(boxes);
      const index = packedFlatbushInPlace(tree)!;
      expect(index).toBe(tree);
      expect(new Uint8Array(index.data)).toEqual(new Uint8Array(kept.data));
      expect(index._pos).toBe(kept._pos);
      expect([index.minX, index.minY, index.maxX, index.maxY]).toEqual([kept.minX, kept.minY, kept.maxX, kept.maxY]);
      searchesAsScan(index, boxes, mulberry32(seed + 100), 300 * side);
      // What Flatbush.from reads back from the buffer is the same tree.
      const back = Flatbush.from(index.data);
      expect(sorted(back.search(0, 0, 600, 600))).toEqual(sorted(kept.search(0, 0, 600, 600)));
    });

    it('in place, blocks shuffled: null, the leaves as written (for packedFlatbush to sort from)', () => {
      const boxes = shuffled(blocks(3, 12), 3);
      const tree = leavesWritten(boxes);
      expect(packedFlatbushInPlace(tree)).toBeNull();
      expect((tree._boxes as Float64Array).subarray(0, boxes.length)).toEqual(boxes);
    });

    it('in place, no more boxes than a node holds: null', () => {
      expect(packedFlatbushInPlace(leavesWritten(blocks(8, 1).subarray(0, 4 * 16)))).toBeNull();
    });

    it('districts of 6 × 6 blocks, each written block by block, listed in random order: sorted along the Hilbert curve', () => {
      // About 940 boxes a district, 289 districts: nodes low in the tree are as compact as the
      // blocks', those above them scattered over the layer.
      const side = 102, b = blocks(6, side), n = b.length / 4;
      const district = (k: number) => Math.floor(b[4 * k + 1] / 1800) * 17 + Math.floor(b[4 * k] / 1800);
      const rand = mulberry32(6), rank = Array.from({ length: 17 * 17 }, () => rand());
      const order = Array.from({ length: n }, (_, k) => k).sort((p, q) => rank[district(p)] - rank[district(q)] || p - q);
      const boxes = new Float64Array(4 * n);
      order.forEach((k, q) => boxes.set(b.subarray(4 * k, 4 * k + 4), 4 * q));
      expect(leavesInOrder(packedFlatbush(boxes, n, true)!)).toBe(false);
    });

    it('blocks written column by column of buildings (sorted by x across the whole layer): sorted along the Hilbert curve', () => {
      const b = blocks(5, 20), n = b.length / 4;
      const byX = Array.from({ length: n }, (_, k) => k).sort((p, q) => b[4 * p] - b[4 * q]);
      const boxes = new Float64Array(4 * n);
      byX.forEach((k, q) => boxes.set(b.subarray(4 * k, 4 * k + 4), 4 * q));
      expect(leavesInOrder(packedFlatbush(boxes, n, true)!)).toBe(false);
    });
  });
});
