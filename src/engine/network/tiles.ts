// The fixed tile grid of the area construction (docs/network-areas.md §6): space is cut into
// square tiles of side T anchored at multiples of T, the same for every band and every caller, so
// nesting holds tile by tile. A tile certified as wholly reached (certify.ts) is the tile itself;
// any other tile is (∪ capsules clipped to it) − (corridors meeting it), from the capsules whose
// boxes meet it. Tiles are disjoint, so a band is the union of its tiles and a share the sum of
// its tiles' areas: clipper only ever sees one tile's few polygons at a time.
import type ClipperLib from 'clipper-lib';
import type { BBox } from '../reach/reachProvider';
import type { RoadGraph } from './graph';
import { Breakpoints, type NetworkDistances } from './distances';
import { differencePaths, unionMany, type IntPaths } from './clip';
import { ClipScratch, clipUncontained, PolygonStore, storePaths } from './capsules';
import { PieceList, splitEdgeInto } from './pieces';

/** Polygons of a store listed per tile of a grid window (CSR: tile t holds items[start[t] .. start[t+1])). */
export interface TileBuckets {
  /** Grid index of the window's first column and row (tile (i, j) covers [iT, (i+1)T] × [jT, (j+1)T]). */
  i0: number;
  j0: number;
  nx: number;
  ny: number;
  T: number;
  start: Int32Array;
  items: Int32Array;
}

/** The window of grid tiles covering `within` (metres): first column and row, and how many. */
export function tileGrid(T: number, within: BBox): { i0: number; j0: number; nx: number; ny: number } {
  const i0 = Math.floor(within[0] / T);
  const j0 = Math.floor(within[1] / T);
  return { i0, j0, nx: Math.max(1, Math.floor(within[2] / T) - i0 + 1), ny: Math.max(1, Math.floor(within[3] / T) - j0 + 1) };
}

/** Lists every polygon of `store` under each tile its box meets (boundaries included), within the window of tiles covering `within` (metres). */
export function bucketByTile(store: PolygonStore, T: number, within: BBox): TileBuckets {
  const { i0, j0, nx, ny } = tileGrid(T, within);
  const start = new Int32Array(nx * ny + 1);
  const { box, n } = store;
  const range = (p: number, visit: (t: number) => void) => {
    const a = Math.max(0, Math.floor(box[4 * p] / 100 / T) - i0);
    const b = Math.min(nx - 1, Math.floor(box[4 * p + 2] / 100 / T) - i0);
    const c = Math.max(0, Math.floor(box[4 * p + 1] / 100 / T) - j0);
    const e = Math.min(ny - 1, Math.floor(box[4 * p + 3] / 100 / T) - j0);
    for (let i = a; i <= b; i++) for (let j = c; j <= e; j++) visit(i * ny + j);
  };
  for (let p = 0; p < n; p++) range(p, (t) => start[t + 1]++);
  for (let t = 0; t < nx * ny; t++) start[t + 1] += start[t];
  const fill = start.slice(0, nx * ny);
  const items = new Int32Array(start[nx * ny]);
  for (let p = 0; p < n; p++) range(p, (t) => (items[fill[t]++] = p));
  return { i0, j0, nx, ny, T, start, items };
}

const bp = new Breakpoints();
const unreached = new PieceList();
const clipped = new PolygonStore();
const scratch = new ClipScratch();

const P = (x: number, y: number) => ({ X: Math.round(x * 100), Y: Math.round(y * 100) });

/** The rectangle as a clipper path (cm, CCW). */
export function rectPath(r: BBox): ClipperLib.Path {
  return [P(r[0], r[1]), P(r[2], r[1]), P(r[2], r[3]), P(r[0], r[3])];
}

/** Rectangle covering segment a–b with margin c on every side (square caps), CCW, cm. */
function corridor(x0: number, y0: number, x1: number, y1: number, c: number): ClipperLib.Path {
  const L = Math.hypot(x1 - x0, y1 - y0);
  const ux = L > 0 ? (x1 - x0) / L : 1;
  const uy = L > 0 ? (y1 - y0) / L : 0;
  const nx = -uy * c;
  const ny = ux * c;
  const ax = x0 - ux * c, ay = y0 - uy * c, bx = x1 + ux * c, by = y1 + uy * c;
  // Rounded outwards by up to 0.5 cm: fine, the corridor only has to cover the segment.
  return [P(ax - nx, ay - ny), P(bx - nx, by - ny), P(bx + nx, by + ny), P(ax + nx, ay + ny)];
}

