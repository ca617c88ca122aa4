// A polygon Shapefile read straight from its bytes into a FlatPolygonLayer: parts and points go
// from the .shp into typed arrays without an object per feature or an array per vertex (a city's
// building footprints are hundreds of thousands of records). The .dbf, its encoding (option, .cpg,
// detection) and the .prj are read by the general reader's own functions (shapefile/index.ts).
//
// Conservative by design: anything the general reader (readShapefile + readShp) would report as an
// error of the file or of a record (bad header, truncation, a record of another shape type, part
// indexes out of range, a polygon without parts, a table that does not match the shapes) gives
// null, and the caller then uses the general reader, which reports it as it always has. What it
// accepts it reads to the same polygons as readShp's ringsToPolygon: clockwise rings are outers,
// the others holes of the first outer containing their first vertex (a hole inside no outer, or
// a layer of holes only, becomes an outer of its own), with the same arithmetic in the same order.
import type { ImportProblem, InputFile, RawLayer } from '../import/types';
import type { FlatPolygonLayer } from './flatPolygons';
import { declaredCrsOf, readAttributes, shapefileSet } from './shapefile/index';

export interface ShapefileFlatRead {
  layer: FlatPolygonLayer;
  /** The .shp's name (the file readLayer names in its problems). */
  shpName: string;
  declaredCrs: RawLayer['declaredCrs'];
  encoding: RawLayer['encoding'];
  /** readShapefile's problems, all warnings (a set with an error-severity problem gives null). */
  problems: ImportProblem[];
}

/** Shape types of polygon records (plain, Z and M; Z and M values are not read). */
const isPolygonType = (t: number) => t === 5 || t === 15 || t === 25;

/**
 * Reads a shapefile set (the files of one layer, already unzipped) whose .shp holds polygon and
 * null records only; null for anything else or for any error-severity problem readShapefile would
 * report (the caller reads the set with readLayer).
 */
export function readShapefileFlat(files: InputFile[], options: { encoding?: string } = {}): ShapefileFlatRead | null {
  let set;
  try {
    set = shapefileSet(files);
  } catch {
    return null;
  }
  const geometry = scanShpPolygons(set.shp.bytes);
  if (!geometry) return null;
  const problems = set.problems;
  let attributes;
  try {
    attributes = readAttributes(set, geometry.length, options.encoding, problems);
  } catch {
    return null;
  }
  if (problems.some((p) => p.severity === 'error')) return null;
  const properties = set.dbf ? attributes.records : Array.from({ length: geometry.length }, () => ({}));
  return {
    layer: { ...geometry, properties, fields: attributes.fields },
    shpName: set.shp.name,
    declaredCrs: declaredCrsOf(set),
    encoding: attributes.encoding,
    problems,
  };
}

/**
 * The polygons of a .shp (polygon and null records) in the flat layout, rings assigned to polygons
 * as ringsToPolygon assigns them; null where readShp would report a file or record error, or a
 * record is neither a polygon nor null, or a polygon has no parts.
 */
