// The reached part of a community's residential land (residentialBasis.ts): Σ weight × reached
// area over its pieces, each piece measured with only the sources near it.
// In straight-line mode, when the sources are all facilities (points) or all green space
// (polygons), each piece is measured straight from the flat piece store with the exact kernels the
// straight-line reach uses for a community (reach/euclideanReach.ts: the disc-union area,
// geo/discUnionArea.ts, and the buffer-union area, geo/bufferUnionArea.ts), with the same fast
// exits (a piece inside one disc, or inside one green polygon, is whole), so the figures are the
// same without a ring, piece object or source list built per piece. Otherwise (walking mode,
// mixed sources) each piece goes to the reach provider as a small community.
import type { DistanceMode } from './types';
import type { BBox, MetricRings, PreparedCommunity, ReachSource } from './reach/reachProvider';
import { areaInDiscUnionAt } from './geo/discUnionArea';
import { areaInBufferUnionAt, cachedSourcePrimitives, type BufferPrimitives } from './geo/bufferUnionArea';
import { keptDiscs } from './geo/coveredDiscs';
import { pointInRings } from './geo/pointInPolygon';
import { basisPieces, type BasisPiece, type CommunityBasis } from './residentialBasis';
import { metricRingsOf, ringsIndexOf, ringsStoreOf, type PolygonStore } from './residentialPieces';

/** More discs than this near one piece are pruned first, as reach/euclideanReach.ts does for a community. */
const PRUNE_DISCS_ABOVE = 32;

/**
 * The sources that can reach a piece: within d straight-line metres of its bbox, written into
 * `out` (reused from piece to piece: the reach providers do not keep the list).
 */
export function sourcesNear(sources: ReachSource[], b: BBox, d: number, out: ReachSource[]): ReachSource[] {
  out.length = 0;
  const d2 = d * d;
  for (const s of sources) {
    let dx: number, dy: number;
    if (s.kind === 'point') {
      const [x, y] = s.xy;
      dx = x < b[0] ? b[0] - x : x > b[2] ? x - b[2] : 0;
      dy = y < b[1] ? b[1] - y : y > b[3] ? y - b[3] : 0;
    } else {
      const g = s.bbox;
      dx = Math.max(0, g[0] - b[2], b[0] - g[2]);
      dy = Math.max(0, g[1] - b[3], b[1] - g[3]);
    }
    if (dx * dx + dy * dy <= d2) out.push(s);
  }
  return out;
}

let centreScratch = new Float64Array(256); // the sources' points
let discs = new Float64Array(256); // a piece's discs that reach into it
const nearScratch: ReachSource[] = [];
const primScratch: BufferPrimitives[] = [];
const origin: [number, number] = [0, 0];
const vertex: [number, number] = [0, 0];

/** Every vertex of piece p within d of (x, y). */
function allVerticesWithin(s: PolygonStore, p: number, x: number, y: number, d2: number): boolean {
  const g = ringsStoreOf(s, p), q = ringsIndexOf(s, p);
  const xy = g.xy;
  for (let i = g.ringStart[g.polygonRing[q]], e = g.ringStart[g.polygonRing[q + 1]]; i < e; i += 2) {
    const dx = xy[i] - x, dy = xy[i + 1] - y;
    if (dx * dx + dy * dy > d2) return false;
  }
  return true;
}

const box = new Float64Array(4); // minX, minY, maxX, maxY: a community's pieces, or one piece

/**
 * The box (minX, minY, maxX, maxY) of the basis's pieces, into `out`: a caller asking several
 * shares of one basis computes it once and passes it to each (reachedByPoints, reachedOnBasis).
 */
export function piecesBoxOf(basis: CommunityBasis, out: Float64Array = new Float64Array(4)): Float64Array {
  out[0] = out[1] = Infinity; out[2] = out[3] = -Infinity;
  const s = basis.store;
  if (!s) return out;
  const bb = s.bbox;
  for (let p = basis.first, e = basis.first + basis.count; p < e; p++) {
    if (bb[4 * p] < out[0]) out[0] = bb[4 * p];
    if (bb[4 * p + 1] < out[1]) out[1] = bb[4 * p + 1];
    if (bb[4 * p + 2] > out[2]) out[2] = bb[4 * p + 2];
    if (bb[4 * p + 3] > out[3]) out[3] = bb[4 * p + 3];
  }
  return out;
}

/** The pieces' box into `box`: the caller's (piecesBoxOf of the same basis) or computed now. */
function intoBox(basis: CommunityBasis, given: Float64Array | undefined): void {
  if (given) { box[0] = given[0]; box[1] = given[1]; box[2] = given[2]; box[3] = given[3]; } else piecesBoxOf(basis, box);
}

