// Area (m²) of community ∩ service area(d), without building the area's rings: what the audit's
// share needs (docs/network-areas.md §5). Same set as serviceAreaPaths ∩ community, summed tile
// by tile over fixed square tiles clipped to the community box:
// - a tile that misses the community adds nothing;
// - a certified tile (certify.ts: every point within walking distance d, no unreachable network
//   within the clearance) adds area(community ∩ tile), by rectangle clipping of the rings;
// - any other tile adds area(((∪ capsules − corridors) ∪ polygon sources) ∩ community ∩ tile), by
//   Green's theorem over the edges of those polygons (coveredArea.ts: no clipper, no polygon
//   built), from the capsules that meet such tiles only (never built for certified tiles).
// Tiles are disjoint, so the sum equals the area of the whole intersection. Against the clipper
// construction (serviceAreaPaths ∩ community) the difference is its centimetre rounding only.
import type { BBox, MetricRings, XY } from '../reach/reachProvider';
import { clipFlatToAxis, clipToHalfPlane } from '../geo/clipToHalfPlane';
import type { RoadGraph } from './graph';
import { Breakpoints, type NetworkDistances } from './distances';
import type { IntPaths } from './clip';
import { certifyRect } from './certify';
import { CapsuleBuilder, PolygonStore } from './capsules';
import { convexifyStore, CoveredArea, RingSet } from './coveredArea';
import { PieceList, splitEdgeInto } from './pieces';
import { addConnectorCapsules, DEFAULT_MAX_OFFSET_M, unitDisk, type AreaOptions, type LinearPiece } from './serviceArea';
import { tileGrid } from './tiles';

/** Signed area (m²) of clipper paths in cm. */
export function pathsArea(paths: IntPaths): number {
  let a = 0;
  for (const p of paths) for (let i = 0, j = p.length - 1; i < p.length; j = i++) a += (p[j].X - p[i].X) * (p[j].Y + p[i].Y);
  return a / 2 / 1e4;
}

/** Sutherland–Hodgman clip of each ring to a rectangle (ring orientation kept; degenerate edges on the border are harmless for areas and clipper). */
export function clipRingsToRect(rings: MetricRings, r: BBox): MetricRings {
  const out: MetricRings = [];
  const clip = clipToHalfPlane<XY>;
  const atX = (x: number) => (a: XY, b: XY): XY => [x, a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0])];
  const atY = (y: number) => (a: XY, b: XY): XY => [a[0] + ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]), y];
  for (const ring of rings) {
    let pts = ring;
    pts = clip(pts, (p) => p[0] >= r[0], atX(r[0]));
    if (pts.length) pts = clip(pts, (p) => p[0] <= r[2], atX(r[2]));
    if (pts.length) pts = clip(pts, (p) => p[1] >= r[1], atY(r[1]));
    if (pts.length) pts = clip(pts, (p) => p[1] <= r[3], atY(r[3]));
    if (pts.length >= 3) out.push(pts);
  }
  return out;
}

/** Two scratch rings for clipRingsIntoStore (x, y interleaved), grown on demand. */
let clipA = new Float64Array(256);
let clipB = new Float64Array(256);


/**
 * clipRingsToRect(rings, r) appended to `out` ring by ring (the same points, no arrays built);
 * returns the clipped rings' signed area (m², as ringsArea).
 */
