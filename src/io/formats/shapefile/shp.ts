// ESRI Shapefile geometry (.shp) reader: null, point, multipoint, polyline, polygon and their Z/M
// variants (Z/M dropped). Per the ESRI Shapefile Technical Description (1998): big-endian record
// headers, little-endian content; polygon outer rings clockwise, holes counter-clockwise.
// Own reader rather than the `shapefile`/`shpjs` packages: it runs over bytes in a worker and in
// Node alike, reports truncation per record, and lets the DBF encoding be chosen by the caller.
import type { Geometry, Position } from 'geojson';

export interface ShpRecord {
  geometry: Geometry | null;
  /** Why the record's geometry could not be read. */
  error?: string;
}

export interface ShpRead {
  shapeType: number;
  records: ShpRecord[];
  /** File-level problem (bad magic, truncated file). */
  error?: string;
}

const TYPES: Record<number, string> = { 0: 'null', 1: 'point', 3: 'polyline', 5: 'polygon', 8: 'multipoint', 11: 'pointZ', 13: 'polylineZ', 15: 'polygonZ', 18: 'multipointZ', 21: 'pointM', 23: 'polylineM', 25: 'polygonM', 28: 'multipointM', 31: 'multipatch' };

export function readShp(bytes: Uint8Array, onRecord?: (n: number, offset: number) => void): ShpRead {
  if (bytes.length < 100) return { shapeType: 0, records: [], error: `file is ${bytes.length} bytes, shorter than the 100-byte header` };
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getInt32(0, false) !== 9994) return { shapeType: 0, records: [], error: 'not a shapefile (file code is not 9994)' };
  const shapeType = dv.getInt32(32, true);
  if (!(shapeType in TYPES)) return { shapeType, records: [], error: `unknown shape type ${shapeType}` };
  const declaredLength = dv.getInt32(24, false) * 2;
  const records: ShpRecord[] = [];
  let off = 100;
  let error: string | undefined;
  if (declaredLength > bytes.length) error = `file truncated: header says ${declaredLength} bytes, file has ${bytes.length}`;
  while (off + 8 <= bytes.length) {
    const len = dv.getInt32(off + 4, false) * 2;
    const start = off + 8;
    if (len < 4 || start + len > bytes.length) {
      error = `file truncated in record ${records.length} (byte ${off})`;
      break;
    }
    records.push(readRecord(dv, start, len));
    off = start + len;
    onRecord?.(records.length, off);
  }
  if (!error && off !== bytes.length) error = `file truncated in record ${records.length} (byte ${off})`;
  return { shapeType, records, error };
}

function readRecord(dv: DataView, o: number, len: number): ShpRecord {
  const t = dv.getInt32(o, true);
  const pt = (k: number): Position => [dv.getFloat64(k, true), dv.getFloat64(k + 8, true)];
  try {
    switch (t) {
      case 0:
        return { geometry: null };
      case 1:
      case 11:
      case 21:
        if (len < 20) return { geometry: null, error: 'point record too short' };
        return { geometry: { type: 'Point', coordinates: pt(o + 4) } };
      case 8:
      case 18:
      case 28: {
        const n = dv.getInt32(o + 36, true);
        if (n < 0 || 40 + n * 16 > len) return { geometry: null, error: `multipoint record claims ${n} points, more than it holds` };
        const pts: Position[] = [];
        for (let i = 0; i < n; i++) pts.push(pt(o + 40 + i * 16));
        return { geometry: n === 1 ? { type: 'Point', coordinates: pts[0] } : { type: 'MultiPoint', coordinates: pts } };
      }
      case 3:
      case 13:
      case 23:
      case 5:
      case 15:
      case 25: {
        const nParts = dv.getInt32(o + 36, true);
        const nPts = dv.getInt32(o + 40, true);
        if (nParts < 0 || nPts < 0 || 44 + nParts * 4 + nPts * 16 > len) return { geometry: null, error: `record claims ${nParts} parts / ${nPts} points, more than it holds` };
        const starts: number[] = [];
        for (let i = 0; i < nParts; i++) starts.push(dv.getInt32(o + 44 + i * 4, true));
        const base = o + 44 + nParts * 4;
        const parts: Position[][] = [];
        for (let i = 0; i < nParts; i++) {
          const a = starts[i];
          const b = i + 1 < nParts ? starts[i + 1] : nPts;
          if (a < 0 || b > nPts || b < a) return { geometry: null, error: `part ${i} index out of range` };
          const part: Position[] = [];
          for (let k = a; k < b; k++) part.push(pt(base + k * 16));
          parts.push(part);
        }
        if (t === 3 || t === 13 || t === 23) return { geometry: parts.length === 1 ? { type: 'LineString', coordinates: parts[0] } : { type: 'MultiLineString', coordinates: parts } };
        return { geometry: ringsToPolygon(parts) };
      }
      default:
        return { geometry: null, error: `shape type ${TYPES[t] ?? t} is not supported` };
    }
  } catch (e) {
    return { geometry: null, error: (e as Error).message };
  }
}

const signedArea = (r: Position[]): number => {
  let s = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) s += (r[i][0] - r[j][0]) * (r[i][1] + r[j][1]);
  return s / 2; // > 0 clockwise in x-east/y-north axes
};

const inRing = (p: Position, r: Position[]): boolean => {
  let inside = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const [xi, yi] = r[i];
    const [xj, yj] = r[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};

/** Shapefile rings → Polygon/MultiPolygon: clockwise rings are outers, the others holes of the
 *  outer that contains them (a hole inside no outer becomes an outer). */
export function ringsToPolygon(rings: Position[][]): Geometry {
  const outers: Position[][][] = [];
  const holes: Position[][] = [];
  for (const r of rings) {
    if (signedArea(r) >= 0) outers.push([r]);
    else holes.push(r);
  }
  if (outers.length === 0) return rings.length === 1 ? { type: 'Polygon', coordinates: rings } : { type: 'MultiPolygon', coordinates: rings.map((r) => [r]) };
  for (const h of holes) {
    const owner = outers.find((o) => h.length > 0 && inRing(h[0], o[0]));
    if (owner) owner.push(h);
    else outers.push([h]);
  }
  return outers.length === 1 ? { type: 'Polygon', coordinates: outers[0] } : { type: 'MultiPolygon', coordinates: outers };
}