/** Squared distance from (x, y) to the farthest corner of `box` (of a rectangle, the farthest point). */
function farthestCorner2(x: number, y: number): number {
  const dx = Math.max(x - box[0], box[2] - x), dy = Math.max(y - box[1], box[3] - y);
  return dx * dx + dy * dy;
}

/** Σ weight × area of the pieces: every piece wholly reached. */
function wholeOf(s: PolygonStore, first: number, count: number): number {
  let reached = 0;
  for (let p = first; p < first + count; p++) reached += s.weight[p] * s.area[p];
  return reached;
}

/**
 * Σ weight × area of the basis's pieces: the figure the shares give when every piece is reached
 * (reachedByPoints when one disc holds the pieces' box), summed in the same order.
 */
export function reachedWhole(basis: CommunityBasis): number {
  return basis.store ? wholeOf(basis.store, basis.first, basis.count) : 0;
}

// reachedByBuffers: each source's vertices within d of the pieces' box, x, y at
// nearXY[nearStart[i] .. nearStart[i + 1]) for source i. Only these can hold a piece's box in
// their disc: a vertex v and a piece's box b inside the pieces' box B have
// v.x − b0 ≥ v.x − B2 and b2 − v.x ≥ B0 − v.x (rounding keeps the order), so b's farthest corner
// from v is no nearer than B is.
let nearXY = new Float64Array(256);
let nearStart = new Int32Array(65);

/**
 * Some source vertex has every corner of the pieces' box (`box`) within d: the box lies in its
 * disc, which the source's buffer holds. Otherwise each source's vertices within d of the box are
 * written into nearXY / nearStart for the pieces.
 */
function nearVerticesOrWhole(sources: ReachSource[], d2: number): boolean {
  const B0 = box[0], B1 = box[1], B2 = box[2], B3 = box[3];
  if (nearStart.length < sources.length + 1) nearStart = new Int32Array(2 * sources.length + 1);
  let m = 0;
  for (let i = 0; i < sources.length; i++) {
    nearStart[i] = m;
    const src = sources[i];
    if (src.kind !== 'polygon') continue;
    // No vertex is within d of the box when the source's bbox is not (the same bound, per axis).
    const g = src.bbox;
    const gx = Math.max(0, g[0] - B2, B0 - g[2]), gy = Math.max(0, g[1] - B3, B1 - g[3]);
    if (gx * gx + gy * gy > d2) continue;
    for (const r of src.rings) {
      for (const q of r) {
        const x = q[0], y = q[1];
        const fx = Math.max(x - B0, B2 - x), fy = Math.max(y - B1, B3 - y);
        if (fx * fx + fy * fy <= d2) return true;
        const nx = Math.max(0, B0 - x, x - B2), ny = Math.max(0, B1 - y, y - B3);
        if (nx * nx + ny * ny > d2) continue;
        if (m + 2 > nearXY.length) { const grown = new Float64Array(2 * nearXY.length); grown.set(nearXY); nearXY = grown; }
        nearXY[m++] = x; nearXY[m++] = y;
      }
    }
  }
  nearStart[sources.length] = m;
  return false;
}

/** The first of source i's vertices near the pieces' box (nearXY) with every corner of `box` within d: its offset into nearXY, or −1. */
function boxNearVertex(i: number, d2: number): number {
  for (let j = nearStart[i], e = nearStart[i + 1]; j < e; j += 2) if (farthestCorner2(nearXY[j], nearXY[j + 1]) <= d2) return j;
  return -1;
}

/** Point sources: Σ weight × area of each piece within the true discs of radius d. */
function reachedByDiscs(basis: CommunityBasis, s: PolygonStore, sources: ReachSource[], d: number, given: Float64Array | undefined): number {
  const k = sources.length;
  if (centreScratch.length < 2 * k) { centreScratch = new Float64Array(4 * k); discs = new Float64Array(4 * k); }
  for (let i = 0; i < k; i++) {
    const xy = (sources[i] as Extract<ReachSource, { kind: 'point' }>).xy;
    centreScratch[2 * i] = xy[0]; centreScratch[2 * i + 1] = xy[1];
  }
  return reachedByCentres(basis, s, centreScratch, k, d, given);
}

/**
 * Straight-line, point sources given as coordinates: Σ weight × reached area of the community's
 * residential pieces within d of the centres (x, y at 2i, 2i + 1, i < k), the figure reachedOnBasis
 * gives for the same points as sources in the same order, without a source object per point.
 * `piecesBox`: piecesBoxOf(basis), when the caller has it.
 */
export function reachedByPoints(basis: CommunityBasis, centres: Float64Array, k: number, d: number, piecesBox?: Float64Array): number {
  const s = basis.store;
  if (!s || !basis.count || !k || !(d > 0)) return 0;
  if (discs.length < 2 * k) discs = new Float64Array(4 * k);
  return reachedByCentres(basis, s, centres, k, d, piecesBox);
}

