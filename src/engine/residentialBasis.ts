// Coverage basis: what a coverage share is a share of (audit-cli.md, "Coverage basis: people, not
// land"; STANDARDS.md §3: a service-radius coverage rate 服务半径覆盖率 is the residential land within
// the radius ÷ all residential land). Per community, the residential land inside it becomes a few
// weighted pieces, each measured as if it were a small community (residentialShare.ts):
// - every residential feature carries households → one piece per feature (cut by the community
//   boundary), weighted by its households per m² (a cut feature gives each side its area's part);
// - otherwise → the union of the features inside the community (overlaps count once): the
//   features, weight 1, and their overlaps, weighted by inclusion–exclusion (landPieces);
// - no residential land inside → the community's own area, with a data warning.
// The share is Σ weight × reached area ÷ Σ weight × piece area.
// The pieces of every community live in one flat store (residentialPieces.ts), not as objects.
import type { CoverageBasis, DataWarning, ResidentialLand, ResidentialLayerFlat } from './types';
import type { MetricRings, PreparedCommunity, XY } from './reach/reachProvider';
import type { LocalProjection } from './geo/localProjection';
import { groupRings, ringArea, ringsArea, simpleRingOnGrid } from './geo/metricRings';
import { segmentsMeet } from './geo/flatSegments';
import { CLIP_SCALE, intersection, unionOfPaths, type IntPaths } from './geo/clip';
import { clipConvexOnGrid, isConvexOnGrid } from './geo/gridConvexClip';
import { convexUnionPieces, convexUnionTwiceArea } from './geo/convexUnionArea';
import { convexRingsMeet } from './geo/convexRingsMeet';
import { flatbushRange, flatbushRangeIds } from './geo/flatbushRange';
import { pointSegmentDistance } from './geo/pointInPolygon';
import { bboxOf, metricRingsOf, PolygonStoreBuilder, type PolygonStore } from './residentialPieces';
import type Flatbush from 'flatbush';
import { projectResidential } from './residentialLayer';

/** A part of a community's residential land; `weight` is households per m² (1 on the area basis). */
export interface BasisPiece extends PreparedCommunity {
  weight: number;
}

export interface CommunityBasis {
  kind: CoverageBasis;
  /**
   * The store holding the residential pieces: `first` .. `first + count − 1` (a piece's rings may be
   * the projected layer's: PolygonStore.ringsFrom); none on the community-area basis.
   */
  store: PolygonStore | null;
  first: number;
  /** Number of residential pieces; 0 on the community-area basis (the community itself is measured). */
  count: number;
  /** Σ weight × piece area: households (or m²) the shares are taken of. */
  total: number;
  /** Residential land inside the community (m², overlaps once). */
  residentialArea_m2: number;
  /** Some of the households weighting it are estimates (e.g. from OSM building floor area). */
  householdsEstimated?: boolean;
}

export interface ResidentialPreparation {
  /** Per community (index-aligned): its basis; with `deferredBasis`, absent until prepared (basisOf). */
  basis: CommunityBasis[];
  /** 'households' when every feature carries households, 'area' otherwise, null without a layer. */
  weighting: 'households' | 'area' | null;
  /** Bases prepared on demand instead of all at once (deferResidential). */
  deferredBasis?: DeferredBases;
}

/**
 * Community bases prepared when first asked for (a command's audit threads prepare those of
 * their own communities): the projected features, and what is known of each community's
 * residential land, so that the no_residential_land warnings still come out once each, in
 * community order, at the place among the warnings where an eager preparation puts them.
 */
export interface DeferredBases {
  /** Null until the layer projected elsewhere is attached (attachResidentialFeatures). */
  features: ResidentialFeatures | null;
  /** Per community: 0 not decided yet, 1 prepared with no warning, 2 no residential land inside (warned). */
  land: Uint8Array;
  /** Index in the warnings where the no_residential_land warnings go (after the projection's). */
  warningsAt: number;
  /** The no_residential_land warnings are in place (settleBasisWarnings). */
  settled: boolean;
}

/** What a context holding deferred bases exposes to them. */
export interface BasisHolder {
  basis: (CommunityBasis | undefined)[];
  weighting: ResidentialPreparation['weighting'];
  communities: readonly PreparedCommunity[];
  deferredBasis?: DeferredBases;
  warnings: DataWarning[];
}

const COMMUNITY_AREA: CommunityBasis = Object.freeze({ kind: 'community-area', store: null, first: 0, count: 0, total: 0, residentialArea_m2: 0 }) as CommunityBasis;

const pieceLists = new WeakMap<CommunityBasis, BasisPiece[]>();

/**
 * The community's residential pieces as prepared communities (ids `<community>#<n>`), for the
 * reach providers that take rings (walking mode, mixed sources, the gap layer); built on first
 * use and kept with the basis, so a provider's caches keyed by rings keep working.
 */
export function basisPieces(basis: CommunityBasis, c: PreparedCommunity): BasisPiece[] {
  const s = basis.store;
  if (!s || !basis.count) return [];
  let list = pieceLists.get(basis);
  if (!list) {
    list = [];
    for (let k = 0; k < basis.count; k++) {
      const p = basis.first + k;
      list.push({ index: c.index, id: `${c.id}#${k}`, rings: metricRingsOf(s, p), area_m2: s.area[p], bbox: bboxOf(s, p), weight: s.weight[p] });
    }
    pieceLists.set(basis, list);
  }
  return list;
}

let edges = new Float64Array(8 * 64); // communityEdges: per edge a → b: ax, ay, bx, by, minX, minY, maxX, maxY
let edgeAt = new Int32Array(2 * 64); // communityEdges: per edge, its ring and the index of b in it

/** The community's edges (ring after ring, each ring's closing edge first) into `edges`; returns their count. */
function communityEdges(c: PreparedCommunity): number {
  let n = 0;
  for (const r of c.rings) n += r.length;
  if (edgeAt.length < 2 * n) { edges = new Float64Array(16 * n); edgeAt = new Int32Array(4 * n); }
  const e = edges;
  let q = 0;
  for (let ri = 0; ri < c.rings.length; ri++) {
    const r = c.rings[ri];
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const ax = r[j][0], ay = r[j][1], bx = r[i][0], by = r[i][1];
      e[8 * q] = ax; e[8 * q + 1] = ay; e[8 * q + 2] = bx; e[8 * q + 3] = by;
      e[8 * q + 4] = Math.min(ax, bx); e[8 * q + 5] = Math.min(ay, by); e[8 * q + 6] = Math.max(ax, bx); e[8 * q + 7] = Math.max(ay, by);
      edgeAt[2 * q] = ri; edgeAt[2 * q + 1] = i;
      q++;
    }
  }
  return n;
}

/** Tolerance of pointInRings' boundary (m): a point this near an edge is on it, not inside. */
const ON_BOUNDARY = 1e-3;

/**
 * True when feature k lies certainly inside the community without clipping: its bbox is inside
 * the community's bbox, no community edge's bbox meets its bbox (so the community boundary does
 * not pass through it) and its first vertex is inside the community (pointInRings > 0, evaluated
 * here over the community's edges as communityEdges wrote them: the same comparisons on the same
 * numbers). Conservative: false → clip. One pass over the edges: an edge whose box meets the
 * feature's, or that passes within the boundary tolerance of the vertex, answers false wherever it
 * comes in the pass, so the answer is that of the box test followed by pointInRings.
 */