export function clipRingsIntoStore(rings: MetricRings, r: BBox, out: PolygonStore): number {
  let area = 0;
  for (const ring of rings) {
    const n0 = ring.length;
    // Each pass adds at most one point per edge it cuts: twice the ring is always enough.
    if (clipA.length < 4 * n0 + 16) {
      clipA = new Float64Array(4 * n0 + 16);
      clipB = new Float64Array(4 * n0 + 16);
    }
    for (let i = 0; i < n0; i++) {
      clipA[2 * i] = ring[i][0];
      clipA[2 * i + 1] = ring[i][1];
    }
    let n = clipFlatToAxis(clipA, n0, clipB, 0, 1, r[0]);
    if (n) n = clipFlatToAxis(clipB, n, clipA, 0, -1, r[2]);
    if (n) n = clipFlatToAxis(clipA, n, clipB, 1, 1, r[1]);
    if (n) n = clipFlatToAxis(clipB, n, clipA, 1, -1, r[3]);
    if (n < 3) continue;
    let a = 0;
    for (let i = 0, j = n - 1; i < n; j = i++) a += (clipA[2 * j] - clipA[2 * i]) * (clipA[2 * j + 1] + clipA[2 * i + 1]);
    area += a / 2;
    for (let i = 0; i < n; i++) out.vertex(clipA[2 * i], clipA[2 * i + 1]);
    out.end();
  }
  return area;
}

export interface ReachedAreaInput {
  /** Extra walkable pieces (facility connectors) with their distances. */
  pieces?: LinearPiece[];
  /** Polygons counted as reached whole (clipper paths, cm): polygon sources grown by min(M, d). */
  paths?: IntPaths;
  /**
   * A rectangle certifyRect has already refused for these distances and options, even with only
   * the cells meeting the community needed: a tile that is exactly this rectangle (a community
   * inside one tile) would be refused again over the same cells, so it is not certified twice.
   */
  refused?: BBox;
}

const bp = new Breakpoints();
const reached = new PieceList();
const store = new PolygonStore();
const corridorStore = new PolygonStore();
const extraRings = new RingSet();
const part = new RingSet();
const covered = new CoveredArea();
/** The community's part of each open tile (metres) and, per open tile, its box, grid index and rings. */
const parts = new PolygonStore();
let openTile = new Float64Array(256);
let openIJ = new Int32Array(128);
let openStart = new Int32Array(65);
/** The tile being certified or integrated (clipped to the community box): one array, reused. */
const tileBox: BBox = [0, 0, 0, 0];
/** One open tile's capsules (indices into store). */
let tileItems = new Int32Array(256);
/** The corridors of one tile that meet its capsules (indices into corridorStore). */
let nearCorridors = new Int32Array(1024);

/** unitDisk(r, tolerance), made once per radius and tolerance (the audit asks a handful). */
const units = new Map<string, XY[]>();
function unitDiskOf(r: number, tolerance: number): XY[] {
  const k = `${r}|${tolerance}`;
  let u = units.get(k);
  if (!u) {
    if (units.size >= 64) units.clear();
    u = unitDisk(r, tolerance);
    units.set(k, u);
  }
  return u;
}

const unreached = new PieceList();

/** Reusable buckets of bucketInto: tile t of the window holds items[start[t] .. start[t+1]). */
const buckets = { i0: 0, j0: 0, nx: 0, ny: 0, start: new Int32Array(65), fill: new Int32Array(64), items: new Int32Array(256) };

/**
 * tiles.ts bucketByTile(store, T, [x0, y0, x1, y1]) into the reusable `buckets` (the same tiles
 * and, per tile, the same polygons in the same order), without a closure per polygon.
 */
function bucketInto(store: PolygonStore, T: number, x0: number, y0: number, x1: number, y1: number): typeof buckets {
  const { i0, j0, nx, ny } = tileGrid(T, [x0, y0, x1, y1]);
  const nt = nx * ny;
  if (buckets.start.length < nt + 1) {
    buckets.start = new Int32Array(2 * nt + 2);
    buckets.fill = new Int32Array(2 * nt + 2);
  }
  const { start, fill } = buckets;
  start.fill(0, 0, nt + 1);
  const { box, n } = store;
  for (let pass = 0; pass < 2; pass++) {
    if (pass === 1) {
      for (let t = 0; t < nt; t++) start[t + 1] += start[t];
      fill.set(start.subarray(0, nt));
      if (buckets.items.length < start[nt]) buckets.items = new Int32Array(2 * start[nt]);
    }
    const items = buckets.items;
    for (let p = 0; p < n; p++) {
      const a = Math.max(0, Math.floor(box[4 * p] / 100 / T) - i0);
      const b = Math.min(nx - 1, Math.floor(box[4 * p + 2] / 100 / T) - i0);
      const c = Math.max(0, Math.floor(box[4 * p + 1] / 100 / T) - j0);
      const e = Math.min(ny - 1, Math.floor(box[4 * p + 3] / 100 / T) - j0);
      for (let i = a; i <= b; i++)
        for (let j = c; j <= e; j++) {
          if (pass === 0) start[i * ny + j + 1]++;
          else items[fill[i * ny + j]++] = p;
        }
    }
  }
  buckets.i0 = i0;
  buckets.j0 = j0;
  buckets.nx = nx;
  buckets.ny = ny;
  return buckets;
}

