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
import { ringsArea } from '../geo/metricRings';
import { clipToHalfPlane } from '../geo/clipToHalfPlane';
import type { RoadGraph } from './graph';
import { Breakpoints, type NetworkDistances } from './distances';
import type { IntPaths } from './clip';
import { certifyRect } from './certify';
import { CapsuleBuilder, PolygonStore } from './capsules';
import { convexifyStore, CoveredArea, RingSet } from './coveredArea';
import { PieceList, splitEdgeInto } from './pieces';
import { addConnectorCapsules, DEFAULT_MAX_OFFSET_M, unitDisk, type AreaOptions, type LinearPiece } from './serviceArea';
import { bucketByTile, corridorsMeeting } from './tiles';

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

export interface ReachedAreaInput {
  /** Extra walkable pieces (facility connectors) with their distances. */
  pieces?: LinearPiece[];
  /** Polygons counted as reached whole (clipper paths, cm): polygon sources grown by min(M, d). */
  paths?: IntPaths;
}

const bp = new Breakpoints();
const reached = new PieceList();
const store = new PolygonStore();
const corridorStore = new PolygonStore();
const extraRings = new RingSet();
const part = new RingSet();
const covered = new CoveredArea();
/** The corridors of one tile that meet its capsules (indices into corridorStore). */
let nearCorridors = new Int32Array(1024);

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
  let total = 0;
  // Tiles of the fixed grid, clipped to the community box.
  const open: { i: number; j: number; tile: BBox; part: MetricRings; whole: boolean }[] = [];
  for (let i = Math.floor(bbox[0] / T); i * T < bbox[2]; i++)
    for (let j = Math.floor(bbox[1] / T); j * T < bbox[3]; j++) {
      const tile: BBox = [Math.max(i * T, bbox[0]), Math.max(j * T, bbox[1]), Math.min((i + 1) * T, bbox[2]), Math.min((j + 1) * T, bbox[3])];
      if (tile[2] <= tile[0] || tile[3] <= tile[1]) continue;
      const part = clipRingsToRect(rings, tile);
      const a = ringsArea(part);
      if (a <= 1e-9) continue;
      if (certifyRect(g, nd, d, M, clearance, tile)) total += a;
      else open.push({ i, j, tile, part, whole: a >= (tile[2] - tile[0]) * (tile[3] - tile[1]) * (1 - 1e-9) });
    }
  if (!open.length) return total;

  // Capsules only of the pieces whose box meets an open tile.
  let ox0 = Infinity, oy0 = Infinity, ox1 = -Infinity, oy1 = -Infinity;
  for (const { tile } of open) {
    ox0 = Math.min(ox0, tile[0]); oy0 = Math.min(oy0, tile[1]); ox1 = Math.max(ox1, tile[2]); oy1 = Math.max(oy1, tile[3]);
  }
  const gi0 = Math.floor(ox0 / T);
  const gj0 = Math.floor(oy0 / T);
  const gnx = Math.floor(ox1 / T) - gi0 + 1;
  const gny = Math.floor(oy1 / T) - gj0 + 1;
  const isOpen = new Uint8Array(gnx * gny);
  for (const o of open) isOpen[(o.i - gi0) * gny + (o.j - gj0)] = 1;
  const meetsOpen = (x0: number, y0: number, x1: number, y1: number) => {
    // Boxes touching a tile count (a closed-box test, as a spatial index search would).
    const a0 = Math.max(0, Math.ceil(x0 / T) - 1 - gi0), a1 = Math.min(gnx - 1, Math.floor(x1 / T) - gi0);
    const b0 = Math.max(0, Math.ceil(y0 / T) - 1 - gj0), b1 = Math.min(gny - 1, Math.floor(y1 / T) - gj0);
    for (let a = a0; a <= a1; a++) for (let b = b0; b <= b1; b++) if (isOpen[a * gny + b]) return true;
    return false;
  };
  reached.clear();
  for (const e of g.edgeIndex.search(ox0 - r, oy0 - r, ox1 + r, oy1 + r)) splitEdgeInto(g, nd, e, d, bp, reached, null);
  store.clear();
  const caps = new CapsuleBuilder(unitDisk(r, tol), d, M, store);
  const { x0, y0, x1, y1, f0, f1 } = reached;
  for (let k = 0; k < reached.n; k++) {
    const rm = caps.radius(f0[k], f1[k]);
    if (meetsOpen(Math.min(x0[k], x1[k]) - rm, Math.min(y0[k], y1[k]) - rm, Math.max(x0[k], x1[k]) + rm, Math.max(y0[k], y1[k]) + rm)) caps.add(x0[k], y0[k], f0[k], x1[k], y1[k], f1[k]);
  }
  addConnectorCapsules(caps, d, input.pieces ?? []);
  if (!store.n && !extra.length) return total;
  const buckets = bucketByTile(store, T, [ox0, oy0, ox1, oy1]);
  convexifyStore(store);
  extraRings.clear();
  for (const ring of extra) {
    for (const p of ring) extraRings.vertex(p.X, p.Y);
    extraRings.end();
  }
  for (const o of open) {
    const t = (o.i - buckets.i0) * buckets.ny + (o.j - buckets.j0);
    corridorStore.clear();
    if (buckets.start[t + 1] > buckets.start[t])
      for (const c of corridorsMeeting(g, nd, d, clearance, o.tile)) {
        for (const p of c) corridorStore.vertex(p.X, p.Y);
        corridorStore.end();
      }
    convexifyStore(corridorStore);
    part.clear();
    for (const ring of o.part) {
      for (const p of ring) part.vertex(Math.round(p[0] * 100), Math.round(p[1] * 100));
      part.end();
    }
    const items = buckets.items.subarray(buckets.start[t], buckets.start[t + 1]);
    // Only corridors whose boxes meet a capsule's can cut anything.
    if (corridorStore.n > nearCorridors.length) nearCorridors = new Int32Array(2 * corridorStore.n);
    let nb = 0;
    const cb = corridorStore.box, ab = store.box;
    for (let c = 0; c < corridorStore.n; c++)
      for (let q = 0; q < items.length; q++) {
        const i = items[q];
        if (ab[4 * i] <= cb[4 * c + 2] && cb[4 * c] <= ab[4 * i + 2] && ab[4 * i + 1] <= cb[4 * c + 3] && cb[4 * c + 1] <= ab[4 * i + 3]) {
          nearCorridors[nb++] = c;
          break;
        }
      }
    total += covered.area(store, items, items.length, corridorStore, nearCorridors, nb, extraRings, part) / 1e4;
  }
  return total;
}