/**
 * Corridors of half-width `clearance` around the network pieces farther than d that meet `rect`
 * (the unreachable network cut out of the area).
 */
export function corridorsMeeting(g: RoadGraph, nd: NetworkDistances, d: number, clearance: number, rect: BBox): IntPaths {
  const out: IntPaths = [];
  if (!(clearance > 0)) return out;
  const c = clearance;
  unreached.clear();
  for (const e of g.edgeIndex.search(rect[0] - c, rect[1] - c, rect[2] + c, rect[3] + c)) splitEdgeInto(g, nd, e, d, bp, null, unreached);
  const { x0, y0, x1, y1 } = unreached;
  for (let k = 0; k < unreached.n; k++) {
    const ax = x0[k], ay = y0[k], bx = x1[k], by = y1[k];
    if (Math.min(ax, bx) - c < rect[2] && rect[0] < Math.max(ax, bx) + c && Math.min(ay, by) - c < rect[3] && rect[1] < Math.max(ay, by) + c) out.push(corridor(ax, ay, bx, by, c));
  }
  return out;
}

/**
 * Capsules of tile t of `buckets` clipped to `rect`, contained ones dropped, united; minus the
 * corridors of the network farther than d that meet a kept capsule (corridorsMeeting).
 */
export function tileRegion(store: PolygonStore, buckets: TileBuckets, t: number, rect: BBox, g: RoadGraph, nd: NetworkDistances, d: number, clearance: number): IntPaths {
  if (buckets.start[t + 1] === buckets.start[t]) return [];
  clipped.clear();
  const n = clipUncontained(store, buckets.items.subarray(buckets.start[t], buckets.start[t + 1]), buckets.start[t + 1] - buckets.start[t], rect, clipped, scratch);
  const kept = Array.from({ length: n }, (_, k) => k);
  // One convex polygon is its own union (repeated vertices dropped); a flat one is empty.
  const u = n === 1 ? (clipped.area2(0) > 0 ? [convexRing(clipped, 0)] : []) : unionMany(storePaths(clipped, kept));
  if (!u.length) return u;
  // Only corridors that meet a kept polygon can cut anything.
  const near = corridorsMeeting(g, nd, d, clearance, rect).filter((c) => kept.some((k) => convexMeets(clipped, k, c)));
  return near.length ? differencePaths(u, near) : u;
}

/** Polygon k of `store` as a clipper path without repeated consecutive vertices. */
function convexRing(store: PolygonStore, k: number): ClipperLib.Path {
  const { X, Y, start } = store;
  const s = start[k];
  const e = start[k + 1];
  const out: ClipperLib.Path = [];
  for (let i = s, j = e - 1; i < e; j = i++) if (X[i] !== X[j] || Y[i] !== Y[j]) out.push({ X: X[i], Y: Y[i] });
  return out;
}

/**
 * False when a separating axis shows that polygon k of `store` and convex ring `q` (both CCW, cm)
 * are disjoint; true when they overlap or touch.
 */
function convexMeets(store: PolygonStore, k: number, q: ClipperLib.Path): boolean {
  const { X, Y, start } = store;
  const s = start[k];
  const e = start[k + 1];
  for (let i = s, j = e - 1; i < e; j = i++) {
    // Outward normal of edge j → i of a CCW ring: every vertex of q strictly beyond it separates.
    const nx = Y[i] - Y[j];
    const ny = X[j] - X[i];
    let beyond = true;
    for (const p of q) if ((p.X - X[j]) * nx + (p.Y - Y[j]) * ny <= 0) {
      beyond = false;
      break;
    }
    if (beyond) return false;
  }
  for (let a = 0, b = q.length - 1; a < q.length; b = a++) {
    const nx = q[a].Y - q[b].Y;
    const ny = q[b].X - q[a].X;
    let beyond = true;
    for (let i = s; i < e; i++) if ((X[i] - q[b].X) * nx + (Y[i] - q[b].Y) * ny <= 0) {
      beyond = false;
      break;
    }
    if (beyond) return false;
  }
  return true;
}
