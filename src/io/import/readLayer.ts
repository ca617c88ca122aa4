// The shared layer import used by the app (in its worker) and the command line: files of one
// layer → engine-typed valid features + every problem (file, feature, field), the CRS applied,
// the field mapping used and the encoding. Pure TypeScript over bytes; mutates nothing outside.
// Callers decide whether to take the valid features or cancel.
import type { ImportOptions, ImportProblem, InputFile, LayerImport, LayerKind, RawFeature, RawLayer, EngineFeature } from './types';
import { detectFormat, readRaw } from './readRaw';
import { resolveCrs } from '../crs/resolveCrs';
import { CrsError } from '../crs/parseCrs';
import { converterFor, convertGeometry } from '../crs/transform';
import { detectFieldMap, REQUIRED_FIELDS, schemaKey } from '../fields/fieldNames';
import { toEngineFeature } from './toEngine';
import { abortError } from './abort';
import { readOsm } from '../osm/index';

export interface ReadLayerOptions extends ImportOptions {
  /** Swap X/Y (northing-first or latitude-first files) before converting. */
  swapXY?: boolean;
}

const CHUNK = 5000;

export async function readLayer<K extends LayerKind>(files: InputFile[], kind: K, options: ReadLayerOptions = {}): Promise<LayerImport<K>> {
  const names = files.map((f) => f.name);
  const main = names.find((n) => /\.shp$/i.test(n)) ?? names[0] ?? '(no file)';
  const fail = (message: string, extra: Partial<LayerImport<K>> = {}): LayerImport<K> => ({
    kind, files: names, format: extra.format ?? 'geojson', features: [], fieldMap: {}, schemaKey: '', notes: [],
    crs: { source: 'unknown', from: 'none', note: { zh: '未能确定坐标系', en: 'CRS not determined' } },
    ...extra,
    problems: [...(extra.problems ?? []), { file: main, message, severity: 'error' }],
    counts: { read: extra.counts?.read ?? 0, valid: 0, errors: (extra.problems ?? []).filter((p) => p.severity === 'error').length + 1, warnings: (extra.problems ?? []).filter((p) => p.severity === 'warning').length },
  });
  let format;
  try {
    format = detectFormat(files);
  } catch (e) {
    return fail(stripName((e as Error).message, main));
  }
  if (format === 'osm') {
    if (kind === 'candidates') return fail('an OpenStreetMap file has no candidate sites: import them as points or parcels (GeoJSON, Shapefile, FlatGeobuf, CSV, XLSX)', { format: 'osm' });
    return readOsmLayer(files[0], kind as Exclude<K, 'candidates'>, options);
  }
  let raw: RawLayer;
  try {
    raw = await readRaw(files, options);
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    return fail(stripName((e as Error).message, main), format === 'zip' ? {} : { format });
  }
  if (options.signal?.aborted) throw abortError(main);
  const problems: ImportProblem[] = [...raw.problems];
  const base = { format: raw.format, encoding: raw.encoding, problems, counts: { read: raw.features.length, valid: 0, errors: 0, warnings: 0 } };
  let crs;
  try {
    crs = resolveCrs(raw, names, options);
  } catch (e) {
    if (e instanceof CrsError) return fail(`CRS: ${e.message}`, base);
    throw e;
  }
  const fieldMap = detectFieldMap(kind, raw.fields, options.fieldMap);
  const key = schemaKey(raw.fields);
  if (crs.error) return fail(crs.error, { ...base, crs: crs.applied, fieldMap, schemaKey: key });
  if (crs.warning) problems.push({ file: main, field: 'geometry', message: crs.warning, severity: 'warning' });
  for (const [canon, src] of Object.entries(options.fieldMap ?? {}))
    if (src && !raw.fields.includes(src)) return fail(`field mapping: ${canon} → "${src}", but the file has no field "${src}" (fields: ${raw.fields.join(', ')})`, { ...base, crs: crs.applied, fieldMap, schemaKey: key });
  for (const req of REQUIRED_FIELDS[kind])
    if (!fieldMap[req]) {
      if (kind === 'communities' && req === 'households') problems.push({ file: main, field: 'households', message: `no households field found among [${raw.fields.join(', ')}] (expected households, hh, 户数, 住户数): every community lacks households`, severity: 'warning' });
      else return fail(`no ${req} field found among [${raw.fields.join(', ')}]; name it with a field mapping`, { ...base, crs: crs.applied, fieldMap, schemaKey: key });
    }

  const conv = converterFor(crs.spec, options.swapXY);
  const features: EngineFeature<K>[] = [];
  const seen = new Map<string, number>();
  const total = raw.features.length;
  for (let i = 0; i < total; i++) {
    if (i % CHUNK === 0 && i > 0) {
      if (options.signal?.aborted) throw abortError(main);
      options.onProgress?.(i, total);
      await new Promise((r) => setTimeout(r, 0));
    }
    const rf = raw.features[i];
    const f: RawFeature = conv && rf.geometry ? { ...rf, geometry: safeConvert(rf.geometry, conv) } : rf;
    if (conv && rf.geometry && !f.geometry) {
      problems.push({ file: main, feature: i, field: 'geometry', message: 'coordinates could not be converted to WGS84', severity: 'error' });
      continue;
    }
    const r = toEngineFeature(kind, f, i, fieldMap, options);
    // The feature as problems name it (built only when there is a problem to name).
    const feature = () => (r.id !== undefined && r.id !== String(i) ? `${i} (id ${r.id})` : i);
    for (const is of r.issues) problems.push({ file: main, feature: feature(), field: is.field, message: is.message, severity: is.severity });
    if (r.features.length === 0) continue;
    if (kind === 'communities' || kind === 'facilities' || kind === 'candidates') {
      const id = r.features[0].id;
      const prev = seen.get(id);
      if (prev !== undefined) {
        problems.push({ file: main, feature: feature(), field: fieldMap.id ?? 'id', message: `duplicate id "${id}" (also feature ${prev})`, severity: 'error' });
        continue;
      }
      seen.set(id, i);
    }
    for (const ef of r.features) features.push(ef as EngineFeature<K>);
  }
  options.onProgress?.(total, total);
  const errors = problems.filter((p) => p.severity === 'error').length;
  return {
    kind, files: names, format: raw.format, features, problems, crs: crs.applied, fieldMap, schemaKey: key, encoding: raw.encoding, notes: [],
    counts: { read: total, valid: features.length, errors, warnings: problems.length - errors },
  };
}

