// The flat .shp scan against the general reader (readShp + ringsToPolygon, objects per ring):
// the same polygons, rings in the same order, every coordinate the same double; and null exactly
// where readShp reports an error or a record the flat layout cannot hold. Shapes written byte by
// byte (shapefileBytes.ts) with rings in every orientation and nesting, plus a hand-worked case.
import { describe, expect, it } from 'vitest';
import type { Geometry } from 'geojson';
import { readShp } from '../../../src/io/formats/shapefile/shp';
import { scanShpPolygons } from '../../../src/io/formats/shapefileFlatPolygons';
import { mulberry32 } from '../../../bench/lib/random';
import { shpBytes, type ShpRing } from './shapefileBytes';

/** readShp's geometries in the flat layout (plain arrays); null where readShp reports an error or a non-polygon. */
function reference(bytes: Uint8Array) {
  const r = readShp(bytes);
  if (r.error) return null;
  const geom = [0], polys = [0], rings = [0], xy: number[] = [];
  for (const rec of r.records) {
    const g = rec.geometry as Geometry | null;
    if (rec.error) return null;
    if (g) {
      if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return null;
      const ps = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      if (ps.length === 0) return null;
      for (const p of ps) {
        for (const ring of p) { for (const q of ring) xy.push(q[0], q[1]); rings.push(xy.length / 2); }
        polys.push(rings.length - 1);
      }
    }
    geom.push(polys.length - 1);
  }
  return { length: r.records.length, geomOffsets: geom, polygonOffsets: polys, ringOffsets: rings, xy };
}

function scanned(bytes: Uint8Array) {
  const s = scanShpPolygons(bytes);
  return s && { length: s.length, geomOffsets: Array.from(s.geomOffsets), polygonOffsets: Array.from(s.polygonOffsets), ringOffsets: Array.from(s.ringOffsets), xy: Array.from(s.xy) };
}

const cw = (x: number, y: number, d: number): ShpRing => [[x, y], [x, y + d], [x + d, y + d], [x + d, y], [x, y]];
const ccw = (x: number, y: number, d: number): ShpRing => cw(x, y, d).reverse();

describe('scanShpPolygons', () => {
  it('by hand: outers in part order, each followed by its holes; a hole in no outer becomes an outer and takes a later hole', () => {
    const A = cw(0, 0, 10), B = ccw(22, 2, 2), C = cw(20, 0, 10), D = ccw(40, 0, 10), E = ccw(42, 2, 2);
    const s = scanShpPolygons(shpBytes([[A, B, C, D, E], null, [ccw(0, 0, 1), ccw(5, 5, 1)], [C]]))!;
    expect(s.length).toBe(4);
    // Record 0: polygons [A], [C, B], [D, E] (B lies in C; D contains no outer's vertex and holds E).
    expect(Array.from(s.geomOffsets)).toEqual([0, 3, 3, 5, 6]);
    expect(Array.from(s.polygonOffsets)).toEqual([0, 1, 3, 5, 6, 7, 8]);
    expect(Array.from(s.ringOffsets)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40]);
    const ring = (k: number) => Array.from(s.xy.subarray(10 * k, 10 * k + 10));
    expect([0, 1, 2, 3, 4].map(ring)).toEqual([A, C, B, D, E].map((r) => r.flat()));
    // Record 2: no clockwise ring, so each ring is a polygon, in file order.
    expect([5, 6].map(ring)).toEqual([ccw(0, 0, 1).flat(), ccw(5, 5, 1).flat()]);
    expect(scanned(shpBytes([[A, B, C, D, E], null, [ccw(0, 0, 1), ccw(5, 5, 1)], [C]]))).toEqual(reference(shpBytes([[A, B, C, D, E], null, [ccw(0, 0, 1), ccw(5, 5, 1)], [C]])));
  });

  it('random records: rings of either orientation, nested or apart, empty parts, null shapes, PolygonZ: as readShp reads them', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rand = mulberry32(seed);
      const records: (ShpRing[] | null)[] = [];
      for (let i = 0; i < 60; i++) {
        if (rand() < 0.05) { records.push(null); continue; }
        const n = 1 + Math.floor(rand() * 6);
        const rec: ShpRing[] = [];
        for (let k = 0; k < n; k++) {
          if (rand() < 0.03) { rec.push([]); continue; }
          const x = rand() * 20, y = rand() * 20, d = 0.5 + rand() * (k === 0 ? 15 : 6);
          const tri = rand() < 0.3;
          const r: ShpRing = tri ? [[x, y], [x + d, y + d / 3], [x + d / 2, y + d], [x, y]] : cw(x, y, d);
          rec.push(rand() < 0.5 ? r : r.slice().reverse());
        }
        records.push(rec);
      }
      const type = seed % 4 === 0 ? 15 : 5;
      const ref = reference(shpBytes(records, type));
      expect(ref).not.toBeNull();
      expect(scanned(shpBytes(records, type))).toEqual(ref);
    }
  });

  it('null wherever readShp reports an error, or a record is not a polygon or has no parts', () => {
    const good = shpBytes([[cw(0, 0, 1)], [cw(2, 0, 1)]]);
    expect(scanned(good)).toEqual(reference(good));
    const cases: Uint8Array[] = [
      good.subarray(0, good.length - 8), // truncated in the last record
      Uint8Array.from([...good, 0, 0, 0]), // trailing bytes
      good.subarray(0, 60), // shorter than the header
      (() => { const b = good.slice(); b[3] = 0; return b; })(), // bad file code
      (() => { const b = good.slice(); new DataView(b.buffer).setInt32(24, b.length, false); return b; })(), // declared length past the end
      (() => { const b = good.slice(); new DataView(b.buffer).setInt32(108 + 44, 7, true); return b; })(), // part index out of range
      shpBytes([[cw(0, 0, 1)], []]), // a polygon without parts
      shpBytes([[cw(0, 0, 1)], { raw: Uint8Array.from([3, 0, 0, 0, ...new Uint8Array(40)]) }]), // a polyline record
      shpBytes([[cw(0, 0, 1)], { raw: Uint8Array.from([5, 0, 0, 0, ...new Uint8Array(36)]) }]), // a polygon record too short
      shpBytes([[[[0, 0], [1, 1]]]], 3), // a polyline file
    ];
    for (const b of cases) {
      const r = readShp(b);
      const flagged = r.error !== undefined || r.records.some((x) => x.error || (x.geometry && x.geometry.type !== 'Polygon' && x.geometry.type !== 'MultiPolygon') || (x.geometry?.type === 'MultiPolygon' && x.geometry.coordinates.length === 0));
      expect(flagged).toBe(true);
      expect(scanShpPolygons(b)).toBeNull();
    }
  });
});