function insideCommunity(s: PolygonStore, k: number, c: PreparedCommunity, ne: number, at: XY): boolean {
  const cb = c.bbox;
  const x0 = s.bbox[4 * k], y0 = s.bbox[4 * k + 1], x1 = s.bbox[4 * k + 2], y1 = s.bbox[4 * k + 3];
  if (x0 < cb[0] || y0 < cb[1] || x1 > cb[2] || y1 > cb[3]) return false;
  const e = edges;
  const v = s.ringStart[s.polygonRing[k]];
  const x = s.xy[v], y = s.xy[v + 1];
  let inside = false;
  for (let q = 0; q < ne; q++) {
    const ex0 = e[8 * q + 4], ey0 = e[8 * q + 5], ex1 = e[8 * q + 6], ey1 = e[8 * q + 7];
    if (!(ex1 < x0 || ex0 > x1 || ey1 < y0 || ey0 > y1)) return false;
    const ax = e[8 * q], ay = e[8 * q + 1], bx = e[8 * q + 2], by = e[8 * q + 3];
    if (x >= ex0 - ON_BOUNDARY && x <= ex1 + ON_BOUNDARY && y >= ey0 - ON_BOUNDARY && y <= ey1 + ON_BOUNDARY) {
      const r = c.rings[edgeAt[2 * q]], i = edgeAt[2 * q + 1];
      at[0] = x; at[1] = y;
      if (pointSegmentDistance(at, r[i === 0 ? r.length - 1 : i - 1], r[i]) <= ON_BOUNDARY) return false;
    }
    if ((ay > y) !== (by > y) && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
  }
  return inside;
}

/** A community's rings on clipper's centimetre grid, ring after ring (for disjointOnGrid). */
interface SnappedRings {
  /** The vertices (reused from one community to the next: only xy[0 .. vertices · 2) is theirs). */
  xy: Float64Array;
  vertices: number;
  /** Ring r spans xy[start[r] .. start[r + 1]). */
  start: number[];
}

const communityGrid: SnappedRings = { xy: new Float64Array(64), vertices: 0, start: [0] };

/** The rings on the grid into communityGrid (overwriting the previous community's). */
function snapRings(rings: MetricRings): SnappedRings {
  let n = 0;
  for (const r of rings) n += 2 * r.length;
  const g = communityGrid;
  if (g.xy.length < n) g.xy = new Float64Array(2 * n);
  const xy = g.xy, start = g.start;
  start.length = 1;
  let m = 0;
  for (const r of rings) {
    for (const q of r) { xy[m++] = Math.round(q[0] * CLIP_SCALE); xy[m++] = Math.round(q[1] * CLIP_SCALE); }
    start.push(m);
  }
  g.vertices = n >> 1;
  return g;
}

let idOrder = new Uint32Array(256); // communityBases: the features found for a community, ascending

/** ids[0 .. n) ascending into idOrder (insertion sort: a few dozen distinct ids). */
function ascendingIds(ids: Uint32Array, n: number): Uint32Array {
  if (idOrder.length < n) idOrder = new Uint32Array(2 * n);
  const out = idOrder;
  for (let q = 0; q < n; q++) {
    const k = ids[q];
    let p = q - 1;
    for (; p >= 0 && out[p] > k; p--) out[p + 1] = out[p];
    out[p + 1] = k;
  }
  return out;
}

let footprint = new Float64Array(256); // the feature's vertices on the grid (disjointOnGrid, the convex cut)
const joint = new Float64Array(8); // disjointOnGrid: the two segments tested, for segmentsMeet
let gridCut = new Float64Array(256); // a convex cut on the grid

function gridCutOf(vertices: number): Float64Array {
  if (gridCut.length < 2 * vertices) gridCut = new Float64Array(4 * vertices);
  return gridCut;
}
let partBox = new Float64Array(256); // prepareResidential: each part's box (minX, minY, maxX, maxY)

/** Feature k's vertices on the grid into `footprint` (all its rings); returns the vertex count. */
function snapFootprint(s: PolygonStore, k: number): number {
  const v0 = s.ringStart[s.polygonRing[k]], v1 = s.ringStart[s.polygonRing[k + 1]];
  if (footprint.length < v1 - v0) footprint = new Float64Array(2 * (v1 - v0));
  for (let v = v0; v < v1; v++) footprint[v - v0] = Math.round(s.xy[v] * CLIP_SCALE);
  return (v1 - v0) >> 1;
}

/** Even-odd: (x, y) inside the rings of f (ring r spans f[start[r] .. start[r + 1])). */
function insideFlat(f: Float64Array, start: ArrayLike<number>, rings: number, x: number, y: number): boolean {
  let inside = false;
  for (let r = 0; r < rings; r++) {
    const s = start[r], e = start[r + 1];
    for (let i = s, j = e - 2; i < e; j = i, i += 2) {
      const yi = f[i + 1], yj = f[j + 1];
      if ((yi > y) !== (yj > y) && x < ((f[j] - f[i]) * (y - yi)) / (yj - yi) + f[i]) inside = !inside;
    }
  }
  return inside;
}

/**
 * Feature k and the community certainly have no area in common on clipper's centimetre grid, so
 * their intersection (geo/clip.ts) is empty and the feature adds nothing: no edge of the one meets
 * an edge of the other (crossing, touching or overlapping), a vertex of each feature ring lies
 * outside the community and a vertex of each community ring outside the feature (then neither
 * boundary reaches into the other, and two regions whose boundaries stay apart and neither of
 * which holds the other's boundary do not meet). Exact: integer centimetres, as in partsMeet.
 */
function disjointOnGrid(s: PolygonStore, k: number, c: SnappedRings): boolean {
  const r0 = s.polygonRing[k], r1 = s.polygonRing[k + 1];
  const v0 = s.ringStart[r0];
  snapFootprint(s, k);
  const cs = c.start, cxy = c.xy;
  for (let r = r0; r < r1; r++) {
    const fs = s.ringStart[r] - v0, fe = s.ringStart[r + 1] - v0;
    for (let i = fs, pi = fe - 2; i < fe; pi = i, i += 2) {
      const ax = footprint[pi], ay = footprint[pi + 1], bx = footprint[i], by = footprint[i + 1];
      const fx0 = Math.min(ax, bx), fx1 = Math.max(ax, bx), fy0 = Math.min(ay, by), fy1 = Math.max(ay, by);
      for (let q = 0; q + 1 < cs.length; q++) {
        for (let j = cs[q], pj = cs[q + 1] - 2; j < cs[q + 1]; pj = j, j += 2) {
          const cx = cxy[pj], cy = cxy[pj + 1], dx = cxy[j], dy = cxy[j + 1];
          if (Math.max(cx, dx) < fx0 || Math.min(cx, dx) > fx1 || Math.max(cy, dy) < fy0 || Math.min(cy, dy) > fy1) continue;
          joint[0] = ax; joint[1] = ay; joint[2] = bx; joint[3] = by; joint[4] = cx; joint[5] = cy; joint[6] = dx; joint[7] = dy;
          if (segmentsMeet(joint, 0, 2, 4, 6)) return false;
        }
      }
    }
    const f = s.ringStart[r] - v0;
    if (insideFlat(cxy, cs, cs.length - 1, footprint[f], footprint[f + 1])) return false;
  }
  const starts = s.ringStart.subarray(r0, r1 + 1);
  for (let q = 0; q + 1 < cs.length; q++) {
    // ringStart offsets are absolute: shift the feature's rings to the snapped copy's origin.
    let inside = false;
    const x = cxy[cs[q]], y = cxy[cs[q] + 1];
    for (let r = 0; r + 1 < starts.length; r++) {
      const a = starts[r] - v0, e = starts[r + 1] - v0;
      for (let i = a, j = e - 2; i < e; j = i, i += 2) {
        const yi = footprint[i + 1], yj = footprint[j + 1];
        if ((yi > y) !== (yj > y) && x < ((footprint[j] - footprint[i]) * (y - yi)) / (yj - yi) + footprint[i]) inside = !inside;
      }
    }
    if (inside) return false;
  }
  return true;
}

/** Writes the connected polygons of oriented rings as pieces; returns Σ weight × area. */
function writePieces(rings: MetricRings, weight: number, out: PolygonStoreBuilder): number {
  let total = 0;
  for (const poly of rings.length === 1 ? [rings] : groupRings(rings)) {
    if (!(ringsArea(poly) > 0)) continue;
    const p = out.polygon(poly, weight);
    total += weight * out.areaOf(p);
  }
  return total;
}

let snap: Float64Array = new Float64Array(1024); // landOf: the parts on the centimetre grid, ring after ring

/** Even-odd: (x, y) inside the snapped rings rs .. re − 1 (ring r spans snap[start[r] .. start[r + 1])). */
function insideSnapped(x: number, y: number, start: Int32Array, rs: number, re: number): boolean {
  let inside = false;
  for (let r = rs; r < re; r++) {
    const s = start[r], e = start[r + 1];
    for (let i = s, j = e - 2; i < e; j = i, i += 2) {
      const yi = snap[i + 1], yj = snap[j + 1];
      if ((yi > y) !== (yj > y) && x < ((snap[j] - snap[i]) * (y - yi)) / (yj - yi) + snap[i]) inside = !inside;
    }
  }
  return inside;
}

/**
 * Parts a and b meet on the centimetre grid: an edge of one crosses or touches an edge of the
 * other, or one lies inside the other. Exact (integer coordinates below 2^26, products below 2^53).
 * Two parts that are each one convex ring are answered by separating axes (geo/convexRingsMeet.ts:
 * the same answer, without testing every pair of edges).
 */
function partsMeet(start: Int32Array, partRing: Int32Array, a: number, b: number): boolean {
  if (convexPart(start, partRing, a) && convexPart(start, partRing, b)) {
    const ra = partRing[a], rb = partRing[b];
    return convexRingsMeet(snap, start[ra], (start[ra + 1] - start[ra]) >> 1, start[rb], (start[rb + 1] - start[rb]) >> 1);
  }
  for (let ra = partRing[a]; ra < partRing[a + 1]; ra++) {
    for (let i = start[ra], pi = start[ra + 1] - 2; i < start[ra + 1]; pi = i, i += 2) {
      for (let rb = partRing[b]; rb < partRing[b + 1]; rb++) {
        for (let j = start[rb], pj = start[rb + 1] - 2; j < start[rb + 1]; pj = j, j += 2) {
          if (segmentsMeet(snap, pi, i, pj, j)) return true;
        }
      }
    }
  }
  const va = start[partRing[a]], vb = start[partRing[b]];
  return insideSnapped(snap[va], snap[va + 1], start, partRing[b], partRing[b + 1]) || insideSnapped(snap[vb], snap[vb + 1], start, partRing[a], partRing[a + 1]);
}

let ringAt = new Int32Array(256); // landOf: snapped ring r spans snap[ringAt[r] .. ringAt[r + 1])
let partAt = new Int32Array(64); // landOf: part i has the snapped rings partAt[i] .. partAt[i + 1] − 1
let group = new Int32Array(64); // landOf: union-find parent per part (a group's root is its lowest part)
let order = new Int32Array(64); // landOf: the parts group by group, each group's parts in order
let groupEnd = new Int32Array(64); // landOf: per root, the end of its group in order (then its next slot)
let sweep = new Int32Array(64); // landOf: the parts by their boxes' minX
let convexity = new Int8Array(64); // per part: 0 not known yet, 1 one convex ring on the grid, 2 not (reset by allPartsConvex)

/** Snapped part i is one convex ring on the grid (found once per community: allPartsConvex resets convexity). */
function convexPart(start: Int32Array, partRing: Int32Array, i: number): boolean {
  if (convexity[i] === 0) {
    const r = partRing[i];
    convexity[i] = partRing[i + 1] - r === 1 && isConvexOnGrid(snap, (start[r + 1] - start[r]) >> 1, start[r]) ? 1 : 2;
  }
  return convexity[i] === 1;
}

/**
 * The residential land of one community with overlaps once, on clipper's centimetre grid: the
 * union of its parts snapped to the grid. With `pieces`, the land is written there as weighted
 * pieces (landPieces: convex parts and their intersections by inclusion–exclusion, else per group
 * of parts that meet, clipper's non-zero union (geo/clip.ts), which rounds each crossing to the
 * grid); without, only its area is measured (landOfSnapped: inclusion–exclusion, or a group of
 * several parts from its edges, crossings exact, not rounded). Returns the area. Part i is polygon
 * polys[i] of stores[i]; boxes[4i ..] its box.
 */
export function landOfParts(
  n: number, stores: readonly PolygonStore[], polys: ArrayLike<number>, boxes: ArrayLike<number>, pieces: PolygonStoreBuilder | null,
): number {
  for (let i = 0; i < n; i++) snapPart(i, stores[i], polys[i]);
  return pieces ? landPieces(n, boxes, pieces) : landOfSnapped(n, boxes);
}

/** Room in ringAt for `rings` more rings after ring `nr`, and in partAt for part i. */
function roomForPart(i: number, nr: number, rings: number): void {
  if (ringAt.length < nr + rings + 1) { const next = new Int32Array(2 * (nr + rings + 1)); next.set(ringAt); ringAt = next; }
  if (partAt.length < i + 2) { const next = new Int32Array(2 * i + 4); next.set(partAt); partAt = next; }
}

/**
 * Part i (polygon k of st) onto the grid after parts 0 .. i − 1 (landOfSnapped's input): its
 * rings' vertices rounded as toPaths rounds them, into snap, ringAt and partAt.
 */
function snapPart(i: number, st: PolygonStore, k: number): void {
  if (i === 0) { partAt[0] = 0; ringAt[0] = 0; }
  let nr = partAt[i], m = ringAt[nr];
  const r0 = st.polygonRing[k], r1 = st.polygonRing[k + 1];
  const need = m + st.ringStart[r1] - st.ringStart[r0];
  if (snap.length < need) snap = grownTo(snap, need);
  roomForPart(i, nr, r1 - r0);
  const xy = st.xy, rs = st.ringStart, to = snap;
  for (let r = r0; r < r1; r++) {
    for (let v = rs[r], e = rs[r + 1]; v < e; v++) to[m++] = Math.round(xy[v] * CLIP_SCALE);
    ringAt[++nr] = m;
  }
  partAt[i + 1] = nr;
}

/**
 * Part i, one ring of `count` vertices already on the grid (g[0 .. 2 count)), after parts
 * 0 .. i − 1: what snapPart gives for the same ring written in metres (g / CLIP_SCALE rounds back
 * to g: integers far below 2^53 / CLIP_SCALE).
 */
function snapGridPart(i: number, g: Float64Array, count: number): void {
  if (i === 0) { partAt[0] = 0; ringAt[0] = 0; }
  const nr = partAt[i], m = ringAt[nr];
  if (snap.length < m + 2 * count) snap = grownTo(snap, m + 2 * count);
  roomForPart(i, nr, 1);
  const to = snap;
  for (let v = 0; v < 2 * count; v++) to[m + v] = g[v];
  ringAt[nr + 1] = m + 2 * count;
  partAt[i + 1] = nr + 1;
}

/**
 * Every part 0 .. n − 1 (on the grid) is one convex ring (buildings). Forgets the previous
 * community's convexity first: landOfSnapped and landPieces ask this before anything else, and
 * groupParts (partsMeet) reads what it found.
 */
function allPartsConvex(n: number): boolean {
  if (convexity.length < n) convexity = new Int8Array(2 * n);
  for (let i = 0; i < n; i++) convexity[i] = 0;
  for (let i = 0; i < n; i++) if (!convexPart(ringAt, partAt, i)) return false;
  return true;
}

/** landOfParts' area over parts 0 .. n − 1 already on the grid (snapPart, snapGridPart). */
function landOfSnapped(n: number, boxes: ArrayLike<number>): number {
  // Every part one convex ring on the grid: the union's area by inclusion–exclusion (exact like
  // groupTwiceArea; parts that do not meet add nothing to it), no groups needed.
  if (allPartsConvex(n)) {
    const twice = convexUnionTwiceArea(snap, ringAt, n, snap[0], snap[1]);
    if (!Number.isNaN(twice)) return twice / (2 * CLIP_SCALE * CLIP_SCALE);
  }
  groupParts(n, boxes);
  let area = 0;
  for (let lo = 0; lo < n; lo = groupEnd[order[lo]]) {
    const i = order[lo], hi = groupEnd[i];
    if (hi - lo > 1) {
      area += groupTwiceArea(ringAt, partAt, order, lo, hi, gridBoxes(ringAt, partAt, order, lo, hi)) / (2 * CLIP_SCALE * CLIP_SCALE);
      continue;
    }
    if (partAt[i + 1] - partAt[i] === 1) {
      // A part alone, one ring that stays simple on the grid, is what the union returns, so its
      // area is the shoelace of its grid vertices (exact in integers).
      const twice = simpleSnappedTwiceArea(ringAt[partAt[i]], ringAt[partAt[i] + 1]);
      if (twice !== null) { area += twice / (2 * CLIP_SCALE * CLIP_SCALE); continue; }
    }
    for (const r of unionOfPaths(gridPaths(order, lo, hi))) area += ringArea(r);
  }
  return area;
}

/**
 * The groups of parts 0 .. n − 1 (boxes[4i ..] part i's box): the components of "parts meet on
 * the grid", each listed in order[] from its lowest part, its parts ascending; group g (rooted at
 * its lowest part i = order[lo]) spans order[lo .. groupEnd[i]). Called after allPartsConvex,
 * whose convexity partsMeet reads.
 */
function groupParts(n: number, boxes: ArrayLike<number>): void {
  if (group.length < n + 1) { group = new Int32Array(2 * n + 2); order = new Int32Array(2 * n + 2); groupEnd = new Int32Array(2 * n + 2); }
  for (let i = 0; i < n; i++) group[i] = i;
  const e = 1 / CLIP_SCALE; // a box may grow by up to half a centimetre on the grid
  // Pairs whose boxes meet, found by a sweep over the parts by their boxes' minX; the groups (the
  // components of "parts meet", each rooted at its lowest part) do not depend on the pairs' order.
  if (sweep.length < n) sweep = new Int32Array(2 * n);
  for (let q = 0; q < n; q++) {
    const x = boxes[4 * q];
    let p = q - 1;
    for (; p >= 0 && boxes[4 * sweep[p]] > x; p--) sweep[p + 1] = sweep[p];
    sweep[p + 1] = q;
  }
  for (let qa = 0; qa < n; qa++) {
    const u = sweep[qa], reach = boxes[4 * u + 2] + e;
    for (let qb = qa + 1; qb < n && boxes[4 * sweep[qb]] <= reach; qb++) {
      const v = sweep[qb], i = Math.min(u, v), j = Math.max(u, v);
      if (boxes[4 * i] <= boxes[4 * j + 2] + e && boxes[4 * j] <= boxes[4 * i + 2] + e && boxes[4 * i + 1] <= boxes[4 * j + 3] + e && boxes[4 * j + 1] <= boxes[4 * i + 3] + e) {
        let a = i, b = j;
        while (group[a] !== a) a = group[a] = group[group[a]];
        while (group[b] !== b) b = group[b] = group[group[b]];
        if (a !== b && partsMeet(ringAt, partAt, i, j)) group[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }
  // The groups by their lowest part, each group's parts in order (a counting sort by root).
  for (let i = 0; i < n; i++) {
    let g = i;
    while (group[g] !== g) g = group[g];
    group[i] = g;
    groupEnd[i] = 0;
  }
  for (let i = 0; i < n; i++) groupEnd[group[i]]++;
  for (let i = 0, at = 0; i < n; i++) if (group[i] === i) { at += groupEnd[i]; groupEnd[i] = at - groupEnd[i]; }
  for (let i = 0; i < n; i++) order[groupEnd[group[i]]++] = i;
}

/**
 * Part i alone in its group, as the one ring clipper's union returns for it (up to its first
 * vertex), without clipper: its ring when it is one ring that stays simple on the grid
 * (geo/metricRings.ts snappedSimpleRing). Returns its vertex count (the ring is
 * snap[ringAt[partAt[i]] ..]), or 0 when clipper must build the land (unionOfPaths of gridPaths).
 */
function aloneRing(i: number): number {
  if (partAt[i + 1] - partAt[i] !== 1) return 0;
  const r = partAt[i], at = ringAt[r], m = (ringAt[r + 1] - at) >> 1;
  return simpleRingOnGrid(snap, at, m) ? m : 0;
}

/** Σ weight × area of the pieces landPieces wrote last. */
let landPiecesTotal = 0;

/**
 * The land of parts 0 .. n − 1 already on the grid written as pieces (the area basis). When every
 * part is one convex ring on the grid (buildings), the parts and their intersections with signed
 * weights (overlapPieces), no groups needed: parts that do not overlap add no intersection.
 * Otherwise per group of parts that meet (groupParts): a group of convex parts the same way; a
 * part alone whose ring stays simple on the grid as it is; any other group as clipper's union
 * (writePieces), weight 1. Returns the land's area; the pieces' Σ weight × area in landPiecesTotal.
 */
function landPieces(n: number, boxes: ArrayLike<number>, pieces: PolygonStoreBuilder): number {
  // Each part one ring, so part i is snapped ring i.
  if (allPartsConvex(n) && overlapPieces(snap, ringAt, n, pieces)) {
    landPiecesTotal = overlapTotal;
    return overlapArea;
  }
  groupParts(n, boxes);
  let area = 0, total = 0;
  for (let lo = 0; lo < n;) {
    const hi = groupEnd[order[lo]];
    const m = hi - lo === 1 ? aloneRing(order[lo]) : 0;
    if (m > 0) {
      // Straight from the grid: the numbers and sums writePieces takes from its metric ring, no ring built.
      const at = ringAt[partAt[order[lo]]];
      const p = gridPiece(snap, at, at + 2 * m, 1, pieces);
      const a = pieces.areaOf(p);
      area += a;
      if (a > 0) total += a;
      else pieces.truncate(p);
    } else if (hi - lo > 1 && convexGroup(lo, hi) && overlapPieces(groupXY, groupStart, hi - lo, pieces)) {
      area += overlapArea;
      total += overlapTotal;
    } else {
      const rings = unionOfPaths(gridPaths(order, lo, hi));
      for (const r of rings) area += ringArea(r);
      total += writePieces(rings, 1, pieces);
    }
    lo = hi;
  }
  landPiecesTotal = total;
  return area;
}

/** Writes the ring xy[from .. to) (grid units) as a piece of `weight` in metres; returns the piece. */
function gridPiece(xy: Float64Array, from: number, to: number, weight: number, pieces: PolygonStoreBuilder): number {
  for (let v = from; v < to; v += 2) pieces.vertex(xy[v] / CLIP_SCALE, xy[v + 1] / CLIP_SCALE);
  pieces.endRing();
  return pieces.endPolygon(weight);
}

let groupXY = new Float64Array(256); // convexGroup: the group's rings, one after another
let groupStart = new Int32Array(16); // convexGroup: ring q spans groupXY[groupStart[q] .. groupStart[q + 1])

/** Every part of the group order[lo .. hi) is one convex ring; their rings then go into groupXY and groupStart, in order. */
function convexGroup(lo: number, hi: number): boolean {
  let nv = 0;
  for (let q = lo; q < hi; q++) {
    const i = order[q];
    if (!convexPart(ringAt, partAt, i)) return false;
    nv += ringAt[partAt[i] + 1] - ringAt[partAt[i]];
  }
  if (groupXY.length < nv) groupXY = new Float64Array(2 * nv);
  if (groupStart.length < hi - lo + 1) groupStart = new Int32Array(2 * (hi - lo) + 2);
  let m = 0;
  groupStart[0] = 0;
  for (let q = lo; q < hi; q++) {
    const r = partAt[order[q]];
    for (let v = ringAt[r]; v < ringAt[r + 1]; v++) groupXY[m++] = snap[v];
    groupStart[q - lo + 1] = m;
  }
  return true;
}

// overlapPieces' answer: the land's area and its pieces' Σ weight × area.
let overlapArea = 0;
let overlapTotal = 0;
// writeIntersection's state: the builder, and the grid point the intersections are measured from.
let sinkPieces: PolygonStoreBuilder | null = null;
let sinkX = 0;
let sinkY = 0;

/** Writes an intersection convexUnionPieces found as a piece weighted by its sign (−1: of two parts, +1: of three, …). */
function writeIntersection(ring: Float64Array, count: number, sign: number): void {
  const pieces = sinkPieces!;
  for (let v = 0; v < 2 * count; v += 2) pieces.vertex((ring[v] + sinkX) / CLIP_SCALE, (ring[v + 1] + sinkY) / CLIP_SCALE);
  pieces.endRing();
  const p = pieces.endPolygon(sign);
  const a = pieces.areaOf(p);
  if (a > 0) overlapTotal += sign * a;
  else pieces.truncate(p);
}

/**
 * The land of n convex counter-clockwise rings on the grid (ring q spans xy[start[q] ..
 * start[q + 1])) as pieces by inclusion–exclusion instead of their union (geo/convexUnionArea.ts
 * convexUnionPieces): each ring as it lies on the grid with weight 1, each intersection of two with
 * weight −1, of three with +1, and so on. A share is Σ weight × reached area ÷ Σ weight × area, so
 * these pieces give the union's shares, with every crossing where it is (clipper's union rounds
 * each to the grid). False, nothing written, when the rings overlap too much for
 * inclusion–exclusion. The land's area goes to overlapArea, the pieces' Σ weight × area to overlapTotal.
 */
function overlapPieces(xy: Float64Array, start: Int32Array, n: number, pieces: PolygonStoreBuilder): boolean {
  const first = pieces.count;
  let total = 0;
  for (let q = 0; q < n; q++) total += pieces.areaOf(gridPiece(xy, start[q], start[q + 1], 1, pieces));
  sinkPieces = pieces; sinkX = xy[start[0]]; sinkY = xy[start[0] + 1];
  overlapTotal = 0;
  let twice: number;
  try {
    twice = convexUnionPieces(xy, start, n, sinkX, sinkY, writeIntersection);
  } finally {
    sinkPieces = null; // not held past the call
  }
  if (Number.isNaN(twice)) {
    pieces.truncate(first);
    return false;
  }
  overlapArea = twice / (2 * CLIP_SCALE * CLIP_SCALE);
  overlapTotal += total;
  return true;
}

/** landOfParts over metric rings (part i is ringsOf(i)); with `withPieces`, the pieces the land is written as, with their weights. */
export function landOf(n: number, ringsOf: (i: number) => MetricRings, boxes: ArrayLike<number>, withPieces: boolean): { area: number; pieces: { rings: MetricRings; weight: number }[] | null } {
  const b = new PolygonStoreBuilder();
  for (let i = 0; i < n; i++) b.polygon(ringsOf(i));
  const st = b.finish();
  const pieces = withPieces ? new PolygonStoreBuilder() : null;
  const area = landOfParts(n, new Array<PolygonStore>(n).fill(st), Array.from({ length: n }, (_, i) => i), boxes, pieces);
  if (!pieces) return { area, pieces: null };
  const land = pieces.finish();
  return { area, pieces: Array.from({ length: land.count }, (_, p) => ({ rings: metricRingsOf(land, p), weight: land.weight[p] })) };
}

/** The snapped rings of the parts list[lo .. hi) as clipper paths (toPaths' form). */
function gridPaths(list: Int32Array, lo: number, hi: number): IntPaths {
  const out: IntPaths = [];
  for (let q = lo; q < hi; q++) {
    for (let r = partAt[list[q]]; r < partAt[list[q] + 1]; r++) {
      const s = ringAt[r], n = (ringAt[r + 1] - s) >> 1;
      const path: IntPaths[number] = new Array(n);
      for (let v = 0; v < n; v++) path[v] = { X: snap[s + 2 * v], Y: snap[s + 2 * v + 1] };
      out.push(path);
    }
  }
  return out;
}

let cuts: Float64Array = new Float64Array(64); // groupTwiceArea: where other parts' edges cut the edge (0..1)
let spans: Float64Array = new Float64Array(64); // groupTwiceArea: per collinear overlap, from, to, dropped (0/1), part

/**
 * Twice the area (cm²) of the union of the snapped parts `list` (their rings in snap), by Green's
 * theorem over the union's boundary instead of building it: each part's edge is cut where other
 * parts' edges meet it, and a stretch counts (Σ x dy − y dx) when the side right of it (outside
 * its own part) lies in no other part. A stretch along another part's edge counts once: dropped
 * when that edge runs the other way (the parts touch there; both sides are land) or belongs to an
 * earlier part. Crossings are exact points, not rounded to the grid as clipper's union rounds its
 * new vertices, so against clipper's area this differs by those roundings (README).
 */
function groupTwiceArea(start: Int32Array, partRing: Int32Array, list: Int32Array, lo: number, hi: number, boxes: Float64Array): number {
  const ox = snap[start[partRing[list[lo]]]], oy = snap[start[partRing[list[lo]]] + 1];
  let twice = 0;
  for (let qa = lo; qa < hi; qa++) {
    const a = list[qa];
    for (let ra = partRing[a]; ra < partRing[a + 1]; ra++) {
      for (let i = start[ra], pi = start[ra + 1] - 2; i < start[ra + 1]; pi = i, i += 2) {
        const px = snap[pi] - ox, py = snap[pi + 1] - oy;
        const ex = snap[i] - ox - px, ey = snap[i + 1] - oy - py;
        if (ex === 0 && ey === 0) continue;
        const ex0 = Math.min(px, px + ex), ex1 = Math.max(px, px + ex), ey0 = Math.min(py, py + ey), ey1 = Math.max(py, py + ey);
        let nc = 0, ns = 0;
        cuts[nc++] = 0; cuts[nc++] = 1;
        for (let qb = lo; qb < hi; qb++) {
          const b = list[qb];
          if (b === a) continue;
          for (let rb = partRing[b]; rb < partRing[b + 1]; rb++) {
            for (let j = start[rb], pj = start[rb + 1] - 2; j < start[rb + 1]; pj = j, j += 2) {
              const cx = snap[pj] - ox, cy = snap[pj + 1] - oy, dx = snap[j] - ox, dy = snap[j + 1] - oy;
              if (Math.max(cx, dx) < ex0 || Math.min(cx, dx) > ex1 || Math.max(cy, dy) < ey0 || Math.min(cy, dy) > ey1) continue;
              const o1 = ex * (cy - py) - ey * (cx - px), o2 = ex * (dy - py) - ey * (dx - px);
              if (o1 === 0 && o2 === 0) {
                if (cx === dx && cy === dy) continue;
                const l2 = ex * ex + ey * ey;
                const tc = ((cx - px) * ex + (cy - py) * ey) / l2, td = ((dx - px) * ex + (dy - py) * ey) / l2;
                const lo = Math.max(0, Math.min(tc, td)), hi = Math.min(1, Math.max(tc, td));
                if (!(hi > lo)) continue;
                const same = (dx - cx) * ex + (dy - cy) * ey > 0;
                if (cuts.length < nc + 2) cuts = grownTo(cuts, nc + 2);
                cuts[nc++] = lo; cuts[nc++] = hi;
                if (spans.length < ns + 4) spans = grownTo(spans, ns + 4);
                spans[ns++] = lo; spans[ns++] = hi; spans[ns++] = !same || b < a ? 1 : 0; spans[ns++] = b;
                continue;
              }
              if ((o1 > 0 && o2 > 0) || (o1 < 0 && o2 < 0)) continue;
              const fx = dx - cx, fy = dy - cy;
              const o3 = fx * (py - cy) - fy * (px - cx), o4 = fx * (py + ey - cy) - fy * (px + ex - cx);
              if ((o3 > 0 && o4 > 0) || (o3 < 0 && o4 < 0)) continue;
              const den = ex * fy - ey * fx;
              if (den === 0) continue;
              const t = ((cx - px) * fy - (cy - py) * fx) / den;
              if (t > 0 && t < 1) {
                if (cuts.length < nc + 1) cuts = grownTo(cuts, nc + 1);
                cuts[nc++] = t;
              }
            }
          }
        }
        for (let k = 1; k < nc; k++) { // insertion sort: a few cuts per edge
          const t = cuts[k];
          let q = k - 1;
          for (; q >= 0 && cuts[q] > t; q--) cuts[q + 1] = cuts[q];
          cuts[q + 1] = t;
        }
        for (let k = 0; k + 1 < nc; k++) {
          const t0 = cuts[k], t1 = cuts[k + 1];
          if (!(t1 > t0)) continue;
          const tm = (t0 + t1) / 2;
          let dropped = false;
          for (let q = 0; q < ns && !dropped; q += 4) if (spans[q] <= tm && tm <= spans[q + 1] && spans[q + 2] === 1) dropped = true;
          if (dropped) continue;
          const mx = px + ex * tm, my = py + ey * tm;
          const gx = mx + ox, gy = my + oy;
          for (let qb = lo; qb < hi; qb++) {
            const b = list[qb];
            if (b === a || gx < boxes[4 * b] || gx > boxes[4 * b + 2] || gy < boxes[4 * b + 1] || gy > boxes[4 * b + 3]) continue;
            let along = false; // the stretch runs along b's edge: decided above
            for (let q = 0; q < ns; q += 4) if (spans[q + 3] === b && spans[q] <= tm && tm <= spans[q + 1]) { along = true; break; }
            if (!along && insideSnapped(gx, gy, start, partRing[b], partRing[b + 1])) { dropped = true; break; }
          }
          if (dropped) continue;
          const x0 = px + ex * t0, y0 = py + ey * t0, x1 = px + ex * t1, y1 = py + ey * t1;
          twice += x0 * y1 - x1 * y0;
        }
      }
    }
  }
  return twice;
}

let boxScratch = new Float64Array(64);

/** The snapped parts' boxes (grid units; part i at 4i), for the parts of `list`. */
function gridBoxes(start: Int32Array, partRing: Int32Array, list: Int32Array, lo: number, hi: number): Float64Array {
  let top = 0;
  for (let q = lo; q < hi; q++) top = Math.max(top, list[q] + 1);
  if (boxScratch.length < 4 * top) boxScratch = new Float64Array(8 * top);
  for (let q = lo; q < hi; q++) {
    const i = list[q];
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let v = start[partRing[i]]; v < start[partRing[i + 1]]; v += 2) {
      const x = snap[v], y = snap[v + 1];
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    boxScratch[4 * i] = x0; boxScratch[4 * i + 1] = y0; boxScratch[4 * i + 2] = x1; boxScratch[4 * i + 3] = y1;
  }
  return boxScratch;
}

function grownTo(a: Float64Array, need: number): Float64Array {
  const next = new Float64Array(Math.max(need, 2 * a.length));
  next.set(a);
  return next;
}

/** Twice the area (cm²) of the snapped ring snap[s .. e), or null when on the grid it meets itself. */
function simpleSnappedTwiceArea(s: number, e: number): number | null {
  const n = (e - s) >> 1;
  if (n < 3) return null;
  let twice = 0;
  for (let i = 0; i < n; i++) {
    const a = s + 2 * i, b = s + 2 * ((i + 1) % n);
    twice += (snap[a] - snap[b]) * (snap[a + 1] + snap[b + 1]);
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // adjacent through the closing edge
      if (segmentsMeet(snap, a, b, s + 2 * j, s + 2 * ((j + 1) % n))) return null;
    }
  }
  return twice > 0 ? twice : null;
}

/**
 * The residential layer projected (residentialLayer.ts) with the layer-wide weighting decision:
 * what every community's basis is cut from. A thread may hold only the features near its own
 * communities (engine/auditSlice.ts): a community's basis reads only the features whose boxes
 * meet its own, in ascending order, so any subset holding those (in the same order) gives it
 * the same basis, bit for bit.
 */
export interface ResidentialFeatures {
  /** One polygon per usable feature. */
  store: PolygonStore;
  /** Per store polygon: households (NaN when missing) and whether they are estimated (0/1). */
  households: Float64Array;
  estimated: Uint8Array;
  /** Flatbush over the store's polygon boxes, in store order; null when the store is empty. */
  index: Flatbush | null;
  /** 'households' when every feature of the whole layer carries households, else 'area'. */
  weighting: 'households' | 'area';
}

/** Projects the residential layer (pushing its projection warnings); null without a layer. */
export function residentialFeatures(land: ResidentialLand[] | ResidentialLayerFlat | undefined, projection: LocalProjection, warnings: DataWarning[]): ResidentialFeatures | null {
  if (!land || !land.length) return null;
  const f = projectResidential(land, projection, warnings);
  return { store: f.store, households: f.households, estimated: f.estimated, index: f.index, weighting: f.missing ? 'area' : 'households' };
}

/** The data warning of a community that has no residential land inside (its area is its basis). */
export function noResidentialLandWarning(c: PreparedCommunity): DataWarning {
  return {
    code: 'no_residential_land', layer: 'communities', feature: c.id, field: 'geometry',
    message: `community ${c.id}: no residential land inside; coverage is measured over the whole community area`,
  };
}

/** Projects the residential layer and builds every community's basis (see header). */
export function prepareResidential(
  land: ResidentialLand[] | ResidentialLayerFlat | undefined,
  projection: LocalProjection,
  communities: PreparedCommunity[],
  warnings: DataWarning[],
): ResidentialPreparation {
  const f = residentialFeatures(land, projection, warnings);
  if (!f) return { basis: communities.map(() => COMMUNITY_AREA), weighting: null };
  const noLand: number[] = [];
  const basis = communityBases(f, communities, communities.map((_, i) => i), noLand);
  for (const i of noLand) warnings.push(noResidentialLandWarning(communities[i]));
  return { basis, weighting: f.weighting };
}

/**
 * Projects the residential layer (its warnings pushed now) and leaves the bases for later: the
 * preparation prepareResidential gives, but with no basis built (ensureBases, basisOf). With
 * `project` false the layer is projected elsewhere (another thread: residentialFeatures over the
 * same layer and projection) and attached before any basis is asked for (attachResidentialFeatures).
 * Without a layer there is nothing to defer: every community is measured over its own area.
 */
export function deferResidential(
  land: ResidentialLand[] | ResidentialLayerFlat | undefined,
  projection: LocalProjection,
  communities: PreparedCommunity[],
  warnings: DataWarning[],
  project = true,
): ResidentialPreparation {
  const f = project ? residentialFeatures(land, projection, warnings) : null;
  if (!land || !land.length || (project && !f)) return { basis: communities.map(() => COMMUNITY_AREA), weighting: null };
  return {
    basis: new Array<CommunityBasis>(communities.length),
    weighting: f ? f.weighting : null,
    deferredBasis: { features: f, land: new Uint8Array(communities.length), warningsAt: warnings.length, settled: false },
  };
}

/** `inserted` put into `warnings` at index `at`, the warnings after it moved behind them. */
function insertWarnings(warnings: DataWarning[], at: number, inserted: readonly DataWarning[]): void {
  const after = warnings.splice(at);
  for (const w of inserted) warnings.push(w);
  for (const w of after) warnings.push(w);
}

/**
 * The layer a context left unprojected (deferResidential), projected elsewhere, with the warnings
 * its projection gave: they take the place among the context's warnings that projecting here
 * would have given them.
 */
export function attachResidentialFeatures(ctx: BasisHolder, f: ResidentialFeatures, projectionWarnings: readonly DataWarning[]): void {
  const d = ctx.deferredBasis;
  if (!d || d.features) throw new Error('attachResidentialFeatures: the context holds no unprojected residential layer');
  insertWarnings(ctx.warnings, d.warningsAt, projectionWarnings);
  d.warningsAt += projectionWarnings.length;
  d.features = f;
  ctx.weighting = f.weighting;
}

/** Prepares, in one store, the bases of the communities of `indices` (ascending) not prepared yet. */
export function ensureBases(ctx: BasisHolder, indices: readonly number[]): void {
  const d = ctx.deferredBasis;
  if (!d) return;
  const missing = indices.filter((i) => !ctx.basis[i]);
  if (!missing.length) return;
  if (!d.features) throw new Error('ensureBases: the residential layer is not projected yet (attachResidentialFeatures)');
  const noLand: number[] = [];
  const bases = communityBases(d.features, ctx.communities, missing, noLand);
  missing.forEach((i, k) => { ctx.basis[i] = bases[k]; if (!d.land[i]) d.land[i] = 1; });
  for (const i of noLand) d.land[i] = 2;
}

/** Community `index`'s basis, prepared now if it was deferred. */
export function basisOf(ctx: BasisHolder, index: number): CommunityBasis | undefined {
  const b = ctx.basis[index];
  if (b || !ctx.deferredBasis) return b;
  ensureBases(ctx, [index]);
  return ctx.basis[index];
}

/**
 * Records what another thread found of community `index`'s residential land (the same basis
 * prepared there), so that its warning is not looked for again here.
 */
export function recordResidentialLand(d: DeferredBases, index: number, none: boolean): void {
  d.land[index] = none ? 2 : 1;
}

/**
 * Puts the no_residential_land warnings among the context's warnings (once), preparing the
 * bases of communities not decided yet: the warnings an eager preparation gives, in its order.
 */
export function settleBasisWarnings(ctx: BasisHolder): void {
  const d = ctx.deferredBasis;
  if (!d || d.settled) return;
  const undecided: number[] = [];
  d.land.forEach((v, i) => { if (!v) undecided.push(i); });
  ensureBases(ctx, undecided);
  const out: DataWarning[] = [];
  d.land.forEach((v, i) => { if (v === 2) out.push(noResidentialLandWarning(ctx.communities[i])); });
  insertWarnings(ctx.warnings, d.warningsAt, out);
  d.settled = true;
}

// Per community, reused from one to the next: each part's feature, its cut in the cuts store (−1:
// the whole feature), its store and polygon there (typed, and never shortened: an array emptied
// per community would be reallocated as it grew again).
let partFeature: Int32Array = new Int32Array(64);
let partCut: Int32Array = new Int32Array(64);
let partPoly: Int32Array = new Int32Array(64);
let partCount = 0;
const partStore: PolygonStore[] = [];

function grownInts(a: Int32Array): Int32Array {
  const next = new Int32Array(2 * a.length);
  next.set(a);
  return next;
}

function addPart(k: number, cut: number): void {
  if (partCount === partFeature.length) { partFeature = grownInts(partFeature); partCut = grownInts(partCut); partPoly = grownInts(partPoly); }
  partFeature[partCount] = k; partCut[partCount] = cut; partCount++;
}

/**
 * The parts of community c's residential land, into partFeature and partCut: the features whose
 * boxes meet c's, in ascending order, each whole when certainly inside c, else cut by c (the cut
 * written to `cuts`, rewritten per community) and kept when the cut has area; each part onto the
 * grid as it is found (snapPart, snapGridPart: landOfSnapped's input). Returns the part count.
 * The phases of a community's basis are functions of their own: the optimising compiler then
 * compiles each on its own (as one function they took it 40–90 ms per compilation, and a deopt
 * anywhere in them sent all of it back).
 */
function findParts(f: ResidentialFeatures, index: Flatbush, c: PreparedCommunity, cuts: PolygonStoreBuilder, at: XY): number {
  const s = f.store;
  partCount = 0;
  cuts.truncate(0);
  let snapped: SnappedRings | null = null; // the community's rings on the grid, when a feature needs them
  let convex = false; // the community is one convex ring on the grid: footprints are cut without clipper
  const ne = communityEdges(c);
  const found = flatbushRange(index, c.bbox[0], c.bbox[1], c.bbox[2], c.bbox[3]);
  const ids = ascendingIds(flatbushRangeIds(), found); // ascending, as the pieces were always written
  for (let q = 0; q < found; q++) {
    const k = ids[q];
    if (insideCommunity(s, k, c, ne, at)) {
      snapPart(partCount, s, k);
      addPart(k, -1);
      continue;
    }
    if (!snapped) {
      snapped = snapRings(c.rings);
      convex = snapped.start.length === 2 && isConvexOnGrid(snapped.xy, snapped.vertices);
    }
    if (convex && s.polygonRing[k + 1] - s.polygonRing[k] === 1) {
      const nv = snapFootprint(s, k);
      // Both convex on the grid: the cut clipper would return, unless a crossing is one clipper
      // may round otherwise (m < 0, see geo/gridConvexClip.ts).
      const m = isConvexOnGrid(footprint, nv) ? clipConvexOnGrid(footprint, nv, snapped.xy, snapped.vertices, gridCutOf(nv + snapped.vertices)) : -1;
      if (m === 0) continue;
      if (m > 0) {
        for (let v = 0; v < m; v++) cuts.vertex(gridCut[2 * v] / CLIP_SCALE, gridCut[2 * v + 1] / CLIP_SCALE);
        cuts.endRing();
        const p = cuts.endPolygon();
        if (cuts.areaOf(p) > 0) {
          snapGridPart(partCount, gridCut, m);
          addPart(k, p);
        } else cuts.truncate(p);
        continue;
      }
    }
    if (disjointOnGrid(s, k, snapped)) continue;
    const cut = intersection(c.rings, metricRingsOf(s, k));
    if (cut.length && ringsArea(cut) > 0) {
      const p = cuts.polygon(cut);
      snapPart(partCount, cuts.view(), p);
      addPart(k, p);
    }
  }
  return partCount;
}

// partsLand's answer besides the area: whether some parts' boxes meet (when none do, the parts
// are the land).
let partsOverlap = false;

/**
 * The residential land inside the community (m², overlaps once) of parts 0 .. n − 1 (findParts;
 * the cuts in cutView): a union only when some parts' boxes meet, then written as pieces to
 * `pieces` when given (landPieces; their Σ area in landPiecesTotal). Fills partStore, partPoly and
 * partBox.
 */
function partsLand(n: number, s: PolygonStore, cutView: PolygonStore, pieces: PolygonStoreBuilder | null): number {
  if (partBox.length < 4 * n) partBox = new Float64Array(8 * n);
  while (partStore.length < n) partStore.push(s);
  for (let i = 0; i < n; i++) {
    const q = partCut[i];
    const from = q < 0 ? s : cutView, p = q < 0 ? partFeature[i] : q;
    partStore[i] = from; partPoly[i] = p;
    for (let j = 0; j < 4; j++) partBox[4 * i + j] = from.bbox[4 * p + j];
  }
  let overlapping = false;
  for (let i = 0; i < n && !overlapping; i++) {
    for (let j = i + 1; j < n; j++) {
      if (partBox[4 * i] <= partBox[4 * j + 2] && partBox[4 * j] <= partBox[4 * i + 2] && partBox[4 * i + 1] <= partBox[4 * j + 3] && partBox[4 * j + 1] <= partBox[4 * i + 3]) { overlapping = true; break; }
    }
  }
  // The parts' areas summed whether or not they are the answer: a loop first run when the code is
  // already optimised (most communities' parts overlap) would send it back to be compiled again.
  let sum = 0;
  for (let i = 0; i < n; i++) sum += partStore[i].area[partPoly[i]];
  partsOverlap = overlapping;
  if (!overlapping) return sum;
  // The households basis needs only the land's area, the area basis its polygons (the pieces).
  // The parts went onto the grid as they were found (snapPart, snapGridPart).
  return pieces ? landPieces(n, partBox, pieces) : landOfSnapped(n, partBox);
}

/** Whether a part written by householdsPieces carries estimated households. */
let piecesEstimated = false;

/**
 * Parts 0 .. n − 1 as pieces weighted by their feature's households per m²; returns Σ weight × area.
 * A whole one-ring feature is referred to in the projected layer, not copied (most pieces are
 * whole footprints: their vertices are not written a second time).
 */
function householdsPieces(f: ResidentialFeatures, n: number, cutView: PolygonStore, pieces: PolygonStoreBuilder): number {
  const s = f.store;
  let total = 0;
  let estimated = false;
  for (let i = 0; i < n; i++) {
    const k = partFeature[i];
    if (f.estimated[k]) estimated = true;
    const weight = f.households[k] / s.area[k];
    const q = partCut[i];
    const from = q < 0 ? s : cutView, p = q < 0 ? k : q;
    // A one-ring feature is referred to and a one-ring cut copied as it is, others written as their
    // connected polygons.
    if (from.polygonRing[p + 1] - from.polygonRing[p] === 1) total += weight * pieces.areaOf(q < 0 ? pieces.reference(s, k, weight) : pieces.copy(from, p, weight));
    else total += writePieces(metricRingsOf(from, p), weight, pieces);
  }
  piecesEstimated = estimated;
  return total;
}

/**
 * Parts 0 .. n − 1 as they are (the land when no two overlap) as pieces of weight 1; returns their
 * area. A whole one-ring feature is referred to in the projected layer, not copied.
 */
function partPieces(n: number, s: PolygonStore, cutView: PolygonStore, pieces: PolygonStoreBuilder): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const q = partCut[i];
    const from = q < 0 ? s : cutView, p = q < 0 ? partFeature[i] : q;
    if (from.polygonRing[p + 1] - from.polygonRing[p] === 1) total += pieces.areaOf(q < 0 ? pieces.reference(s, p, 1) : pieces.copy(from, p, 1));
    else total += writePieces(metricRingsOf(from, p), 1, pieces);
  }
  return total;
}

/**
 * The bases of the communities `indices` (ascending), index-aligned with them, their pieces in one
 * store; the communities with no residential land inside are appended to `noLand` in that order
 * (the caller warns: noResidentialLandWarning).
 */
export function communityBases(f: ResidentialFeatures, communities: readonly PreparedCommunity[], indices: readonly number[], noLand: number[]): CommunityBasis[] {
  const weighting = f.weighting;
  // A batch is sized for every feature once and an eighth more (pieces are features, their cuts
  // or their unions; a feature across a community edge gives a piece on each side, and a cut adds
  // vertices), so that the columns are not grown by copying them; one community asked for on its
  // own (a gap map) starts small.
  // On the households basis most pieces are whole footprints, referred to (householdsPieces): only
  // the cuts' rings are written, so a quarter of the features' is room enough to start with.
  const nf = f.store.count, nv = f.store.xy.length >> 1, nr = f.store.ringStart.length - 1;
  const ringsShift = weighting === 'households' ? 2 : 0;
  const pieces = indices.length > 1
    ? new PolygonStoreBuilder({ polygons: nf + (nf >> 3) + indices.length, rings: (nr >> ringsShift) + (nr >> 3) + indices.length, vertices: (nv >> ringsShift) + (nv >> 3) + 4 * indices.length })
    : new PolygonStoreBuilder();
  // Footprints cut by a community's edge, per community (rewritten for the next one).
  const cuts = new PolygonStoreBuilder();
  const at: XY = [0, 0];
  const s = f.store, index = f.index;
  // Every basis object is written with the same fields in the same order (one hidden class; the
  // store is set once finished), rather than copied with the store spread in afterwards.
  const prepared: CommunityBasis[] = indices.map((ci): CommunityBasis => {
    const c = communities[ci];
    if (!index || !c.rings.length || c.area_m2 <= 0) return COMMUNITY_AREA;
    const n = findParts(f, index, c, cuts, at);
    const cutView = cuts.view();
    const first = pieces.count;
    // On the area basis, overlapping land is written as pieces as it is found.
    const residentialArea = Math.max(0, partsLand(n, s, cutView, weighting === 'area' ? pieces : null));
    const overlapping = partsOverlap;
    if (!(residentialArea > 0)) {
      pieces.truncate(first);
      noLand.push(ci);
      return COMMUNITY_AREA;
    }
    let total: number;
    if (weighting === 'households') {
      total = householdsPieces(f, n, cutView, pieces);
      if (total > 0) return { kind: 'residential-households', store: null, first, count: pieces.count - first, total, residentialArea_m2: residentialArea, householdsEstimated: piecesEstimated };
      pieces.truncate(first); // no households on this community's land: its area decides
      if (overlapping) {
        landOfParts(n, partStore, partPoly, partBox, pieces);
        total = landPiecesTotal;
      } else total = partPieces(n, s, cutView, pieces);
    } else total = overlapping ? landPiecesTotal : partPieces(n, s, cutView, pieces);
    return { kind: 'residential-area', store: null, first, count: pieces.count - first, total, residentialArea_m2: residentialArea, householdsEstimated: false };
  });
  const store = pieces.finish();
  for (const b of prepared) if (b !== COMMUNITY_AREA) b.store = store;
  // The per-community scratch refers to this layer's stores and rings: not held past the call.
  partStore.length = 0;
  return prepared;
}
