// The flat polygon store of the residential basis: areas, boxes and rings checked by hand.
import { describe, expect, it } from 'vitest';
import { flatRingsOf, metricRingsOf, PolygonStoreBuilder } from '../../src/engine/residentialPieces';

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
    expect(flatRingsOf(s, 1).map((f) => Array.from(f))).toEqual([[20, 0, 23, 0, 20, 4]]);
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
});
