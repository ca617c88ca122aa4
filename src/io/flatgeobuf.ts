// FlatGeobuf ↔ GeoJSON FeatureCollection. Format core only; layer conversion lives in canonical.ts.
// flatgeobuf 4.x: the writer builds no spatial index, so we always read whole files (STACK-NOTES).
import { geojson as fgb } from 'flatgeobuf';
import type { HeaderMeta } from 'flatgeobuf';
import type { Feature, FeatureCollection } from 'geojson';
import { checkFlatGeobuf } from './formats/fgbStructure';

export interface FlatGeobufRead {
  collection: FeatureCollection;
  /** EPSG code from the header's CRS, when the file names one. */
  epsg?: number;
  /** WKT from the header's CRS, when present. */
  wkt?: string;
}

export async function readFlatGeobuf(bytes: Uint8Array, name = 'FlatGeobuf'): Promise<FlatGeobufRead> {
  // Lengths and offsets against the file size first: the library loops forever on some bad headers.
  if (checkFlatGeobuf(name, bytes).features === 0) return { collection: { type: 'FeatureCollection', features: [] } };
  let header: HeaderMeta | undefined;
  const features: Feature[] = [];
  for await (const f of fgb.deserialize(bytes, { headerMetaFn: (h: HeaderMeta) => { header = h; } })) {
    features.push(f as unknown as Feature);
  }
  const crs = header?.crs;
  return {
    collection: { type: 'FeatureCollection', features },
    epsg: crs && crs.code ? crs.code : undefined,
    wkt: crs?.wkt ?? undefined,
  };
}

/** Serialises a FeatureCollection; all features must share one geometry type family. */
export function writeFlatGeobuf(collection: FeatureCollection, epsg = 4326): Uint8Array {
  return fgb.serialize(collection, epsg);
}