/**
 * Σ weight × area of each piece within the discs of radius d about the k centres (x, y pairs).
 * A piece is whole when one disc holds every vertex; a disc that holds the piece's bbox (its
 * farthest corner within d) holds every vertex, since no vertex lies farther along either axis,
 * so that cheaper test comes first and the vertices are read only when it fails.
 */
function reachedByCentres(basis: CommunityBasis, s: PolygonStore, centres: Float64Array, k: number, d: number, given: Float64Array | undefined): number {
  const d2 = d * d;
  const first = basis.first, count = basis.count;
  intoBox(basis, given);
  for (let i = 0; i < 2 * k; i += 2) {
    // One disc holds every piece (their box): each is whole, as the loop below would find.
    if (farthestCorner2(centres[i], centres[i + 1]) <= d2) return wholeOf(s, first, count);
  }
  let reached = 0;
  let last = -1; // the centre (offset into centres) that held the last whole piece
  const bb = s.bbox, weight = s.weight, areas = s.area, end2 = 2 * k;
  for (let p = first, e = first + count; p < e; p++) {
    const b0 = bb[4 * p], b1 = bb[4 * p + 1], b2 = bb[4 * p + 2], b3 = bb[4 * p + 3];
    let n = 0;
    // The disc that held the previous piece often holds this one (pieces are written near each
    // other); its bbox test alone, since the loop below tries that disc again in full.
    let whole = false;
    if (last >= 0) {
      const x = centres[last], y = centres[last + 1];
      const fx = Math.max(x - b0, b2 - x), fy = Math.max(y - b1, b3 - y);
      whole = fx * fx + fy * fy <= d2;
    }
    for (let i = 0; i < end2 && !whole; i += 2) {
      const x = centres[i], y = centres[i + 1];
      const dx = x < b0 ? b0 - x : x > b2 ? x - b2 : 0;
      const dy = y < b1 ? b1 - y : y > b3 ? y - b3 : 0;
      const g = dx * dx + dy * dy;
      if (g > d2) continue;
      const fx = Math.max(x - b0, b2 - x), fy = Math.max(y - b1, b3 - y);
      if (fx * fx + fy * fy <= d2 || allVerticesWithin(s, p, x, y, d2)) { whole = true; last = i; break; }
      if (g < d2) { discs[n++] = x; discs[n++] = y; }
    }
    const area = areas[p];
    if (whole) { reached += weight[p] * area; continue; }
    if (!n) continue;
    // The discs as they are (discs[0 .. n)), or pruned first when many (the rare case that allocates).
    const kept = n > 2 * PRUNE_DISCS_ABOVE ? keptDiscs(discs.subarray(0, n), d, [b0, b1, b2, b3]) : discs;
    const end = kept === discs ? n : kept.length;
    if (!end) continue;
    origin[0] = (b0 + b2) / 2; origin[1] = (b1 + b3) / 2;
    const g = ringsStoreOf(s, p), q = ringsIndexOf(s, p);
    const a = areaInDiscUnionAt(g.xy, g.ringStart, g.polygonRing[q], g.polygonRing[q + 1], kept, d, origin, end);
    reached += weight[p] * Math.max(0, Math.min(area, a));
  }
  return reached;
}

/**
 * Piece p lies inside the polygon source (its buffer then covers it): as reach/euclideanReach.ts
 * decides it for a community (every piece vertex inside or on the source, no source vertex
 * strictly inside the piece).
 */
function insidePolygon(s: PolygonStore, p: number, source: Extract<ReachSource, { kind: 'polygon' }>): boolean {
  const b0 = s.bbox[4 * p], b1 = s.bbox[4 * p + 1], b2 = s.bbox[4 * p + 2], b3 = s.bbox[4 * p + 3];
  const sb = source.bbox;
  if (b0 < sb[0] || b1 < sb[1] || b2 > sb[2] || b3 > sb[3]) return false;
  const g = ringsStoreOf(s, p), q = ringsIndexOf(s, p);
  for (let i = g.ringStart[g.polygonRing[q]], e = g.ringStart[g.polygonRing[q + 1]]; i < e; i += 2) {
    vertex[0] = g.xy[i]; vertex[1] = g.xy[i + 1];
    if (pointInRings(vertex, source.rings) < 0) return false;
  }
  let rings: MetricRings | null = null;
  for (const r of source.rings) for (const v of r) {
    if (v[0] <= b0 || v[0] >= b2 || v[1] <= b1 || v[1] >= b3) continue;
    rings ??= metricRingsOf(s, p);
    if (pointInRings(v, rings) > 0) return false;
  }
  return true;
}

