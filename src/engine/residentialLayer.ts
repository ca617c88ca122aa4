// The residential layer projected once into one flat store (residentialPieces.ts): one store polygon
// per usable feature, with its households, and a spatial index over them; what the coverage basis
// (residentialBasis.ts) cuts into each community's pieces. The layer comes as objects
// (ResidentialLand[]: the app, tests) or as flat typed arrays (ResidentialLayerFlat: a reader of
// large files); both feed the same vertex loop, so both give the same store, bit for bit.
import Flatbush from 'flatbush';
import type { DataWarning, MultiPolygonCoords, Position, ResidentialLand, ResidentialLayerFlat } from './types';
import type { LocalProjection } from './geo/localProjection';
import { multiPolygonToMetric, ringsArea } from './geo/metricRings';
import { segmentsMeet } from './geo/flatSegments';
import { packedFlatbush, packedFlatbushInPlace } from './geo/packedFlatbush';
import { PolygonStoreBuilder, type PolygonStore } from './residentialPieces';
import { bulkBufferType, bulkFloat64 } from './bulkArrays';

/** Projected residential features: one store polygon per usable feature (rings, area > 0). */
export interface ProjectedResidential {
  store: PolygonStore;
  /** Per store polygon: households (NaN when missing) and whether they are estimated. */
  households: Float64Array;
  estimated: Uint8Array;
  index: Flatbush | null;
  /** Features without households (usable or not). */
  missing: number;
}

const validHouseholds = (h: unknown): h is number => typeof h === 'number' && Number.isFinite(h) && h >= 0;

/** The node size of the index storeIndex builds (flatbush's default). */
const INDEX_NODE_SIZE = 16;

/** The longest ring (closing vertex included) the fast path takes. */
const SIMPLE_MAX = 65;
const projected = new Float64Array(2 * SIMPLE_MAX); // projectSimpleRing: the projected ring
const lonLat = new Float64Array(2 * SIMPLE_MAX); // projectSimple: a nested ring's lon/lat, flat
const edgeTerms = new Float64Array(SIMPLE_MAX); // projectSimpleRing: each edge's term of the ring's twice-area

/**
 * Fast path for the common residential feature (a building or parcel): one ring of at most 64
 * vertices (vertices v0 … v1 − 1 of the flat lon/lat `src`, closing vertex included) that does not
 * cross itself is projected and oriented straight into the store (one closed ring); anything else
 * (too few or many vertices, self-intersections, bad coordinates) returns false, leaving the store
 * as it was, and goes through multiPolygonToMetric's cleaning union. The ring is projected, rid of
 * repeated vertices (as the store's vertex() drops them) and checked in a scratch buffer, and
 * written to the store only when it is taken, already oriented. The checks' pass over the edges
 * also keeps each edge's area term, from which the store's area is summed in the store's order,
 * so that writing the ring does not read it a second time for its area.
 */
