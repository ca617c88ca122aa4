// The step before conversion, for the app's mapping dialog: fields found, sample values, the
// suggested field mapping, the detected CRS (with suggestions when the coordinates do not fit),
// the encoding and the geometry types. Reads the files; converts nothing.
import type { AppliedCrs, EncodingInfo, FieldMap, InputFile, LayerKind, SourceFormat } from './types';
import { detectFormat, readRaw } from './readRaw';
import { resolveCrs } from '../crs/resolveCrs';
import { detectFieldMap, schemaKey } from '../fields/fieldNames';
import { emptyBag } from './plainProperties';

export interface LayerInspection {
  format: SourceFormat;
  featureCount: number;
  fields: string[];
  /** Up to 5 distinct non-empty values per field. */
  samples: Record<string, unknown[]>;
  /** Per field with at most MAX_DISTINCT_VALUES distinct non-empty values (trimmed text): value →
   *  feature count, over every feature. Lets the dialog list every unknown category value, not only
   *  the samples. Fields with more distinct values (ids, names) are absent. */
  valueCounts: Record<string, Record<string, number>>;
  suggestedFieldMap: FieldMap;
  schemaKey: string;
  crs: AppliedCrs;
  /** Set when the coordinates do not fit the detected CRS (see crs.suggestions). */
  crsError?: string;
  encoding?: EncodingInfo;
  geometryTypes: Record<string, number>;
  coordinateFields?: [string, string];
}

export const MAX_DISTINCT_VALUES = 200;

/** Throws (with the file name in the message) when the files cannot be read at all. */
export async function inspectLayer(files: InputFile[], kind: LayerKind, options: { crs?: string; encoding?: string; swapXY?: boolean; hint?: { lon: number; lat: number } } = {}): Promise<LayerInspection> {
  const format = detectFormat(files);
  if (format === 'osm') {
    return { format, featureCount: 0, fields: [], samples: {}, valueCounts: {}, suggestedFieldMap: {}, schemaKey: 'osm', geometryTypes: {}, crs: { source: 'EPSG:4326', from: 'default', note: { zh: 'OpenStreetMap 数据为 WGS84 经纬度', en: 'OpenStreetMap data is WGS84 longitude/latitude' } } };
  }
  const raw = await readRaw(files, options);
  const crs = resolveCrs(raw, files.map((f) => f.name), options);
  const samples = emptyBag<unknown[]>();
  for (const field of raw.fields) {
    const vals = new Set<unknown>();
    for (const f of raw.features) {
      const v = f.properties[field];
      if (v !== undefined && v !== null && v !== '') vals.add(v);
      if (vals.size >= 5) break;
    }
    samples[field] = [...vals];
  }
  const valueCounts = emptyBag<Record<string, number>>();
  for (const field of raw.fields) {
    const counts = new Map<string, number>();
    let tooMany = false;
    for (const f of raw.features) {
      const v = f.properties[field];
      if (v === undefined || v === null) continue;
      const k = String(v).trim();
      if (k === '') continue;
      const n = counts.get(k);
      if (n !== undefined) counts.set(k, n + 1);
      else if (counts.size < MAX_DISTINCT_VALUES) counts.set(k, 1);
      else {
        tooMany = true;
        break;
      }
    }
    if (!tooMany) valueCounts[field] = Object.assign(emptyBag<number>(), Object.fromEntries(counts));
  }
  const geometryTypes = emptyBag<number>();
  for (const f of raw.features) {
    const t = f.geometry?.type ?? 'none';
    geometryTypes[t] = (geometryTypes[t] ?? 0) + 1;
  }
  return {
    format: raw.format, featureCount: raw.features.length, fields: raw.fields, samples, valueCounts,
    suggestedFieldMap: detectFieldMap(kind, raw.fields), schemaKey: schemaKey(raw.fields),
    crs: crs.applied, crsError: crs.error, encoding: raw.encoding, geometryTypes, coordinateFields: raw.coordinateFields,
  };
}