let nearSources = new Int32Array(64); // reachedByBuffers: a piece's sources within d, by index

/**
 * Polygon sources: Σ weight × area of each piece within the true round-joined d-buffers. A
 * source's primitives are looked up (and built, the first time for its rings and d) only for a
 * piece the kernel measures: most pieces are whole or out of reach, and most sources near a
 * community never reach into a piece that is neither.
 */
function reachedByBuffers(basis: CommunityBasis, s: PolygonStore, sources: ReachSource[], d: number, given: Float64Array | undefined): number {
  const d2 = d * d;
  const first = basis.first, count = basis.count;
  // Every piece within d of one source vertex (their box in its disc, which the buffer holds): whole.
  intoBox(basis, given);
  if (nearVerticesOrWhole(sources, d2)) return wholeOf(s, first, count);
  if (nearSources.length < sources.length) nearSources = new Int32Array(2 * sources.length);
  let reached = 0;
  let last = -1; // the vertex (offset into nearXY) that held the last piece held by a vertex
  for (let p = first; p < first + count; p++) {
    const b0 = s.bbox[4 * p], b1 = s.bbox[4 * p + 1], b2 = s.bbox[4 * p + 2], b3 = s.bbox[4 * p + 3];
    // A source vertex holding the piece's box in its disc makes it whole, whichever source's: that
    // source is within d of the piece, so the loop below would reach it (or an earlier whole).
    // The one that held the previous piece often holds this one.
    if (last >= 0) {
      const x = nearXY[last], y = nearXY[last + 1];
      const fx = Math.max(x - b0, b2 - x), fy = Math.max(y - b1, b3 - y);
      if (fx * fx + fy * fy <= d2) { reached += s.weight[p] * s.area[p]; continue; }
    }
    let near = 0;
    let whole = false;
    for (let i = 0; i < sources.length; i++) {
      const src = sources[i];
      if (src.kind !== 'polygon') continue;
      const g = src.bbox;
      const dx = Math.max(0, g[0] - b2, b0 - g[2]), dy = Math.max(0, g[1] - b3, b1 - g[3]);
      if (dx * dx + dy * dy > d2) continue;
      nearSources[near++] = i;
      box[0] = b0; box[1] = b1; box[2] = b2; box[3] = b3;
      const v = boxNearVertex(i, d2);
      if (v >= 0) { last = v; whole = true; break; }
      if (insidePolygon(s, p, src)) { whole = true; break; }
    }
    if (!near) continue;
    const area = s.area[p];
    if (whole) { reached += s.weight[p] * area; continue; }
    // The near sources' primitives, in the sources' order.
    primScratch.length = 0;
    for (let q = 0; q < near; q++) {
      const src = sources[nearSources[q]] as Extract<ReachSource, { kind: 'polygon' }>;
      if (src.rings.length) primScratch.push(cachedSourcePrimitives(src.rings, d));
    }
    origin[0] = (b0 + b2) / 2; origin[1] = (b1 + b3) / 2;
    const g = ringsStoreOf(s, p), gp = ringsIndexOf(s, p);
    const a = areaInBufferUnionAt(g.xy, g.ringStart, g.polygonRing[gp], g.polygonRing[gp + 1], primScratch, origin);
    reached += s.weight[p] * Math.max(0, Math.min(area, a));
  }
  primScratch.length = 0;
  return reached;
}

/**
 * Σ weight × reached area (households, or m² on the area basis) of the community's residential
 * pieces within d of the sources (those within d of the community). `reachedArea` measures one
 * piece with the reach provider, for what the flat kernels do not serve; in walking mode it gets
 * the community's whole source set whenever any source is near the piece, so that every piece
 * shares one distance field (one Dijkstra). `piecesBox`: piecesBoxOf(basis), when the caller has it.
 */
export function reachedOnBasis(
  basis: CommunityBasis, community: PreparedCommunity, sources: ReachSource[], d: number, mode: DistanceMode,
  reachedArea: (piece: BasisPiece, sources: ReachSource[]) => number, piecesBox?: Float64Array,
): number {
  const s = basis.store;
  if (!s || !basis.count || !sources.length) return 0;
  if (mode === 'euclidean' && d > 0) {
    let points = 0;
    for (const src of sources) if (src.kind === 'point') points++;
    if (points === sources.length) return reachedByDiscs(basis, s, sources, d, piecesBox);
    if (points === 0) return reachedByBuffers(basis, s, sources, d, piecesBox);
  }
  let reached = 0;
  for (const p of basisPieces(basis, community)) {
    const near = sourcesNear(sources, p.bbox, d, nearScratch);
    if (near.length) reached += p.weight * reachedArea(p, mode === 'network' ? sources : near);
  }
  nearScratch.length = 0; // the sources are not held past the call
  return reached;
}
