// GeoJSON reader (RFC 7946: WGS84 lon/lat; a legacy "crs" member is honoured). A FeatureCollection
// of points read whole (not in chunks) goes through the flat point scanner (geojsonFlatPoints.ts)
// instead of JSON.parse: the same coordinates, properties and fields without parsing the document
// into objects first (a city's 100,000 facilities: a parse tree, then a second walk over it).
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { RawLayer } from '../import/types';
import { decodeText, withoutBoms } from './textEncoding';
import { parseFeatureCollectionChunked, type ChunkControl } from './geojsonChunks';
import { geometryShapeError } from '../validate/geometryChecks';
import { scanGeoJsonPoints, type FlatPointLayer } from './geojsonFlatPoints';

export interface GeoJsonReadOptions extends ChunkControl {
  /** false: parse a point collection with JSON.parse too (the scanner's reference). Default true. */
  scanPoints?: boolean;
}

/** Files above this size are parsed feature chunk by chunk (progress, cancellation). */
export const CHUNKED_GEOJSON_BYTES = 16 << 20;

export async function readGeoJson(name: string, bytes: Uint8Array, ctl: GeoJsonReadOptions = {}): Promise<RawLayer> {
  let doc: unknown;
  try {
    if (bytes.length > (ctl.chunkedFromBytes ?? CHUNKED_GEOJSON_BYTES)) doc = await parseFeatureCollectionChunked(name, bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes, ctl);
    else {
      // The scanner reads the bytes (no decoded copy of the file); anything but a point collection
      // is given up at its first other geometry, and parsed.
      const points = ctl.scanPoints === false ? null : scanGeoJsonPoints(withoutBoms(bytes));
      if (points) return pointLayer(points);
      doc = JSON.parse(decodeText(bytes, 'utf-8').replace(/^\uFEFF/, ''));
    }
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    const m = (e as Error).message;
    throw new Error(m.startsWith(`${name}: `) ? m : `${name}: not valid JSON (${m})`, { cause: e });
  }
  const d = doc as Partial<FeatureCollection> & Partial<Feature> & { crs?: { properties?: { name?: string } } };
  let feats: Feature[];
  if (d && d.type === 'FeatureCollection' && Array.isArray(d.features)) feats = d.features;
  else if (d && d.type === 'Feature') feats = [d as Feature];
  else if (d && typeof d.type === 'string' && 'coordinates' in (d as object)) feats = [{ type: 'Feature', geometry: d as unknown as Geometry, properties: {} }];
  else throw new Error(`${name}: not GeoJSON (expected a FeatureCollection, a Feature or a geometry)`);
  const fields = new Set<string>();
  const features = feats.map((f) => {
    const properties = (f && typeof f === 'object' && f.properties && typeof f.properties === 'object' ? f.properties : {}) as Record<string, unknown>;
    for (const k of Object.keys(properties)) fields.add(k);
    const shape = geometryShapeError(f?.geometry);
    const out: RawLayer['features'][number] = shape ? { geometry: null, properties, geometryError: shape } : { geometry: f?.geometry ?? null, properties };
    if (f && f.id !== undefined && properties.id === undefined) {
      out.properties = { id: f.id, ...properties };
      fields.add('id');
    }
    return out;
  });
  const crsName = d.crs?.properties?.name;
  return {
    format: 'geojson',
    features,
    fields: [...fields],
    declaredCrs: crsName ? { crs: crsName, from: 'geojson' } : { crs: 'EPSG:4326', from: 'default' },
    problems: [],
  };
}

/** readGeoJson's layer from a scanned point collection: what the parse would give (a null or
 *  absent geometry is null; the scanner's properties and fields are readGeoJson's own). */
function pointLayer(l: FlatPointLayer): RawLayer {
  const features: RawLayer['features'] = new Array(l.length);
  const { xy, properties } = l;
  for (let i = 0; i < l.length; i++) {
    const x = xy[2 * i];
    // JSON has no NaN: x is NaN exactly for a feature without a geometry.
    features[i] = { geometry: Number.isNaN(x) ? null : { type: 'Point', coordinates: [x, xy[2 * i + 1]] }, properties: properties[i] };
  }
  return {
    format: 'geojson',
    features,
    fields: l.fields,
    declaredCrs: l.crsName ? { crs: l.crsName, from: 'geojson' } : { crs: 'EPSG:4326', from: 'default' },
    problems: [],
  };
}
