// A point layer (facilities) read from GeoJSON into one flat coordinate array, by the same
// one-pass scanner as polygon layers (geojsonFlatPolygons.ts): no JSON.parse of the document and no
// array per point; null for anything it does not fully read (the general reader then reports it).
import { scanFeatureCollection, type GeoJsonText } from './geojsonFlatPolygons';

export interface FlatPointLayer {
  /** Number of features. */
  length: number;
  /**
   * Feature f's x, y at 2f, 2f + 1, bit-identical to JSON.parse. NaN, NaN for a null or absent
   * geometry (JSON has no NaN, so it marks exactly those features).
   */
  xy: Float64Array;
  /** Each feature's properties; a feature's top-level `id` is merged in as properties.id when absent, as readGeoJson does. */
  properties: Record<string, unknown>[];
  /** Property names in first-seen order (readGeoJson's `fields`). */
  fields: string[];
  /** The legacy GeoJSON "crs" member's name, when the file has one. */
  crsName?: string;
}

/**
 * Reads a GeoJSON text or its UTF-8 bytes (BOMs already stripped: withoutBoms) holding a FeatureCollection of Point features (null
 * geometries allowed) into flat arrays; null for anything else (other geometry types, positions
 * other than exactly two numbers, invalid JSON, …).
 */
export function scanGeoJsonPoints(text: GeoJsonText): FlatPointLayer | null {
  const r = scanFeatureCollection(text, 'points');
  if (!r) return null;
  const layer: FlatPointLayer = { length: r.length, xy: r.xy, properties: r.properties, fields: r.fields };
  if (r.crsName !== undefined) layer.crsName = r.crsName;
  return layer;
}
