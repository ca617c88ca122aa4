// Read one layer for a command: path → LayerImport via the shared readLayer; any error-severity
// problem → InputError (exit 2) naming file, feature and field; CRS suggestions in the message.
import type { FieldMap, InputFile, LayerImport, LayerKind } from '../../src/io/import/types';
import type { ResidentialLayerFlat } from '../../src/engine/types';
import type { RoadLinesFlat } from '../../src/engine/network/graph';
import { readLayer } from '../../src/io/import/readLayer';
import { readResidentialFlat, readResidentialFlatFrom, type ResidentialFlatImport } from '../../src/io/import/readResidentialFlat';
import type { ScanWindow } from '../../src/io/formats/geojsonFlatPolygons';
import { InputError, throwOnErrors } from './inputError';
import { readInputFiles } from './readInputFiles';
import { withFileSource } from './fileByteSource';

export interface LoadLayerOptions {
  crs?: string;
  encoding?: string;
  fieldMap?: FieldMap;
  hint?: { lon: number; lat: number };
  /** Reading progress (bytes or features done of total), for long reads. */
  onProgress?: (done: number, total: number) => void;
}

/** A command parses GeoJSON files below this size whole: nothing can cancel it, and a parse this
 *  size takes a second or two, so chunks (progress between them) would only add a scan of the bytes. */
const CHUNKED_FROM_BYTES = 256 << 20;

export async function loadLayer<K extends LayerKind>(path: string, kind: K, options: LoadLayerOptions = {}): Promise<LayerImport<K>> {
  return loadFiles(path, await readInputFiles(path), kind, options);
}

async function loadFiles<K extends LayerKind>(path: string, files: InputFile[], kind: K, options: LoadLayerOptions): Promise<LayerImport<K>> {
  let layer: LayerImport<K>;
  try {
    layer = await readLayer(files, kind, { chunkedFromBytes: CHUNKED_FROM_BYTES, ...options });
  } catch (e) {
    throw new InputError(`${path}: ${(e as Error).message}`, { cause: e });
  }
  return accepted(path, layer, layer.features.length);
}

/** Set to `general` to read every residential layer with readLayer (the flat reader's reference). */
export const RESIDENTIAL_READER_ENV = 'LIFECIRCLE_RESIDENTIAL_READER';

/**
 * The residential layer for a command that only audits it: read flat into the engine's
 * ResidentialLayerFlat when the file allows (loadResidentialFlat), otherwise (or with
 * LIFECIRCLE_RESIDENTIAL_READER=general) as loadLayer reads it. The flat read's LayerImport has no features: they are `flat`.
 * `window`: the windowed read's window (windowedRead; tests make it small).
 */
export async function loadResidentialLayer(path: string, options: LoadLayerOptions = {}, window?: ScanWindow): Promise<{ layer: LayerImport<'residential'>; flat?: ResidentialLayerFlat }> {
  const windowed = windowedRead(path, options, window);
  if (windowed) return windowed;
  const files = await readInputFiles(path);
  return flatRead(path, files, options) ?? { layer: await loadFiles(path, files, 'residential', options) };
}

/**
 * The residential layer read flat (one GeoJSON file, a polygon Shapefile, zipped or not, or a
 * polygon FlatGeobuf file: readResidentialFlat), with the same problems and the same checks as
 * loadLayer; undefined when the flat reader declines the file (or LIFECIRCLE_RESIDENTIAL_READER is
 * `general`): loadLayer then reads it.
 */
export async function loadResidentialFlat(path: string, options: LoadLayerOptions = {}, window?: ScanWindow): Promise<{ layer: LayerImport<'residential'>; flat: ResidentialLayerFlat } | undefined> {
  return windowedRead(path, options, window) ?? flatRead(path, await readInputFiles(path), options);
}

/**
 * A GeoJSON file read flat from the file through a window of its bytes (readResidentialFlatFrom),
 * without its whole bytes in memory; undefined wherever that read declines (not GeoJSON, a feature
 * larger than the window holds, a file the flat reader declines, a path that cannot be opened):
 * the caller then reads the whole file as before, and reports what is wrong as before.
 */
function windowedRead(path: string, options: LoadLayerOptions, window?: ScanWindow): { layer: LayerImport<'residential'>; flat: ResidentialLayerFlat } | undefined {
  if (process.env[RESIDENTIAL_READER_ENV] === 'general') return undefined;
  return flatAccepted(path, () => withFileSource(path, (source) => readResidentialFlatFrom(path, source, options, window)) ?? null);
}

function flatRead(path: string, files: InputFile[], options: LoadLayerOptions): { layer: LayerImport<'residential'>; flat: ResidentialLayerFlat } | undefined {
  if (process.env[RESIDENTIAL_READER_ENV] === 'general') return undefined;
  return flatAccepted(path, () => readResidentialFlat(files, options));
}

/** A flat read's answer accepted (accepted()), its error an InputError naming the file; undefined where it declined. */
function flatAccepted(path: string, read: () => ResidentialFlatImport | null): { layer: LayerImport<'residential'>; flat: ResidentialLayerFlat } | undefined {
  let r;
  try {
    r = read();
  } catch (e) {
    throw new InputError(`${path}: ${(e as Error).message}`, { cause: e });
  }
  return r ? { layer: accepted(path, r.import, r.layer.length), flat: r.layer } : undefined;
}

/** The layer when it has no error-severity problem and some features (InputError otherwise); CRS suggestions added to the messages. */
function accepted<K extends LayerKind>(path: string, layer: LayerImport<K>, features: number): LayerImport<K> {
  const flag = `--${layer.kind}-crs`;
  const sugg = layer.crs.suggestions?.[0];
  if (sugg) {
    for (const p of layer.problems) if (p.severity === 'error' && !p.feature && /coordinates/.test(p.message)) p.message += `\n  → try ${flag} ${sugg.crs}${sugg.swapXY ? ' (the file has X/Y swapped: convert it first)' : ''}`;
  }
  throwOnErrors(layer.problems);
  if (features === 0 && layer.kind !== 'roads') throw new InputError(`${path}: no ${layer.kind} features in the file`);
  return layer;
}

/** Centre of a layer's coordinates, as a CRS hint for the other layers. */
export function layerCentre(layer: LayerImport): { lon: number; lat: number } | undefined {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const add = (p: number[]) => {
    minX = Math.min(minX, p[0]); maxX = Math.max(maxX, p[0]); minY = Math.min(minY, p[1]); maxY = Math.max(maxY, p[1]);
  };
  for (const f of layer.features as unknown as Record<string, unknown>[]) {
    if (Array.isArray(f.position)) add(f.position as number[]);
    else if (Array.isArray(f.geometry)) for (const poly of f.geometry as number[][][][]) for (const p of poly[0] ?? []) add(p);
    else if (Array.isArray(f.coordinates)) for (const p of f.coordinates as number[][]) add(p);
  }
  return minX === Infinity ? undefined : { lon: (minX + maxX) / 2, lat: (minY + maxY) / 2 };
}

/** layerCentre of a road layer held as flat lines: the centre of every vertex's extent. */
export function linesCentre(lines: RoadLinesFlat): { lon: number; lat: number } | undefined {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const { xy } = lines;
  const end = 2 * lines.lineOffsets[lines.length];
  for (let v = 0; v < end; v += 2) {
    minX = Math.min(minX, xy[v]); maxX = Math.max(maxX, xy[v]); minY = Math.min(minY, xy[v + 1]); maxY = Math.max(maxY, xy[v + 1]);
  }
  return minX === Infinity ? undefined : { lon: (minX + maxX) / 2, lat: (minY + maxY) / 2 };
}
