// Format dispatch: the files of one layer → RawLayer (before CRS and field mapping).
// By extension, else by content (FlatGeobuf magic, zip "PK", JSON "{", OSM XML "<osm").
import type { InputFile, RawLayer, SourceFormat } from './types';
import { readGeoJson } from '../formats/geojson';
import { readFgbLayer } from '../formats/fgb';
import { readShapefile, unzipFiles } from '../formats/shapefile/index';
import { readCsv } from '../formats/csv';
import { readXlsx } from '../formats/xlsx';
import { plainProperties } from './plainProperties';

const ext = (name: string) => (/\.([^./\\]+)$/.exec(name)?.[1] ?? '').toLowerCase();

export function detectFormat(files: InputFile[]): SourceFormat | 'zip' {
  const exts = files.map((f) => ext(f.name));
  if (exts.includes('shp')) return 'shapefile';
  const f = files[0];
  const e = exts[0];
  if (/\.osm\.pbf$/i.test(f.name) || e === 'osm' || e === 'pbf') return 'osm';
  if (e === 'geojson' || e === 'json') return 'geojson';
  if (e === 'fgb') return 'flatgeobuf';
  if (e === 'csv' || e === 'txt' || e === 'tsv') return 'csv';
  if (e === 'xlsx') return 'xlsx';
  if (e === 'zip') return 'zip';
  const b = f.bytes;
  if (b[0] === 0x66 && b[1] === 0x67 && b[2] === 0x62) return 'flatgeobuf';
  if (b[0] === 0x50 && b[1] === 0x4b) return 'zip';
  const head = new TextDecoder().decode(b.subarray(0, 200)).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{')) return 'geojson';
  if (head.startsWith('<')) return 'osm';
  throw new Error(`${files.map((x) => x.name).join(', ')}: format not recognised (GeoJSON, FlatGeobuf, Shapefile, CSV, XLSX, OSM)`);
}

export interface RawReadOptions {
  encoding?: string;
  signal?: { readonly aborted: boolean };
  onProgress?: (done: number, total: number) => void;
  chunkedFromBytes?: number;
  /** false: GeoJSON point collections parsed whole like any other (readGeoJson's scanPoints). */
  scanPoints?: boolean;
}

/** Reads every format but OSM (handled by readLayer, which needs the layer kind). */
export async function readRaw(files: InputFile[], options: RawReadOptions = {}): Promise<RawLayer> {
  const raw = await readRawAsIs(files, options);
  // Property bags as plain data (plainProperties.ts): hostile field names and deep nesting.
  for (const f of raw.features) f.properties = plainProperties(f.properties);
  return raw;
}

async function readRawAsIs(files: InputFile[], options: RawReadOptions): Promise<RawLayer> {
  if (files.length === 0) throw new Error('no files given');
  let fmt = detectFormat(files);
  let set = files;
  if (fmt === 'zip') {
    set = files.flatMap((f) => (ext(f.name) === 'zip' || (f.bytes[0] === 0x50 && f.bytes[1] === 0x4b) ? unzipFiles(f) : [f]));
    if (!set.some((f) => ext(f.name) === 'shp')) {
      const inner = set.find((f) => ['geojson', 'json', 'fgb', 'csv', 'xlsx'].includes(ext(f.name)));
      if (!inner) throw new Error(`${files[0].name}: the zip holds no .shp, GeoJSON, FlatGeobuf, CSV or XLSX file`);
      set = [inner];
    }
    fmt = detectFormat(set);
  }
  const f = set[0];
  switch (fmt) {
    case 'shapefile':
      return readShapefile(set, options);
    case 'geojson':
      return readGeoJson(f.name, f.bytes, options);
    case 'flatgeobuf':
      return readFgbLayer(f.name, f.bytes, options);
    case 'csv':
      return readCsv(f.name, f.bytes, options);
    case 'xlsx':
      return readXlsx(f.name, f.bytes);
    default:
      throw new Error(`${f.name}: ${fmt} is read by readLayer`);
  }
}
