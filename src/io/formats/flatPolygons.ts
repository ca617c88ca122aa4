// A polygon layer's geometry in flat typed arrays, in the GeoArrow MultiPolygon layout (feature →
// polygons → rings → vertices, each level an offsets array into the next), so a large layer
// (a city's building footprints) is read without an array per vertex. Coordinates are as in the
// file: no CRS applied, nothing checked beyond the layout. GrowU32 builds an offsets column while a reader reads.
import { bulkUint32 } from '../../engine/bulkArrays';

export interface FlatPolygonLayer {
  /** Number of features. */
  length: number;
  /** Feature f's polygons are geomOffsets[f] … geomOffsets[f + 1] − 1 (none: a null geometry). Length `length + 1`. */
  geomOffsets: Uint32Array;
  /** Polygon p's rings are polygonOffsets[p] … polygonOffsets[p + 1] − 1; the first is its outer ring. */
  polygonOffsets: Uint32Array;
  /** Ring r's vertices are ringOffsets[r] … ringOffsets[r + 1] − 1, as in the file (closing vertex included). */
  ringOffsets: Uint32Array;
  /** x, y of every vertex, interleaved (vertex v at 2v, 2v + 1). */
  xy: Float64Array;
  /** Each feature's properties; a feature's top-level `id` is merged in as properties.id when absent, as readGeoJson does. */
  properties: Record<string, unknown>[];
  /** Property names in first-seen order (readGeoJson's `fields`). */
  fields: string[];
  /** The legacy GeoJSON "crs" member's name, when the file has one. */
  crsName?: string;
}

/**
 * A FlatPolygonLayer whose properties are held by name, not by feature: columns.get(name)[i] is
 * feature i's value of `name`, undefined where feature i has no such property (a JSON value is
 * never undefined). Every name in `fields` has a column of `length` values.
 */
export interface FlatPolygonColumns extends Omit<FlatPolygonLayer, 'properties'> {
  columns: Map<string, unknown[]>;
}

/** Every feature's value of property `name` (undefined where it has none as an own property), from either form of layer. */
export function propertyColumn(layer: FlatPolygonLayer | FlatPolygonColumns, name: string): unknown[] {
  if ('columns' in layer) return layer.columns.get(name) ?? [];
  const own = Object.prototype.hasOwnProperty;
  return layer.properties.map((p) => (own.call(p, name) ? p[name] : undefined));
}

/** An offsets column being read: a Uint32Array (bulkArrays.ts once large) that grows by doubling; `trimmed()` copies out the used part. */
export class GrowU32 {
  a: Uint32Array;
  n = 0;
  constructor(capacity = 1024) { this.a = bulkUint32(capacity); }
  push(v: number): void {
    if (this.n === this.a.length) { const b = bulkUint32(this.a.length * 2); b.set(this.a); this.a = b; }
    this.a[this.n++] = v;
  }
  trimmed(): Uint32Array { return this.a.slice(0, this.n); }
}