function projectSimpleRing(src: Float64Array, v0: number, v1: number, projection: LocalProjection, b: PolygonStoreBuilder): boolean {
  if (v1 - v0 < 4 || v1 - v0 > SIMPLE_MAX) return false;
  for (let v = 2 * v0; v < 2 * v1; v++) if (!Number.isFinite(src[v])) return false;
  // Without the closing vertex when it repeats the first.
  const end = src[2 * v1 - 2] === src[2 * v0] && src[2 * v1 - 1] === src[2 * v0 + 1] ? v1 - 1 : v1;
  const f = projected;
  projection.forwardMany(src, v0, end, f, 0);
  // A vertex repeating the one kept before it is dropped.
  let m = 2;
  for (let k = 2; k < 2 * (end - v0); k += 2) {
    const x = f[k], y = f[k + 1];
    if (x === f[m - 2] && y === f[m - 1]) continue;
    f[m++] = x; f[m++] = y;
  }
  const n = m >> 1;
  if (n < 3) return false;
  let twice = 0;
  const e = edgeTerms;
  for (let i = 0; i < n; i++) {
    const i1 = i + 1 < n ? i + 1 : 0;
    const ax = f[2 * i], ay = f[2 * i + 1], bx = f[2 * i1], by = f[2 * i1 + 1];
    const t = (ax - bx) * (ay + by);
    e[i] = t;
    twice += t;
    const x0 = ax < bx ? ax : bx, x1 = ax < bx ? bx : ax, y0 = ay < by ? ay : by, y1 = ay < by ? by : ay;
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // adjacent through the closing edge
      const j1 = j + 1 < n ? j + 1 : 0;
      const cx = f[2 * j], cy = f[2 * j + 1], dx = f[2 * j1], dy = f[2 * j1 + 1];
      // Segments whose boxes are apart share no point (the exact test below finds none either).
      if ((cx < x0 && dx < x0) || (cx > x1 && dx > x1) || (cy < y0 && dy < y0) || (cy > y1 && dy > y1)) continue;
      if (segmentsMeet(f, 2 * i, 2 * i1, 2 * j, 2 * j1)) return false;
    }
  }
  if (twice === 0) return false;
  // Clockwise: outer rings turn counter-clockwise. The store's sum over the ring as written (the
  // edge into vertex 0 first, then each edge in the written order): the same terms, exactly
  // negated when the ring is reversed (a − b = −(b − a), and a sum from +0 is unchanged by a zero
  // term of either sign).
  const reverse = twice < 0;
  let stored = 0;
  if (reverse) for (let i = n - 1; i >= 0; i--) stored += -e[i];
  else {
    stored += e[n - 1];
    for (let i = 0; i < n - 1; i++) stored += e[i];
  }
  b.closedRing(f, n, reverse, stored);
  return true;
}

/** The fast path for a feature as objects: one polygon of one ring of finite positions, read flat. */
function projectSimple(geometry: MultiPolygonCoords, projection: LocalProjection, b: PolygonStoreBuilder): boolean {
  if (!Array.isArray(geometry) || geometry.length !== 1 || !Array.isArray(geometry[0]) || geometry[0].length !== 1) return false;
  const ring = geometry[0][0];
  if (!Array.isArray(ring) || ring.length < 4 || ring.length > SIMPLE_MAX) return false;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i];
    if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return false;
    lonLat[2 * i] = p[0]; lonLat[2 * i + 1] = p[1];
  }
  return projectSimpleRing(lonLat, 0, ring.length, projection, b);
}

/** The fast path for feature i of a flat layer: one polygon of one ring. */
function projectSimpleFlat(layer: ResidentialLayerFlat, i: number, projection: LocalProjection, b: PolygonStoreBuilder): boolean {
  const p = layer.geomOffsets[i];
  if (layer.geomOffsets[i + 1] - p !== 1) return false;
  const r = layer.polygonOffsets[p];
  if (layer.polygonOffsets[p + 1] - r !== 1) return false;
  return projectSimpleRing(layer.xy, layer.ringOffsets[r], layer.ringOffsets[r + 1], projection, b);
}

/** Feature i of a flat layer as nested positions (for the features the fast path does not take). */
function flatFeatureGeometry(layer: ResidentialLayerFlat, i: number): MultiPolygonCoords {
  const { geomOffsets: g, polygonOffsets: po, ringOffsets: ro, xy } = layer;
  const out: MultiPolygonCoords = [];
  for (let p = g[i]; p < g[i + 1]; p++) {
    const poly: Position[][] = [];
    for (let r = po[p]; r < po[p + 1]; r++) {
      const ring: Position[] = [];
      for (let v = ro[r]; v < ro[r + 1]; v++) ring.push([xy[2 * v], xy[2 * v + 1]]);
      poly.push(ring);
    }
    out.push(poly);
  }
  return out;
}

/**
 * Projects the residential layer into one store (a feature whose rings clean to nothing is
 * dropped with an invalid_geometry warning) and indexes it; features without households are
 * counted and named in one missing_households warning.
 */
