// A residential layer (GeoJSON, a polygon Shapefile or FlatGeobuf) read into flat typed arrays
// (the engine's ResidentialLayerFlat) instead of an object per feature and an array per vertex: a
// city's building footprints are hundreds of thousands of features. The same rules as readLayer +
// toEngineFeature('residential'): the same CRS decision and conversion, field mapping, households,
// ring checks, extent check, and the same problems (file, feature, field, message, severity) in
// the same order. Where a rule is not repeated here (a file the flat readers do not take, a CRS or
// field-mapping failure, several GeoJSON files) the answer is null: the caller reads the layer
// with readLayer, which reports it.
import type { Position, ResidentialLayerFlat } from '../../engine/types';
import type { ImportProblem, InputFile, LayerImport, RawLayer } from './types';
import type { ReadLayerOptions } from './readLayer';
import { detectFormat } from './readRaw';
import { scanGeoJsonPolygonColumns, scanGeoJsonPolygonColumnsFrom, SCAN_WINDOW, type ScanWindow } from '../formats/geojsonFlatPolygons';
import type { ByteSource } from '../formats/byteSource';
import { withoutBoms } from '../formats/textEncoding';
import { readShapefileFlat } from '../formats/shapefileFlatPolygons';
import { readFgbFlat } from '../formats/fgbFlatPolygons';
import { unzipFiles } from '../formats/shapefile/index';
import { placeHint } from '../crs/chinaExtent';
import { propertyColumn, type FlatPolygonColumns, type FlatPolygonLayer } from '../formats/flatPolygons';
import { flatCrsRules, flatFieldMap } from './flatLayerRules';
import { crsSpec } from '../crs/resolveCrs';
import { CrsError } from '../crs/parseCrs';
import { converterFor } from '../crs/transform';
import { REQUIRED_FIELDS, schemaKey } from '../fields/fieldNames';
import { plainValue } from './plainProperties';
import { quantityOf, text, type FeatureIssue } from './toEngine';
import { checkRing, flatRingClear } from '../validate/geometryChecks';
import { MAX_POLYGON_EXTENT_DEG, polygonExtentProblem } from '../../engine/plausibility';

/** Files from this size on are left to readLayer, which parses them in chunks; the flat read
 *  holds the whole file's bytes and every column at once. The windowed read (readResidentialFlatFrom)
 *  holds only the columns but keeps the rule, so that both flat reads take the same files. */
export const FLAT_MAX_BYTES = 256 << 20;

export interface ResidentialFlatImport {
  /** What readLayer would return, but for `features` (empty: the valid features are `layer`). */
  import: LayerImport<'residential'>;
  /** The valid features, in file order, WGS84 lon/lat. */
  layer: ResidentialLayerFlat;
}

/** Either form of flat layer (properties by feature or by name). */
type FlatLayer = FlatPolygonLayer | FlatPolygonColumns;

/** Feature i's value in a property column as plain data (null where it has none); undefined without a column. */
function fieldValue(column: unknown[] | null, i: number): unknown {
  return column === null ? undefined : plainValue(column[i]);
}

/** text(fieldValue(column, i)): a string or a number cell without the calls it would make (plainValue keeps both as they are). */
function idText(column: unknown[] | null, i: number): string | undefined {
  const v = column === null ? undefined : column[i];
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? undefined : t;
  }
  if (typeof v === 'number') return String(v);
  return text(fieldValue(column, i));
}

/** Ring r of the layout as positions (for checkRing, on the rare rings flatRingClear does not clear). */
function positions(xy: Float64Array, v0: number, v1: number): Position[] {
  const out: Position[] = [];
  for (let v = v0; v < v1; v++) out.push([xy[2 * v], xy[2 * v + 1]]);
  return out;
}

/** A feature's extent as a two-point polygon for polygonExtentProblem, rewritten in place for each feature (no arrays per feature). */
const EXTENT_BOX: Position[][][] = [[[[0, 0], [0, 0]]]];

