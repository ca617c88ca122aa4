// FlatGeobuf → RawLayer, with progress and cancellation between features (large files).
import { geojson as fgb } from 'flatgeobuf';
import type { HeaderMeta } from 'flatgeobuf';
import type { Geometry } from 'geojson';
import type { RawFeature, RawLayer } from '../import/types';
import { abortError } from '../import/abort';
import { checkFlatGeobuf } from './fgbStructure';

const MAGIC = [0x66, 0x67, 0x62, 0x03]; // "fgb\x03"

export async function readFgbLayer(name: string, bytes: Uint8Array, ctl: { signal?: { readonly aborted: boolean }; onProgress?: (done: number, total: number) => void } = {}): Promise<RawLayer> {
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) throw new Error(`${name}: not a FlatGeobuf file (bad magic bytes)`);
  // Lengths and offsets against the file size first: the library loops forever on some bad headers.
  if (checkFlatGeobuf(name, bytes).features === 0) return { format: 'flatgeobuf', features: [], fields: [], problems: [] };
  let header: HeaderMeta | undefined;
  const features: RawFeature[] = [];
  try {
    for await (const f of fgb.deserialize(bytes, { headerMetaFn: (h: HeaderMeta) => { header = h; } })) {
      features.push({ geometry: (f.geometry as Geometry) ?? null, properties: (f.properties as Record<string, unknown>) ?? {} });
      if (features.length % 10000 === 0) {
        if (ctl.signal?.aborted) throw abortError(name);
        ctl.onProgress?.(features.length, header?.featuresCount || features.length);
        await new Promise((r) => setTimeout(r, 0));
      }
    }
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new Error(`${name}: FlatGeobuf unreadable after ${features.length} features (${(e as Error).message})`, { cause: e });
  }
  const crs = header?.crs;
  const fields = header?.columns?.map((c) => c.name) ?? [...new Set(features.flatMap((f) => Object.keys(f.properties)))];
  const declaredCrs = crs?.code ? { crs: `EPSG:${crs.code}`, from: 'fgb-header' as const, wkt: crs.wkt ?? undefined } : crs?.wkt ? { crs: crs.wkt, from: 'fgb-header' as const, wkt: crs.wkt } : undefined;
  return { format: 'flatgeobuf', features, fields, declaredCrs, problems: [] };
}