export function projectResidential(land: ResidentialLand[] | ResidentialLayerFlat, projection: LocalProjection, warnings: DataWarning[]): ProjectedResidential {
  const flat = Array.isArray(land) ? null : land;
  const nested = Array.isArray(land) ? land : null;
  if (flat?.geometryElsewhere) throw new Error('projectResidential: this copy of the layer has no geometry (another thread holds and projects it)');
  const count = land.length;
  // Sized for the flat layer's rings and vertices, or for one ring of four vertices per feature
  // (a building) when they are objects; grown when more. The boxes are written straight into the
  // leaves of the index to be built over them (one array of boxes, not a column and its copy).
  // The index's buffer: its leaves (32 bytes per feature) and levels, about 34 bytes per feature.
  const tree = count > INDEX_NODE_SIZE ? new Flatbush(count, INDEX_NODE_SIZE, Float64Array, bulkBufferType(34 * count) as ArrayBufferConstructor) : null;
  const leaves = tree ? (tree._boxes as Float64Array).subarray(0, 4 * count) : undefined;
  const b = new PolygonStoreBuilder(flat ? { polygons: count, rings: flat.ringOffsets.length - 1, vertices: flat.xy.length >> 1, bbox: leaves } : { polygons: count, vertices: 4 * count, bbox: leaves });
  const households = bulkFloat64(count);
  const estimated = new Uint8Array(count);
  let missing = 0;
  let firstMissing = '';
  for (let i = 0; i < count; i++) {
    const r = nested ? nested[i] : null;
    const id = (r ? r.id : flat!.ids[i]) ?? String(i);
    let ok = r ? projectSimple(r.geometry, projection, b) : projectSimpleFlat(flat!, i, projection, b);
    if (!ok) {
      const { rings, problems } = multiPolygonToMetric(r ? r.geometry : flatFeatureGeometry(flat!, i), projection);
      if (problems.length) warnings.push({ code: 'invalid_geometry', layer: 'residential', feature: id, field: 'geometry', message: `residential ${id}: ${problems.join('; ')}` });
      if (rings.length && ringsArea(rings) > 0) {
        for (const ring of rings) b.ring(ring);
        ok = true;
      }
    }
    const hv = r ? r.households : flat!.households[i];
    const h = validHouseholds(hv) ? hv : null;
    if (h === null) {
      if (!missing) firstMissing = id;
      missing++;
    }
    if (!ok) continue;
    const k = b.endPolygon();
    households[k] = h ?? NaN;
    estimated[k] = (r ? r.householdsEstimated === true : !!flat!.householdsEstimated && flat!.householdsEstimated[i] !== 0) ? 1 : 0;
  }
  if (missing) {
    warnings.push({
      code: 'missing_households', layer: 'residential', feature: firstMissing, field: 'households',
      message: `residential: ${missing} of ${count} features have no households (first: ${firstMissing}); coverage is measured over residential area, not households`,
    });
  }
  const store = b.finish();
  return { store, households: households.subarray(0, store.count), estimated: estimated.subarray(0, store.count), index: indexOf(store, tree), missing };
}

/**
 * The store's index (storeIndex's), built in `tree` when the store's boxes are its leaves (the
 * store holds every feature) and their order is coherent; otherwise storeIndex's own, the boxes
 * staying where the store has them (the leaves, left as written, or a column of their own).
 */
function indexOf(store: PolygonStore, tree: Flatbush | null): Flatbush | null {
  const inTree = tree !== null && store.count === tree.numItems && store.bbox.buffer === tree._boxes.buffer && store.bbox.byteOffset === tree._boxes.byteOffset;
  return (inTree ? packedFlatbushInPlace(tree) : null) ?? storeIndex(store);
}

/**
 * A spatial index over the store's polygon boxes, item k being polygon k (null when the store is
 * empty): a search finds the polygons an index of the boxes added in store order finds, in an
 * order of its own (its callers sort them or use them as a set). A layer written block by block
 * keeps its order in the tree, with no Hilbert sort (packedFlatbush's keepCoherent).
 */
export function storeIndex(store: PolygonStore): Flatbush | null {
  return packedFlatbush(store.bbox, store.count, true);
}
