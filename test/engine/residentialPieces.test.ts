// The flat polygon store of the residential basis: areas, boxes and rings checked by hand.
import { describe, expect, it } from 'vitest';
import { metricRingsOf, PolygonStoreBuilder, ringsIndexOf, ringsStoreOf } from '../../src/engine/residentialPieces';
import { mulberry32 } from '../../bench/lib/random';

describe('PolygonStoreBuilder', () => {
  it('stores polygons with holes: net area, box and rings as written (10×10 square with a 2×2 hole: 96 m²)', () => {
    const b = new PolygonStoreBuilder();
    b.polygon([[[0, 0], [10, 0], [10, 10], [0, 10]], [[4, 4], [4, 6], [6, 6], [6, 4]]], 3);
    b.polygon([[[20, 0], [23, 0], [20, 4]]]);
    const s = b.finish();
    expect(s.count).toBe(2);
    expect(Array.from(s.area)).toEqual([96, 6]);
    expect(Array.from(s.bbox)).toEqual([0, 0, 10, 10, 20, 0, 23, 4]);
    expect(Array.from(s.weight)).toEqual([3, 1]);
    expect(metricRingsOf(s, 0)).toEqual([[[0, 0], [10, 0], [10, 10], [0, 10]], [[4, 4], [4, 6], [6, 6], [6, 4]]]);
    expect(Array.from(s.xy.subarray(s.ringStart[s.polygonRing[1]], s.ringStart[s.polygonRing[1] + 1]))).toEqual([20, 0, 23, 0, 20, 4]);
  });

  it('vertex by vertex: repeats and the closing vertex dropped, a clockwise ring reversed', () => {
    const b = new PolygonStoreBuilder();
    for (const [x, y] of [[0, 0], [0, 5], [0, 5], [5, 5], [5, 0], [0, 0]]) b.vertex(x, y);
    b.dropClosing();
    expect(b.open).toBe(4);
    b.reverseOpen();
    b.endRing();
    b.endPolygon();
    const s = b.finish();
    expect(metricRingsOf(s, 0)).toEqual([[[5, 0], [5, 5], [0, 5], [0, 0]]]);
    expect(s.area[0]).toBe(25);
  });

  it('closedRing: a ring written whole (reversed or not), by hand and as vertex by vertex', () => {
    // Clockwise 3 × 2 rectangle written reversed: counter-clockwise, 6 m², box 1..4 × 1..3.
    const h = new PolygonStoreBuilder();
    h.polygon([[[9, 9], [10, 9], [9, 10]]]);
    h.closedRing(Float64Array.from([1, 1, 1, 3, 4, 3, 4, 1]), 4, true, 12);
    h.endPolygon();
    const hs = h.finish();
    expect(metricRingsOf(hs, 1)).toEqual([[[4, 1], [4, 3], [1, 3], [1, 1]]]);
    expect(hs.area[1]).toBe(6);
    expect(Array.from(hs.bbox.subarray(4, 8))).toEqual([1, 1, 4, 3]);
    // Random rings (a store already holding a polygon, one grown past its first size): the same
    // columns as the ring written vertex by vertex (reverseOpen when reversed).
    let seed = 5;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let round = 0; round < 50; round++) {
      const n = 3 + Math.floor(rnd() * 60), reverse = round % 2 === 1;
      const src = Float64Array.from({ length: 2 * n }, () => 1000 * rnd() - 500);
      const a = new PolygonStoreBuilder(), b = new PolygonStoreBuilder();
      for (const s of [a, b]) s.polygon([[[0, 0], [7, 0], [7, 7], [0, 7]]]);
      for (let k = 0; k < 2 * n; k += 2) a.vertex(src[k], src[k + 1]);
      if (reverse) a.reverseOpen();
      a.endRing();
      a.endPolygon(2);
      // endRing's sum over the ring as written, taken here on its own.
      const w = (i: number) => 2 * (reverse ? n - 1 - i : i);
      let twice = 0;
      for (let i = 0; i < n; i++) {
        const j = (i + n - 1) % n;
        twice += (src[w(j)] - src[w(i)]) * (src[w(j) + 1] + src[w(i) + 1]);
      }
      b.closedRing(src, n, reverse, twice);
      b.endPolygon(2);
      const sa = a.finish(), sb = b.finish();
      for (const col of ['xy', 'ringStart', 'polygonRing', 'area', 'bbox', 'weight'] as const) expect(Array.from(sb[col])).toEqual(Array.from(sa[col]));
    }
  });

  it('truncate forgets polygons; copy carries a polygon from another store with a new weight', () => {
    const a = new PolygonStoreBuilder();
    a.polygon([[[0, 0], [2, 0], [2, 2], [0, 2]]]);
    const from = a.finish();
    const b = new PolygonStoreBuilder();
    b.polygon([[[0, 0], [1, 0], [0, 1]]]);
    b.polygon([[[0, 0], [9, 0], [0, 9]]]);
    b.truncate(1);
    expect(b.count).toBe(1);
    expect(b.copy(from, 0, 0.5)).toBe(1);
    const s = b.finish();
    expect(Array.from(s.area)).toEqual([0.5, 4]);
    expect(Array.from(s.weight)).toEqual([1, 0.5]);
    expect(Array.from(s.xy)).toEqual([0, 0, 1, 0, 0, 1, 0, 0, 2, 0, 2, 2, 0, 2]);
    expect(Array.from(s.bbox.subarray(4))).toEqual([0, 0, 2, 2]);
  });

  it('reference: a polygon with another store\'s rings, its own area, box and weight, and no rings written', () => {
    const layer = new PolygonStoreBuilder();
    layer.polygon([[[0, 0], [1, 0], [0, 1]]]);
    layer.polygon([[[0, 0], [10, 0], [10, 10], [0, 10]], [[4, 4], [4, 6], [6, 6], [6, 4]]]); // 96 m²
    layer.polygon([[[20, 0], [26, 0], [20, 4]]]); // 12 m²
    const from = layer.finish();
    const b = new PolygonStoreBuilder();
    b.polygon([[[50, 50], [52, 50], [52, 52]]]); // 2 m², rings of its own
    expect(b.reference(from, 2, 0.25)).toBe(1);
    expect(b.reference(from, 1, 3)).toBe(2);
    b.polygon([[[60, 60], [61, 60], [61, 61], [60, 61]]]);
    const s = b.finish();
    expect(Array.from(s.area)).toEqual([2, 12, 96, 1]);
    expect(Array.from(s.weight)).toEqual([1, 0.25, 3, 1]);
    expect(Array.from(s.bbox.subarray(4, 12))).toEqual([20, 0, 26, 4, 0, 0, 10, 10]);
    // Only the two polygons of its own were written: 3 + 4 vertices.
    expect(s.xy.length).toBe(14);
    expect(Array.from(s.ringsFrom!)).toEqual([-1, 2, 1, -1]);
    expect(s.ringsStore).toBe(from);
    expect(metricRingsOf(s, 2)).toEqual([[[0, 0], [10, 0], [10, 10], [0, 10]], [[4, 4], [4, 6], [6, 6], [6, 4]]]);
    expect(metricRingsOf(s, 3)).toEqual([[[60, 60], [61, 60], [61, 61], [60, 61]]]);
    expect([ringsStoreOf(s, 1), ringsIndexOf(s, 1)]).toEqual([from, 2]);
    expect([ringsStoreOf(s, 3), ringsIndexOf(s, 3)]).toEqual([s, 3]);
    // Copying from the referring store copies the rings referred to; a reference to a referring
    // store's polygon refers to the first store.
    const c = new PolygonStoreBuilder();
    c.copy(s, 2, 5);
    c.reference(s, 1, 7);
    const t = c.finish();
    expect(metricRingsOf(t, 0)).toEqual(metricRingsOf(from, 1));
    expect(t.ringsFrom === undefined || t.ringsFrom[0] === -1).toBe(true);
    expect([t.ringsStore, t.ringsFrom?.[1], t.area[1], t.weight[1]]).toEqual([from, 2, 12, 7]);
  });

  it('reference copies what it cannot refer to: a ring repeating a vertex (as copy writes it), a second store', () => {
    const repeated = new PolygonStoreBuilder();
    repeated.polygon([[[0, 0], [10, 0], [10, 10], [0, 10]]]);
    const ok = repeated.finish();
    // A store holding a ring with (10, 10) twice, as a store not written by the builder may.
    const odd = { count: 1, xy: Float64Array.from([0, 0, 10, 0, 10, 10, 10, 10, 0, 10]), ringStart: Uint32Array.from([0, 10]), polygonRing: Uint32Array.from([0, 1]), area: Float64Array.from([100]), bbox: Float64Array.from([0, 0, 10, 10]), weight: Float64Array.from([1]) };
    const b = new PolygonStoreBuilder();
    b.reference(odd, 0, 2);
    b.reference(ok, 0, 1);
    const other = new PolygonStoreBuilder();
    other.polygon([[[0, 0], [3, 0], [0, 3]]]);
    b.reference(other.finish(), 0, 3);
    const s = b.finish();
    expect(Array.from(s.ringsFrom!)).toEqual([-1, 0, -1]);
    expect(metricRingsOf(s, 0)).toEqual([[[0, 0], [10, 0], [10, 10], [0, 10]]]);
    expect(Array.from(s.area)).toEqual([100, 100, 4.5]);
    expect(metricRingsOf(s, 2)).toEqual([[[0, 0], [3, 0], [0, 3]]]);
  });

  it('copy keeps holes, rings and the area (10×10 with a 2×2 hole: 96 m²) and drops a repeated vertex as vertex() does', () => {
    const a = new PolygonStoreBuilder();
    a.polygon([[[0, 0], [10, 0], [10, 10], [0, 10]], [[4, 4], [4, 6], [6, 6], [6, 4]]]);
    const b = new PolygonStoreBuilder();
    b.polygon([[[0, 0], [1, 0], [0, 1]]]);
    b.copy(a.finish(), 0, 2);
    // A store written by hand with the vertex (3, 0) twice: copied without the repeat.
    const raw = {
      count: 1, xy: Float64Array.from([0, 0, 3, 0, 3, 0, 0, 3]), ringStart: Uint32Array.from([0, 8]), polygonRing: Uint32Array.from([0, 1]),
      area: Float64Array.from([4.5]), bbox: Float64Array.from([0, 0, 3, 3]), weight: Float64Array.from([1]),
    };
    b.copy(raw, 0, 1);
    const s = b.finish();
    expect(Array.from(s.area)).toEqual([0.5, 96, 4.5]);
    expect(Array.from(s.weight)).toEqual([1, 2, 1]);
    expect(metricRingsOf(s, 1)).toEqual([[[0, 0], [10, 0], [10, 10], [0, 10]], [[4, 4], [4, 6], [6, 6], [6, 4]]]);
    expect(metricRingsOf(s, 2)).toEqual([[[0, 0], [3, 0], [0, 3]]]);
    expect(Array.from(s.bbox)).toEqual([0, 0, 1, 1, 0, 0, 10, 10, 0, 0, 3, 3]);
    expect(Array.from(s.ringStart)).toEqual([0, 6, 14, 22, 28]);
  });

  it('copy of a ring repeating its third vertex (10×10 square written with (10, 10) twice): four vertices, 100 m²', () => {
    const raw = {
      count: 1,
      xy: Float64Array.from([0, 0, 10, 0, 10, 10, 10, 10, 0, 10]),
      ringStart: Uint32Array.from([0, 10]), polygonRing: Uint32Array.from([0, 1]),
      area: Float64Array.from([100]), bbox: Float64Array.from([0, 0, 10, 10]), weight: Float64Array.from([1]),
    };
    const b = new PolygonStoreBuilder();
    b.copy(raw, 0, 1);
    const s = b.finish();
    expect(metricRingsOf(s, 0)).toEqual([[[0, 0], [10, 0], [10, 10], [0, 10]]]);
    expect(s.area[0]).toBe(100);
  });

  it('copy of a polygon whose second ring repeats a vertex: written as vertex() writes it, the first ring not doubled', () => {
    // 10×10 square (100 m²) with a hole written by hand as (4, 4), (4, 6), (4, 6), (6, 6), (6, 4):
    // the hole keeps four vertices (area −4), the polygon 96 m² over 4 + 4 vertices.
    const raw = {
      count: 1,
      xy: Float64Array.from([0, 0, 10, 0, 10, 10, 0, 10, 4, 4, 4, 6, 4, 6, 6, 6, 6, 4]),
      ringStart: Uint32Array.from([0, 8, 18]), polygonRing: Uint32Array.from([0, 2]),
      area: Float64Array.from([96]), bbox: Float64Array.from([0, 0, 10, 10]), weight: Float64Array.from([1]),
    };
    const b = new PolygonStoreBuilder();
    b.polygon([[[0, 0], [1, 0], [0, 1]]]);
    expect(b.copy(raw, 0, 3)).toBe(1);
    b.polygon([[[20, 0], [22, 0], [20, 2]]]);
    const s = b.finish();
    expect(Array.from(s.ringStart)).toEqual([0, 6, 14, 22, 28]);
    expect(metricRingsOf(s, 1)).toEqual([[[0, 0], [10, 0], [10, 10], [0, 10]], [[4, 4], [4, 6], [6, 6], [6, 4]]]);
    expect(metricRingsOf(s, 2)).toEqual([[[20, 0], [22, 0], [20, 2]]]);
    expect(Array.from(s.area)).toEqual([0.5, 96, 2]);
    expect(Array.from(s.weight)).toEqual([1, 3, 1]);
  });

  it('copy gives the columns the polygons written vertex by vertex give, bit for bit, while every column grows', () => {
    // 150 polygons (holes in every third) of 4-8 vertices at fractional coordinates: a builder's
    // default room (16 polygons, 16 rings, 512 vertices) is outgrown by the copies themselves.
    const rand = mulberry32(5);
    const a = new PolygonStoreBuilder();
    const polys: [number, number][][][] = [];
    for (let k = 0; k < 150; k++) {
      const cx = rand() * 1000, cy = rand() * 1000, n = 4 + Math.floor(rand() * 5);
      const outer: [number, number][] = Array.from({ length: n }, (_, i) => [cx + (3 + rand()) * Math.cos((2 * Math.PI * i) / n), cy + (3 + rand()) * Math.sin((2 * Math.PI * i) / n)]);
      const rings = k % 3 ? [outer] : [outer, [[cx - 0.5, cy - 0.5], [cx - 0.5, cy + 0.5], [cx + 0.5, cy + 0.3]] as [number, number][]];
      polys.push(rings);
      a.polygon(rings);
    }
    const from = a.finish();
    const copied = new PolygonStoreBuilder(), written = new PolygonStoreBuilder();
    polys.forEach((rings, k) => {
      const w = 0.25 + k;
      expect(copied.copy(from, k, w)).toBe(k);
      for (const r of rings) {
        for (const [x, y] of r) written.vertex(x, y);
        written.endRing();
      }
      written.endPolygon(w);
    });
    const c = copied.finish(), w = written.finish();
    expect(c.count).toBe(150);
    for (const col of ['xy', 'ringStart', 'polygonRing', 'area', 'bbox', 'weight'] as const) {
      expect(c[col].length, col).toBe(w[col].length);
      expect(Array.from(c[col]), col).toEqual(Array.from(w[col]));
    }
  });

  it('finish: columns filled to three quarters or more are handed over as they are, emptier ones copied to their length', () => {
    // A builder starts with room for 16 polygons, 16 rings and 512 vertices (1024 numbers).
    const triangles = (n: number) => {
      const b = new PolygonStoreBuilder();
      for (let i = 0; i < n; i++) b.polygon([[[2 * i, 0], [2 * i + 1, 0], [2 * i, 3]]], i);
      return b.finish();
    };
    // 3 triangles fill no column to 3/4: every column copied to its length.
    const a = triangles(3);
    expect(a.xy.buffer.byteLength).toBe(18 * 8);
    expect(a.ringStart.buffer.byteLength).toBe(4 * 4);
    expect(a.polygonRing.buffer.byteLength).toBe(4 * 4);
    expect(a.area.buffer.byteLength).toBe(3 * 8);
    expect(a.bbox.buffer.byteLength).toBe(12 * 8);
    expect(a.weight.buffer.byteLength).toBe(3 * 8);
    expect(Array.from(a.area)).toEqual([1.5, 1.5, 1.5]);
    // 13 triangles: 13 of 16 polygons and 14 of 17 ring starts (over 3/4: the builder's own
    // arrays, seen through views of their length); 78 of 1024 coordinates (copied).
    const s = triangles(13);
    expect(s.xy.buffer.byteLength).toBe(78 * 8);
    expect(s.ringStart.length).toBe(14);
    expect(s.ringStart.buffer.byteLength).toBe(17 * 4);
    expect(s.polygonRing.length).toBe(14);
    expect(s.polygonRing.buffer.byteLength).toBe(17 * 4);
    expect(s.area.length).toBe(13);
    expect(s.area.buffer.byteLength).toBe(16 * 8);
    expect(s.bbox.buffer.byteLength).toBe(64 * 8);
    expect(s.weight.buffer.byteLength).toBe(16 * 8);
    expect(Array.from(s.weight)).toEqual(Array.from({ length: 13 }, (_, i) => i));
    expect(Array.from(s.area)).toEqual(new Array(13).fill(1.5));
    expect(Array.from(s.bbox.subarray(48))).toEqual([24, 0, 25, 3]);
    expect(Array.from(s.ringStart.subarray(12))).toEqual([72, 78]);
    expect(metricRingsOf(s, 12)).toEqual([[[24, 0], [25, 0], [24, 3]]]);
  });
});