/** The extent of the feature being checked (minX, minY, maxX, maxY), widened ring by ring by flatRingClear. */
const RING_EXTENT = new Float64Array(4);

/**
 * toEngine's polygonal() over the layout: feature i's geometry issues; false when it is not usable.
 * `range` (minX, minY, maxX, maxY, vertices), when given, is widened by the feature's vertices when
 * flatRingClear cleared all its rings (each vertex then finite and seen in file order): the CRS
 * decision's coordStats, gathered here instead of in a pass of its own when it covers every vertex.
 */
function checkGeometry(g: Uint32Array, po: Uint32Array, ro: Uint32Array, xy: Float64Array, i: number, issues: FeatureIssue[], range: Float64Array | null): boolean {
  const np = g[i + 1] - g[i];
  if (np === 0) {
    issues.push({ field: 'geometry', message: 'no geometry', severity: 'error' });
    return false;
  }
  let bad = false, cleared = true;
  const ext = RING_EXTENT;
  ext[0] = Infinity; ext[1] = Infinity; ext[2] = -Infinity; ext[3] = -Infinity;
  for (let p = g[i]; p < g[i + 1]; p++) {
    const pi = p - g[i];
    if (po[p + 1] === po[p]) {
      issues.push({ field: 'geometry', message: `polygon ${pi} has no rings`, severity: 'error' });
      bad = true;
      continue;
    }
    for (let r = po[p]; r < po[p + 1]; r++) {
      if (flatRingClear(xy, ro[r], ro[r + 1], ext)) continue;
      cleared = false;
      const ri = r - po[p];
      const which = `${np > 1 ? `polygon ${pi} ` : ''}${ri === 0 ? 'outer ring' : `hole ${ri}`}`;
      for (const e of checkRing(positions(xy, ro[r], ro[r + 1]), which)) {
        issues.push({ field: 'geometry', ...e });
        if (e.severity === 'error') bad = true;
      }
    }
  }
  if (range !== null && cleared) {
    if (ext[0] < range[0]) range[0] = ext[0];
    if (ext[2] > range[2]) range[2] = ext[2];
    if (ext[1] < range[1]) range[1] = ext[1];
    if (ext[3] > range[3]) range[3] = ext[3];
    range[4] += ro[po[g[i + 1]]] - ro[po[g[i]]];
  }
  if (bad) return false;
  // A polygon spanning the globe cannot be measured in a local projection (plausibility.ts): its
  // extent decides. Every ring cleared: flatRingClear has widened ext by all of its vertices, in order.
  let minX = ext[0], minY = ext[1], maxX = ext[2], maxY = ext[3];
  if (!cleared) {
    minX = Infinity; minY = Infinity; maxX = -Infinity; maxY = -Infinity;
    for (let v = ro[po[g[i]]]; v < ro[po[g[i + 1]]]; v++) {
      const x = xy[2 * v], y = xy[2 * v + 1];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  // polygonExtentProblem's own test on the same extent: only a refused extent is handed to it (for
  // its message), so the common feature makes none of its per-call iterators.
  const dx = maxX - minX, dy = maxY - minY;
  if (!(dx > MAX_POLYGON_EXTENT_DEG || dy > MAX_POLYGON_EXTENT_DEG)) return true;
  const box = EXTENT_BOX[0][0];
  box[0][0] = minX; box[0][1] = minY; box[1][0] = maxX; box[1][1] = maxY;
  const extent = polygonExtentProblem(EXTENT_BOX);
  if (extent) {
    issues.push({ field: 'geometry', ...extent });
    return false;
  }
  return true;
}

/**
 * Converts every vertex of the features with a geometry into a new array (x, y → WGS84 lon/lat);
 * `failed[i]` = 1 where the conversion threw (readLayer: "coordinates could not be converted").
 * Null when a converted coordinate is not a number (left to readLayer).
 */
function convertAll(s: FlatLayer, conv: NonNullable<ReturnType<typeof converterFor>>, failed: Uint8Array): Float64Array | null {
  const { geomOffsets: g, polygonOffsets: po, ringOffsets: ro, xy: src } = s;
  const out = new Float64Array(src.length);
  for (let i = 0; i < s.length; i++) {
    const v0 = ro[po[g[i]]], v1 = ro[po[g[i + 1]]];
    try {
      for (let v = v0; v < v1; v++) {
        const p = conv(src[2 * v], src[2 * v + 1]);
        if (typeof p[0] !== 'number' || typeof p[1] !== 'number') return null;
        out[2 * v] = p[0]; out[2 * v + 1] = p[1];
      }
    } catch {
      failed[i] = 1;
    }
  }
  return out;
}

/** The features kept (keep[i] = 1) as their own layout. */
function compact(s: FlatLayer, xy: Float64Array, keep: Uint8Array, kept: number): Pick<ResidentialLayerFlat, 'geomOffsets' | 'polygonOffsets' | 'ringOffsets' | 'xy'> {
  const { geomOffsets: g, polygonOffsets: po, ringOffsets: ro } = s;
  let polys = 0, rings = 0, verts = 0;
  for (let i = 0; i < s.length; i++) {
    if (!keep[i]) continue;
    polys += g[i + 1] - g[i];
    rings += po[g[i + 1]] - po[g[i]];
    verts += ro[po[g[i + 1]]] - ro[po[g[i]]];
  }
  const geomOffsets = new Uint32Array(kept + 1), polygonOffsets = new Uint32Array(polys + 1), ringOffsets = new Uint32Array(rings + 1), out = new Float64Array(2 * verts);
  let f = 0, p = 0, r = 0, v = 0;
  for (let i = 0; i < s.length; i++) {
    if (!keep[i]) continue;
    for (let q = g[i]; q < g[i + 1]; q++) {
      for (let k = po[q]; k < po[q + 1]; k++) {
        const n = ro[k + 1] - ro[k];
        out.set(xy.subarray(2 * ro[k], 2 * ro[k + 1]), 2 * v);
        v += n;
        ringOffsets[++r] = v;
      }
      polygonOffsets[++p] = r;
    }
    geomOffsets[++f] = p;
  }
  return { geomOffsets, polygonOffsets, ringOffsets, xy: out };
}

/**
 * Reads a residential layer flat when it is one GeoJSON file the flat scanner takes, a polygon
 * Shapefile (its files, or a .zip holding them) or one polygon FlatGeobuf file the flat readers
 * take, and its CRS and field mapping resolve; otherwise null (read it with readLayer).
 * Synchronous: for hosts that need neither progress nor cancellation while one layer is read (the
 * command line).
 */
export function readResidentialFlat(files: InputFile[], options: ReadLayerOptions = {}): ResidentialFlatImport | null {
  let format;
  try {
    format = detectFormat(files);
  } catch {
    return null;
  }
  if (format === 'shapefile' || format === 'zip') return residentialShapefileFlat(files, options);
  if (format === 'flatgeobuf') {
    const fgb = files.length === 1 ? readFgbFlat(files[0].name, files[0].bytes) : null;
    return fgb && residentialFromFlat(fgb.layer, { names: [files[0].name], format: 'flatgeobuf', declaredCrs: fgb.declaredCrs }, options);
  }
  if (format !== 'geojson' || files.length !== 1 || files[0].bytes.length >= FLAT_MAX_BYTES) return null;
  const file = files[0];
  return residentialFromGeoJson(file.name, scanGeoJsonPolygonColumns(withoutBoms(file.bytes)), options);
}

/** The first bytes of a file that detectFormat looks at (it reads 200 when the name does not decide). */
const FORMAT_HEAD_BYTES = 256;

/**
 * readResidentialFlat of one GeoJSON file read from a source through a window of its bytes
 * (scanGeoJsonPolygonColumnsFrom) instead of held whole: the same answer where it is not null.
 * Null also where it would read the file otherwise (not GeoJSON by detectFormat, FLAT_MAX_BYTES or
 * larger) or where the windowed scan fails (a feature larger than the window holds of it, or any
 * text the scanner does not take): the caller then reads the whole file (readResidentialFlat,
 * else readLayer), which reports what is wrong exactly as it always has.
 */
export function readResidentialFlatFrom(name: string, source: ByteSource, options: ReadLayerOptions = {}, window: ScanWindow = SCAN_WINDOW): ResidentialFlatImport | null {
  if (source.size >= FLAT_MAX_BYTES) return null;
  const head = new Uint8Array(Math.min(FORMAT_HEAD_BYTES, source.size));
  for (let n = 0; n < head.length;) {
    const k = source.read(head.subarray(n), n);
    if (k <= 0) return null;
    n += k;
  }
  try {
    if (detectFormat([{ name, bytes: head }]) !== 'geojson') return null;
  } catch {
    return null;
  }
  return residentialFromGeoJson(name, scanGeoJsonPolygonColumnsFrom(source, window), options);
}

/** residentialFromFlat of a GeoJSON file's scanned columns (null when the scan declined the file). */
function residentialFromGeoJson(name: string, s: FlatPolygonColumns | null, options: ReadLayerOptions): ResidentialFlatImport | null {
  if (!s) return null;
  const declaredCrs = s.crsName ? { crs: s.crsName, from: 'geojson' as const } : { crs: 'EPSG:4326', from: 'default' as const };
  return residentialFromFlat(s, { names: [name], format: 'geojson', declaredCrs }, options);
}

const isZip = (f: InputFile) => /\.zip$/i.test(f.name) || (f.bytes[0] === 0x50 && f.bytes[1] === 0x4b);

/**
 * A shapefile set (or zips holding one, unpacked as readRaw unpacks them) through the flat
 * shapefile reader and residentialFromFlat, finished as readLayer finishes a shapefile: its files
 * as given, the .shp named in problems, readShapefile's warnings first, the .dbf's encoding.
 */
function residentialShapefileFlat(files: InputFile[], options: ReadLayerOptions): ResidentialFlatImport | null {
  let set = files;
  if (!files.some((f) => /\.shp$/i.test(f.name))) {
    try {
      set = files.flatMap((f) => (isZip(f) ? unzipFiles(f) : [f]));
    } catch {
      return null;
    }
  }
  const shp = readShapefileFlat(set, options);
  if (!shp) return null;
  // readLayer names its first .shp (else its first file) in problems: that name goes first here.
  const names = files.map((f) => f.name);
  const m = Math.max(0, names.findIndex((n) => /\.shp$/i.test(n)));
  const ordered = [names[m], ...names.slice(0, m), ...names.slice(m + 1)];
  // The CRS hint from file names is the first name's that has one: the order must not change it.
  if (ordered.map(placeHint).find(Boolean)?.name !== names.map(placeHint).find(Boolean)?.name) return null;
  const read = residentialFromFlat(shp.layer, { names: ordered, format: 'shapefile', declaredCrs: shp.declaredCrs }, options);
  if (!read) return null;
  const { kind, format, features, problems, crs, fieldMap, schemaKey: key, notes, counts } = read.import;
  problems.unshift(...shp.problems);
  counts.warnings += shp.problems.length;
  read.import = { kind, files: names, format, features, problems, crs, fieldMap, schemaKey: key, encoding: shp.encoding, notes, counts };
  return read;
}

/** Where a flat layer came from: its files (the first named in problems), format and declared CRS. */
export interface FlatSource {
  names: string[];
  format: LayerImport['format'];
  declaredCrs: RawLayer['declaredCrs'];
}

/**
 * readLayer's residential rules over a layer already read flat (any format's flat reader): CRS,
 * field mapping, households, ring and extent checks, the same problems in the same order; null
 * where a rule is not repeated here (the caller reads the layer with readLayer, which reports it).
 */
export function residentialFromFlat(s: FlatLayer, source: FlatSource, options: ReadLayerOptions = {}): ResidentialFlatImport | null {
  const { names, declaredCrs } = source;
  const main = names[0];
  // A layer whose coordinates are used as they are (lon/lat, no swap): the CRS decision's range is
  // gathered by the ring checks (checkGeometry), and decided after them; otherwise before, on every vertex.
  let spec;
  try {
    spec = crsSpec({ declaredCrs }, options).spec;
  } catch (e) {
    if (e instanceof CrsError) return null;
    throw e;
  }
  const direct = converterFor(spec, options.swapXY) === null;
  const before = direct ? null : flatCrsRules(s.xy, declaredCrs, names, options);
  if (!direct && !before) return null;
  const fieldMap = flatFieldMap('residential', s.fields, options);
  if (!fieldMap) return null;
  for (const req of REQUIRED_FIELDS.residential) if (!fieldMap[req]) return null;

  const conv = before && converterFor(before.crs.spec, options.swapXY);
  const failed = new Uint8Array(s.length);
  const xy = conv ? convertAll(s, conv, failed) : s.xy;
  if (!xy) return null;
  const range = direct ? Float64Array.of(Infinity, Infinity, -Infinity, -Infinity, 0) : null;
  const problems: ImportProblem[] = [];
  const keep = new Uint8Array(s.length);
  const ids: string[] = [];
  const households = new Float64Array(s.length);
  const idField = fieldMap.id, hhField = fieldMap.households;
  const idColumn = idField === undefined ? null : propertyColumn(s, idField);
  const hhColumn = hhField === undefined ? null : propertyColumn(s, hhField);
  const issues: FeatureIssue[] = [];
  const { geomOffsets: g, polygonOffsets: po, ringOffsets: ro } = s;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    if (failed[i]) {
      problems.push({ file: main, feature: i, field: 'geometry', message: 'coordinates could not be converted to WGS84', severity: 'error' });
      continue;
    }
    const id = idText(idColumn, i) ?? String(i);
    if (issues.length) issues.length = 0; // setting a length is a runtime call: only when there is something to clear
    const usable = checkGeometry(g, po, ro, xy, i, issues, range);
    let hh: number | null = null;
    if (hhField) {
      // quantityOf's answer for a finite number ≥ 0 is the number itself, with no issue.
      const v = hhColumn === null ? undefined : hhColumn[i];
      hh = typeof v === 'number' && v >= 0 && v <= Number.MAX_VALUE ? v : quantityOf(fieldValue(hhColumn, i), hhField, issues, 'warning', 'households');
    }
    if (issues.length) {
      const feature = id !== String(i) ? `${i} (id ${id})` : i;
      let error = false;
      for (const is of issues) {
        problems.push({ file: main, feature, field: is.field, message: is.message, severity: is.severity });
        if (is.severity === 'error') error = true;
      }
      if (error) continue;
    }
    if (!usable) continue;
    keep[i] = 1;
    households[ids.length] = hh ?? NaN;
    ids.push(id);
  }
  // Every vertex seen by a cleared ring: the range is coordStats over xy; else it is gathered from xy.
  const rules = before ?? flatCrsRules(range![4] === s.xy.length / 2 ? { minX: range![0], minY: range![1], maxX: range![2], maxY: range![3], count: range![4] } : s.xy, declaredCrs, names, options);
  if (!rules) return null;
  const { crs } = rules;
  if (rules.problems.length) problems.unshift(...rules.problems);
  const kept = ids.length;
  const geometry = kept === s.length ? { geomOffsets: s.geomOffsets, polygonOffsets: s.polygonOffsets, ringOffsets: s.ringOffsets, xy } : compact(s, xy, keep, kept);
  const errors = problems.filter((p) => p.severity === 'error').length;
  return {
    import: {
      kind: 'residential', files: names, format: source.format, features: [], problems, crs: crs.applied, fieldMap, schemaKey: schemaKey(s.fields), notes: [],
      counts: { read: s.length, valid: kept, errors, warnings: problems.length - errors },
    },
    layer: { length: kept, ids, households: households.subarray(0, kept), ...geometry },
  };
}