function safeConvert(g: NonNullable<RawFeature['geometry']>, conv: NonNullable<ReturnType<typeof converterFor>>) {
  try {
    return convertGeometry(g, conv);
  } catch {
    return null;
  }
}

/** Messages from readers start with the file name; problems carry it separately. */
const stripName = (m: string, file: string) => (m.startsWith(`${file}: `) ? m.slice(file.length + 2) : m);

async function readOsmLayer<K extends Exclude<LayerKind, 'candidates'>>(file: InputFile, kind: K, options: ReadLayerOptions): Promise<LayerImport<K>> {
  let layers;
  try {
    layers = await readOsm(file.bytes, file.name, { signal: options.signal, onProgress: options.onProgress, layers: [kind] });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    const message = stripName((e as Error).message, file.name);
    return {
      kind, files: [file.name], format: 'osm', features: [], fieldMap: {}, schemaKey: 'osm', notes: [],
      problems: [{ file: file.name, message, severity: 'error' }],
      crs: { source: 'EPSG:4326', from: 'default', note: { zh: 'OpenStreetMap 数据为 WGS84 经纬度', en: 'OpenStreetMap data is WGS84 longitude/latitude' } },
      counts: { read: 0, valid: 0, errors: 1, warnings: 0 },
    };
  }
  const features = layers[kind] as EngineFeature<K>[];
  // An extract without this layer's features says so (an empty layer is not silently accepted).
  const problems: LayerImport<K>['problems'] = features.length ? [] : [{ file: file.name, message: `no ${kind} found in the OpenStreetMap data`, severity: 'warning' }];
  return {
    kind, files: [file.name], format: 'osm', features, problems, fieldMap: {}, schemaKey: 'osm', notes: layers.notes,
    crs: { source: 'EPSG:4326', from: 'default', note: { zh: 'OpenStreetMap 数据为 WGS84 经纬度', en: 'OpenStreetMap data is WGS84 longitude/latitude' } },
    counts: { read: features.length, valid: features.length, errors: 0, warnings: problems.length },
  };
}
