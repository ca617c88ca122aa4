// A road layer (one GeoJSON file) read into flat arrays (the engine's RoadLinesFlat) instead of an
// object per feature and an array per vertex: a city's street network is hundreds of thousands of
// segments, and the graph builder only needs their vertices and ids. The same rules as readLayer +
// toEngineFeature('roads') for what it accepts: the same CRS decision and conversion, field
// mapping, ids (a MultiLineString's parts `id.0`, `id.1`, …) and the same lines in the same order.
// Anything that would raise a problem other than the CRS warning (a feature without a line, a line
// of one position, a coordinate out of range after conversion, a conversion that fails, a CRS or
// field-mapping failure) gives null: the caller reads the layer with readLayer, which reports it.
import type { RoadLinesFlat } from '../../engine/network/graph';
import type { InputFile, LayerImport } from './types';
import type { ReadLayerOptions } from './readLayer';
import { detectFormat } from './readRaw';
import { withoutBoms } from '../formats/textEncoding';
import { scanGeoJsonLines, type FlatLineLayer } from '../formats/geojsonFlatLines';
import { flatLayerRules } from './flatLayerRules';
import { converterFor } from '../crs/transform';
import { schemaKey } from '../fields/fieldNames';
import { plainValue } from './plainProperties';
import { text } from './toEngine';
import { FLAT_MAX_BYTES } from './readResidentialFlat';

export interface RoadsFlatImport {
  /** What readLayer would return, but for `features` (empty: the lines are `lines`). */
  import: LayerImport<'roads'>;
  /** Every line, in file order (a MultiLineString's parts in order), WGS84 lon/lat. */
  lines: RoadLinesFlat;
}

const own = Object.prototype.hasOwnProperty;

/**
 * Reads a road layer flat when it is one GeoJSON file the flat line scanner takes, its CRS and
 * field mapping resolve and no feature has a problem; otherwise null (read it with readLayer).
 * Synchronous: for hosts that need neither progress nor cancellation while it is read (the command line).
 */
export function readRoadsFlat(files: InputFile[], options: ReadLayerOptions = {}): RoadsFlatImport | null {
  let format;
  try {
    format = detectFormat(files);
  } catch {
    return null;
  }
  if (format !== 'geojson' || files.length !== 1 || files[0].bytes.length >= FLAT_MAX_BYTES) return null;
  const file = files[0];
  const s = scanGeoJsonLines(withoutBoms(file.bytes));
  return s && roadsFromFlat(s, file.name, options);
}

/** readLayer's road rules over a scanned layer; null where a rule would raise a problem (readLayer reports it). */
export function roadsFromFlat(s: FlatLineLayer, name: string, options: ReadLayerOptions = {}): RoadsFlatImport | null {
  const names = [name];
  const declaredCrs = s.crsName ? { crs: s.crsName, from: 'geojson' as const } : { crs: 'EPSG:4326', from: 'default' as const };
  const rules = flatLayerRules('roads', s.xy, s.fields, declaredCrs, names, options);
  if (!rules) return null;
  const { crs, fieldMap, problems } = rules;

  // Every vertex to WGS84 (readLayer's convertGeometry), then checkPosition's range test.
  const conv = converterFor(crs.spec, options.swapXY);
  const src = s.xy;
  const xy = conv ? new Float64Array(src.length) : src;
  try {
    for (let v = 0; v < src.length; v += 2) {
      let x = src[v], y = src[v + 1];
      if (conv) {
        const p = conv(x, y);
        x = p[0];
        y = p[1];
        xy[v] = x;
        xy[v + 1] = y;
      }
      if (!(Number.isFinite(x) && Number.isFinite(y) && Math.abs(x) <= 180 && Math.abs(y) <= 90)) return null;
    }
  } catch {
    return null;
  }

  // Ids as toEngineFeature makes them: the mapped field's text (from the plain property bag), else the feature index.
  const idField = fieldMap.id;
  const ids: string[] = [];
  const { featureLines } = s;
  for (let i = 0; i < s.length; i++) {
    const p = s.properties[i];
    const id = text(idField !== undefined && own.call(p, idField) ? plainValue(p[idField]) : undefined) ?? String(i);
    const n = featureLines[i + 1] - featureLines[i];
    if (n === 1) ids.push(id);
    else for (let k = 0; k < n; k++) ids.push(`${id}.${k}`);
  }
  const errors = 0;
  return {
    import: {
      kind: 'roads', files: names, format: 'geojson', features: [], problems, crs: crs.applied, fieldMap, schemaKey: schemaKey(s.fields), notes: [],
      counts: { read: s.length, valid: ids.length, errors, warnings: problems.length },
    },
    lines: { length: ids.length, ids, lineOffsets: s.lineOffsets, xy },
  };
}