/**
 * tiles.ts corridorsMeeting(g, nd, d, clearance, rect) written straight into `out` (the same
 * rectangles, vertices and order; no object per vertex): corridors of half-width `clearance`
 * around the network pieces farther than d that meet `rect`.
 */
function corridorsInto(g: RoadGraph, nd: NetworkDistances, d: number, clearance: number, rect: BBox, out: PolygonStore): void {
  if (!(clearance > 0)) return;
  const c = clearance;
  unreached.clear();
  for (const e of g.edgeIndex.search(rect[0] - c, rect[1] - c, rect[2] + c, rect[3] + c)) splitEdgeInto(g, nd, e, d, bp, null, unreached);
  const { x0, y0, x1, y1 } = unreached;
  for (let k = 0; k < unreached.n; k++) {
    const px = x0[k], py = y0[k], qx = x1[k], qy = y1[k];
    if (!(Math.min(px, qx) - c < rect[2] && rect[0] < Math.max(px, qx) + c && Math.min(py, qy) - c < rect[3] && rect[1] < Math.max(py, qy) + c)) continue;
    // A rectangle covering the segment with margin c on every side (square caps), CCW.
    const L = Math.hypot(qx - px, qy - py);
    const ux = L > 0 ? (qx - px) / L : 1;
    const uy = L > 0 ? (qy - py) / L : 0;
    const nx = -uy * c;
    const ny = ux * c;
    const ax = px - ux * c, ay = py - uy * c, bx = qx + ux * c, by = qy + uy * c;
    out.vertex(Math.round((ax - nx) * 100), Math.round((ay - ny) * 100));
    out.vertex(Math.round((bx - nx) * 100), Math.round((by - ny) * 100));
    out.vertex(Math.round((bx + nx) * 100), Math.round((by + ny) * 100));
    out.vertex(Math.round((ax + nx) * 100), Math.round((ay + ny) * 100));
    out.end();
  }
}

/**
 * The open tiles of the current call on their grid (side T, first column and row, columns, rows):
 * openAt[cell] is the open tile's index + 1 in that grid cell, or 0.
 */
let openAt = new Int32Array(64);
let openT = 1, openI0 = 0, openJ0 = 0, openNx = 0, openNy = 0;

/**
 * The box [x0, x1] × [y0, y1] meets an open tile, grown by 1 cm: a capsule's vertices are rounded
 * to centimetres and may stand half of one outside the box of its piece. Only the open tiles' parts
 * of the community are integrated, so a capsule missing them all adds nothing there. The grid
 * cells the box touches are looked up first (a closed test, as a spatial index search would).
 */
function meetsOpen(x0: number, y0: number, x1: number, y1: number): boolean {
  const T = openT;
  const a0 = Math.max(0, Math.ceil(x0 / T) - 1 - openI0), a1 = Math.min(openNx - 1, Math.floor(x1 / T) - openI0);
  const b0 = Math.max(0, Math.ceil(y0 / T) - 1 - openJ0), b1 = Math.min(openNy - 1, Math.floor(y1 / T) - openJ0);
  for (let a = a0; a <= a1; a++)
    for (let b = b0; b <= b1; b++) {
      const o = openAt[a * openNy + b] - 1;
      if (o < 0) continue;
      const k = 4 * o;
      if (x0 <= openTile[k + 2] + 0.01 && openTile[k] - 0.01 <= x1 && y0 <= openTile[k + 3] + 0.01 && openTile[k + 1] - 0.01 <= y1) return true;
    }
  return false;
}