export function scanShpPolygons(bytes: Uint8Array): Omit<FlatPolygonLayer, 'properties' | 'fields'> | null {
  if (bytes.length < 100) return null;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getInt32(0, false) !== 9994) return null;
  if (!isPolygonType(dv.getInt32(32, true))) return null;
  if (dv.getInt32(24, false) * 2 > bytes.length) return null;
  // First pass: every record checked as readShp checks it, and the sizes counted.
  let records = 0, rings = 0, points = 0;
  let off = 100;
  while (off + 8 <= bytes.length) {
    const len = dv.getInt32(off + 4, false) * 2;
    const o = off + 8;
    if (len < 4 || o + len > bytes.length) return null;
    const t = dv.getInt32(o, true);
    if (t !== 0) {
      if (!isPolygonType(t) || len < 44) return null;
      const nParts = dv.getInt32(o + 36, true), nPts = dv.getInt32(o + 40, true);
      if (nParts <= 0 || nPts < 0 || 44 + nParts * 4 + nPts * 16 > len) return null;
      for (let i = 0; i < nParts; i++) {
        const a = dv.getInt32(o + 44 + i * 4, true);
        const b = i + 1 < nParts ? dv.getInt32(o + 48 + i * 4, true) : nPts;
        if (a < 0 || b > nPts || b < a) return null;
        points += b - a;
      }
      rings += nParts;
    }
    records++;
    off = o + len;
  }
  if (off !== bytes.length) return null;

  const geomOffsets = new Uint32Array(records + 1);
  const polygonOffsets = new Uint32Array(rings + 1);
  const ringOffsets = new Uint32Array(rings + 1);
  const xy = new Float64Array(2 * points);
  let p = 0, r = 0, v = 0;
  // Per record with several parts: each part's first vertex and end in xy, its owner and the outers' order (assignRings).
  let partStart = new Uint32Array(16), partEnd = new Uint32Array(16), owner = new Int32Array(16), order = new Int32Array(16);
  off = 100;
  for (let f = 0; f < records; f++) {
    const len = dv.getInt32(off + 4, false) * 2;
    const o = off + 8;
    off = o + len;
    if (dv.getInt32(o, true) !== 0) {
      const nParts = dv.getInt32(o + 36, true), nPts = dv.getInt32(o + 40, true);
      const base = o + 44 + nParts * 4;
      const v0 = v;
      if (nParts > partStart.length) { partStart = new Uint32Array(nParts); partEnd = new Uint32Array(nParts); owner = new Int32Array(nParts); order = new Int32Array(nParts); }
      for (let i = 0; i < nParts; i++) {
        const a = dv.getInt32(o + 44 + i * 4, true);
        const b = i + 1 < nParts ? dv.getInt32(o + 48 + i * 4, true) : nPts;
        partStart[i] = v;
        for (let k = a; k < b; k++) {
          xy[2 * v] = dv.getFloat64(base + k * 16, true);
          xy[2 * v + 1] = dv.getFloat64(base + k * 16 + 8, true);
          v++;
        }
        partEnd[i] = v;
      }
      if (nParts === 1) {
        ringOffsets[++r] = v;
        polygonOffsets[++p] = r;
      } else {
        const outers = assignRings(xy, nParts, partStart, partEnd, owner, order);
        // Output: each outer (in `order`) followed by its holes in part order. With no outers,
        // every ring is a polygon of its own, in part order (the layout as read).
        if (outers === 0) {
          for (let i = 0; i < nParts; i++) { ringOffsets[++r] = partEnd[i]; polygonOffsets[++p] = r; }
        } else {
          const out = xy.slice(2 * v0, 2 * v);
          let w = v0;
          const put = (i: number) => {
            xy.set(out.subarray(2 * (partStart[i] - v0), 2 * (partEnd[i] - v0)), 2 * w);
            w += partEnd[i] - partStart[i];
            ringOffsets[++r] = w;
          };
          for (let k = 0; k < outers; k++) {
            const o = order[k];
            put(o);
            for (let h = 0; h < nParts; h++) if (owner[h] === o) put(h);
            polygonOffsets[++p] = r;
          }
        }
      }
    }
    geomOffsets[f + 1] = p;
  }
  return { length: records, geomOffsets, polygonOffsets: polygonOffsets.slice(0, p + 1), ringOffsets, xy };
}

/**
 * ringsToPolygon's decision for the rings of one record (ring i: vertices partStart[i] …
 * partEnd[i] − 1 of xy). Outers are the rings of signed area ≥ 0 (clockwise), listed in `order`
 * in part order; each other ring, in part order, is a hole of the first ring in `order` whose
 * ring contains its first vertex (owner[h] = that ring), or else is appended to `order` as an
 * outer itself (so a later hole can fall inside it, as in ringsToPolygon). owner[i] = −1 for
 * every ring in `order`. Returns the length of `order`; 0 when no ring is clockwise (then
 * ringsToPolygon makes each ring a polygon and owner is not set).
 */
function assignRings(xy: Float64Array, n: number, partStart: Uint32Array, partEnd: Uint32Array, owner: Int32Array, order: Int32Array): number {
  let outers = 0;
  for (let i = 0; i < n; i++) {
    const outer = signedArea(xy, partStart[i], partEnd[i]) >= 0;
    owner[i] = outer ? -1 : -2;
    if (outer) order[outers++] = i;
  }
  if (outers === 0) return 0;
  for (let h = 0; h < n; h++) {
    if (owner[h] !== -2) continue;
    if (partEnd[h] > partStart[h]) {
      const px = xy[2 * partStart[h]], py = xy[2 * partStart[h] + 1];
      for (let k = 0; k < outers; k++) {
        const o = order[k];
        if (inRing(xy, partStart[o], partEnd[o], px, py)) { owner[h] = o; break; }
      }
    }
    if (owner[h] === -2) { owner[h] = -1; order[outers++] = h; }
  }
  return outers;
}

/** readShp's signedArea over vertices v0 … v1 − 1 (> 0 clockwise), term for term. */
function signedArea(xy: Float64Array, v0: number, v1: number): number {
  let s = 0;
  for (let i = v0, j = v1 - 1; i < v1; j = i++) s += (xy[2 * i] - xy[2 * j]) * (xy[2 * i + 1] + xy[2 * j + 1]);
  return s / 2;
}

/** readShp's inRing (even-odd crossing test) of (px, py) against vertices v0 … v1 − 1, term for term. */
function inRing(xy: Float64Array, v0: number, v1: number, px: number, py: number): boolean {
  let inside = false;
  for (let i = v0, j = v1 - 1; i < v1; j = i++) {
    const xi = xy[2 * i], yi = xy[2 * i + 1], xj = xy[2 * j], yj = xy[2 * j + 1];
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
