// A road layer (a GeoJSON FeatureCollection of LineString / MultiLineString features) read into
// flat typed arrays by the polygon scanner's line mode (geojsonFlatPolygons.ts scanFeatureCollection):
// no object per feature geometry, no array per vertex (a city's street network is tens of MB of
// JSON; JSON.parse of it makes an [x, y] array and two heap numbers per vertex, which the graph
// builder only reads once). The same bytes, numbers and properties rules as that scanner.
//
// Conservative: anything the scan does not fully read gives null, and so does a feature the road
// rules would report (a null geometry, a line of fewer than two positions): the caller then uses the
// general reader, which reports problems as it always has. What it accepts reads to the same result
// as JSON.parse followed by readGeoJson.
import { scanFeatureCollection, type GeoJsonText } from './geojsonFlatPolygons';

export interface FlatLineLayer {
  /** Number of features. */
  length: number;
  /** Feature f's lines are featureLines[f] … featureLines[f + 1] − 1 (one for a LineString). Length `length + 1`. */
  featureLines: Uint32Array;
  /** Line l's vertices are lineOffsets[l] … lineOffsets[l + 1] − 1 (at least two). */
  lineOffsets: Uint32Array;
  /** x, y of every vertex as in the file, interleaved (vertex v at 2v, 2v + 1). */
  xy: Float64Array;
  /** Each feature's properties; a feature's top-level `id` is merged in as properties.id when absent, as readGeoJson does. */
  properties: Record<string, unknown>[];
  /** Property names in first-seen order (readGeoJson's `fields`). */
  fields: string[];
  /** The legacy GeoJSON "crs" member's name, when the file has one. */
  crsName?: string;
}

/**
 * Reads a GeoJSON text or its UTF-8 bytes (BOMs already stripped: withoutBoms) holding a
 * FeatureCollection of LineString and MultiLineString features, each with a line of two positions
 * or more, into flat arrays; null for anything else.
 */
export function scanGeoJsonLines(text: GeoJsonText): FlatLineLayer | null {
  const r = scanFeatureCollection(text, 'lines');
  if (!r) return null;
  // The line mode gives each feature with a geometry one polygon whose rings are its lines.
  const { geomOffsets, polygonOffsets, ringOffsets } = r;
  const featureLines = new Uint32Array(r.length + 1);
  for (let f = 0; f <= r.length; f++) featureLines[f] = polygonOffsets[geomOffsets[f]];
  for (let f = 0; f < r.length; f++) if (featureLines[f + 1] === featureLines[f]) return null;
  for (let l = 0; l + 1 < ringOffsets.length; l++) if (ringOffsets[l + 1] - ringOffsets[l] < 2) return null;
  const layer: FlatLineLayer = { length: r.length, featureLines, lineOffsets: ringOffsets, xy: r.xy, properties: r.properties, fields: r.fields };
  if (r.crsName !== undefined) layer.crsName = r.crsName;
  return layer;
}