/** One capsule builder per radius, tolerance, distance and offset (the audit asks a handful), reset before each use. */
const builders = new Map<string, CapsuleBuilder>();
function builderOf(r: number, tolerance: number, d: number, M: number): CapsuleBuilder {
  const k = `${r}|${tolerance}|${d}|${M}`;
  let b = builders.get(k);
  if (!b) {
    if (builders.size >= 64) builders.clear();
    b = new CapsuleBuilder(unitDiskOf(r, tolerance), d, M, store);
    builders.set(k, b);
  } else b.reset();
  return b;
}

/**
 * Area (m²) of `rings` (a community: outer CCW, holes CW, inside `bbox`) within walking distance
 * d, for the distances `nd`: the area of serviceAreaPaths(…) ∩ rings, tile by tile.
 */
export function reachedAreaOf(g: RoadGraph, nd: NetworkDistances, d: number, rings: MetricRings, bbox: BBox, options: AreaOptions = {}, input: ReachedAreaInput = {}): number {
  const M = options.maxOffset_m ?? DEFAULT_MAX_OFFSET_M;
  const tol = options.tolerance_m ?? 1;
  const clearance = options.clearance_m ?? 0.5;
  const T = options.tile_m ?? M;
  const r = Math.min(M, d);
  const extra = input.paths ?? [];
  const refused = input.refused;
  let total = 0;
  // Tiles of the fixed grid, clipped to the community box; the community's part of each open
  // tile is kept in `parts` (metres), its rings openStart[o] .. openStart[o + 1].
  parts.clear();
  let nOpen = 0;
  for (let i = Math.floor(bbox[0] / T); i * T < bbox[2]; i++)
    for (let j = Math.floor(bbox[1] / T); j * T < bbox[3]; j++) {
      const tile = tileBox;
      tile[0] = Math.max(i * T, bbox[0]);
      tile[1] = Math.max(j * T, bbox[1]);
      tile[2] = Math.min((i + 1) * T, bbox[2]);
      tile[3] = Math.min((j + 1) * T, bbox[3]);
      if (tile[2] <= tile[0] || tile[3] <= tile[1]) continue;
      const first = parts.n;
      const a = clipRingsIntoStore(rings, tile, parts);
      const known = refused !== undefined && tile[0] === refused[0] && tile[1] === refused[1] && tile[2] === refused[2] && tile[3] === refused[3];
      if (a <= 1e-9 || (!known && certifyRect(g, nd, d, M, clearance, tile))) {
        if (a > 1e-9) total += a;
        while (parts.n > first) parts.pop();
        continue;
      }
      if (4 * nOpen + 4 > openTile.length) {
        const t = new Float64Array(2 * openTile.length);
        t.set(openTile);
        openTile = t;
        const s = new Int32Array(2 * openStart.length);
        s.set(openStart);
        openStart = s;
        const ij = new Int32Array(2 * openIJ.length);
        ij.set(openIJ);
        openIJ = ij;
      }
      openTile.set(tile, 4 * nOpen);
      openIJ[2 * nOpen] = i;
      openIJ[2 * nOpen + 1] = j;
      openStart[nOpen] = first;
      openStart[++nOpen] = parts.n;
    }
  if (!nOpen) return total;

  // Capsules only of the pieces whose box meets an open tile.
  let ox0 = Infinity, oy0 = Infinity, ox1 = -Infinity, oy1 = -Infinity;
  for (let o = 0; o < nOpen; o++) {
    ox0 = Math.min(ox0, openTile[4 * o]); oy0 = Math.min(oy0, openTile[4 * o + 1]); ox1 = Math.max(ox1, openTile[4 * o + 2]); oy1 = Math.max(oy1, openTile[4 * o + 3]);
  }
  const gi0 = Math.floor(ox0 / T);
  const gj0 = Math.floor(oy0 / T);
  const gnx = Math.floor(ox1 / T) - gi0 + 1;
  const gny = Math.floor(oy1 / T) - gj0 + 1;
  if (openAt.length < gnx * gny) openAt = new Int32Array(2 * gnx * gny);
  openAt.fill(0, 0, gnx * gny);
  for (let o = 0; o < nOpen; o++) openAt[(openIJ[2 * o] - gi0) * gny + (openIJ[2 * o + 1] - gj0)] = o + 1;
  openT = T;
  openI0 = gi0;
  openJ0 = gj0;
  openNx = gnx;
  openNy = gny;
  reached.clear();
  for (const e of g.edgeIndex.search(ox0 - r, oy0 - r, ox1 + r, oy1 + r)) splitEdgeInto(g, nd, e, d, bp, reached, null);
  store.clear();
  const connectors = input.pieces ?? [];
  if (reached.n || connectors.length) {
    const caps = builderOf(r, tol, d, M);
    const { x0, y0, x1, y1, f0, f1 } = reached;
    for (let k = 0; k < reached.n; k++) {
      const rm = caps.radius(f0[k], f1[k]);
      if (meetsOpen(Math.min(x0[k], x1[k]) - rm, Math.min(y0[k], y1[k]) - rm, Math.max(x0[k], x1[k]) + rm, Math.max(y0[k], y1[k]) + rm)) caps.add(x0[k], y0[k], f0[k], x1[k], y1[k], f1[k]);
    }
    addConnectorCapsules(caps, d, connectors);
  }
  if (!store.n && !extra.length) return total;
  const tiles = bucketInto(store, T, ox0, oy0, ox1, oy1);
  convexifyStore(store);
  extraRings.clear();
  for (const ring of extra) {
    for (const p of ring) extraRings.vertex(p.X, p.Y);
    extraRings.end();
  }
  for (let o = 0; o < nOpen; o++) {
    const t = (openIJ[2 * o] - tiles.i0) * tiles.ny + (openIJ[2 * o + 1] - tiles.j0);
    corridorStore.clear();
    if (tiles.start[t + 1] > tiles.start[t]) {
      const tile = tileBox;
      tile[0] = openTile[4 * o];
      tile[1] = openTile[4 * o + 1];
      tile[2] = openTile[4 * o + 2];
      tile[3] = openTile[4 * o + 3];
      corridorsInto(g, nd, d, clearance, tile, corridorStore);
    }
    convexifyStore(corridorStore);
    part.clear();
    for (let q = openStart[o]; q < openStart[o + 1]; q++) {
      for (let k = parts.start[q]; k < parts.start[q + 1]; k++) part.vertex(Math.round(parts.X[k] * 100), Math.round(parts.Y[k] * 100));
      part.end();
    }
    // This tile's capsules, copied out of the buckets (no view made per tile).
    const count = tiles.start[t + 1] - tiles.start[t];
    if (tileItems.length < count) tileItems = new Int32Array(2 * count);
    const items = tileItems;
    for (let q = 0; q < count; q++) items[q] = tiles.items[tiles.start[t] + q];
    // Only corridors whose boxes meet a capsule's can cut anything.
    if (corridorStore.n > nearCorridors.length) nearCorridors = new Int32Array(2 * corridorStore.n);
    let nb = 0;
    const cb = corridorStore.box, ab = store.box;
    for (let c = 0; c < corridorStore.n; c++)
      for (let q = 0; q < count; q++) {
        const i = items[q];
        if (ab[4 * i] <= cb[4 * c + 2] && cb[4 * c] <= ab[4 * i + 2] && ab[4 * i + 1] <= cb[4 * c + 3] && cb[4 * c + 1] <= ab[4 * i + 3]) {
          nearCorridors[nb++] = c;
          break;
        }
      }
    total += covered.area(store, items, count, corridorStore, nearCorridors, nb, extraRings, part) / 1e4;
  }
  return total;
}
