// Area (m²) of community ∩ service area(d), without building the area's rings: what the audit's
// share needs (docs/network-areas.md §5). Same set as serviceAreaPaths ∩ community, summed tile
// by tile over fixed square tiles clipped to the community box:
// - a tile that misses the community adds nothing;
// - a certified tile (certify.ts: every point within walking distance d, no unreachable network
//   within the clearance) adds area(community ∩ tile), by rectangle clipping of the rings;
// - any other tile adds area((∪ capsules clipped to it) − corridors ∩ community), with clipper,
//   from the capsules that meet such tiles only (capsules are never built for certified tiles).
// Tiles are disjoint, so the sum equals the area of the whole intersection.
import Flatbush from 'flatbush';
import type { BBox, MetricRings, XY } from '../reach/reachProvider';
import { ringsArea } from '../geo/metricRings';
import { clipToHalfPlane } from '../geo/clipToHalfPlane';
import type { RoadGraph } from './graph';
import type { NetworkDistances } from './distances';
import { differencePaths, intersectPaths, toPaths, unionMany, type IntPaths } from './clip';
import { certifyRect, type ProfileCache } from './certify';
import { addCapsules, CapsuleSet, clipConvexToRect, dropContained, corridor, DEFAULT_MAX_OFFSET_M, pointAt, splitEdge, unitDisk, type AreaOptions, type EdgePiece, type LinearPiece } from './serviceArea';

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

const overlaps = (a: BBox, b: BBox) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

export interface ReachedAreaInput {
  /** Extra walkable pieces (facility connectors) with their distances. */
  pieces?: LinearPiece[];
}

/**
 * Area (m²) of `rings` (a community: outer CCW, holes CW, inside `bbox`) within walking distance
 * d, for the distances `nd`. Equal to the area of serviceAreaPaths(…) ∩ rings without polygon sources.
 */
export function reachedAreaOf(g: RoadGraph, nd: NetworkDistances, d: number, rings: MetricRings, bbox: BBox, options: AreaOptions = {}, input: ReachedAreaInput = {}): number {
  const M = options.maxOffset_m ?? DEFAULT_MAX_OFFSET_M;
  const tol = options.tolerance_m ?? 1;
  const clearance = options.clearance_m ?? 0.5;
  const T = options.tile_m ?? M;
  const r = Math.min(M, d);
  const cache: ProfileCache = new Map();
  let total = 0;
  // Tiles of the fixed grid, clipped to the community box.
  const open: { tile: BBox; part: MetricRings; whole: boolean }[] = [];
  for (let i = Math.floor(bbox[0] / T); i * T < bbox[2]; i++)
    for (let j = Math.floor(bbox[1] / T); j * T < bbox[3]; j++) {
      const tile: BBox = [Math.max(i * T, bbox[0]), Math.max(j * T, bbox[1]), Math.min((i + 1) * T, bbox[2]), Math.min((j + 1) * T, bbox[3])];
      if (tile[2] <= tile[0] || tile[3] <= tile[1]) continue;
      const part = clipRingsToRect(rings, tile);
      const a = ringsArea(part);
      if (a <= 1e-9) continue;
      if (certifyRect(g, nd, d, M, clearance, tile, cache)) total += a;
      else open.push({ tile, part, whole: a >= (tile[2] - tile[0]) * (tile[3] - tile[1]) * (1 - 1e-9) });
    }
  if (!open.length) return total;

  // Capsules and corridors near the open tiles only.
  let ox0 = Infinity, oy0 = Infinity, ox1 = -Infinity, oy1 = -Infinity;
  for (const { tile } of open) {
    ox0 = Math.min(ox0, tile[0]); oy0 = Math.min(oy0, tile[1]); ox1 = Math.max(ox1, tile[2]); oy1 = Math.max(oy1, tile[3]);
  }
  const reached: EdgePiece[] = [];
  const unreached: EdgePiece[] = [];
  for (const e of g.edgeIndex.search(ox0 - r, oy0 - r, ox1 + r, oy1 + r)) splitEdge(g, nd, e, d, reached, unreached);
  const openIndex = new Flatbush(open.length);
  for (const { tile } of open) openIndex.add(tile[0], tile[1], tile[2], tile[3]);
  openIndex.finish();
  const meetsOpen = (b: BBox) => openIndex.search(b[0], b[1], b[2], b[3]).length > 0;
  const caps = new CapsuleSet(unitDisk(r, tol), d, M);
  addCapsules(g, caps, d, reached, input.pieces ?? [], meetsOpen);
  if (!caps.polys.length) return total;
  const cuts: { box: BBox; path: IntPaths[number] }[] = [];
  if (clearance > 0)
    for (const q of unreached) {
      const [x0, y0] = pointAt(g, q.edge, q.s0);
      const [x1, y1] = pointAt(g, q.edge, q.s1);
      const c = clearance;
      const box: BBox = [Math.min(x0, x1) - c, Math.min(y0, y1) - c, Math.max(x0, x1) + c, Math.max(y0, y1) + c];
      if (meetsOpen(box)) cuts.push({ box, path: corridor(x0, y0, x1, y1, c) });
    }
  const polyIndex = new Flatbush(caps.polys.length);
  for (const [ring] of caps.polys) {
    let a = Infinity, b = Infinity, c = -Infinity, e = -Infinity;
    for (const p of ring) {
      if (p.X < a) a = p.X;
      if (p.Y < b) b = p.Y;
      if (p.X > c) c = p.X;
      if (p.Y > e) e = p.Y;
    }
    polyIndex.add(a / 100, b / 100, c / 100, e / 100);
  }
  polyIndex.finish();
  for (const o of open) {
    const t = o.tile;
    const clipped = clipConvexToRect(polyIndex.search(t[0], t[1], t[2], t[3]).map((k) => caps.polys[k]), t);
    let u = unionMany(dropContained(clipped));
    if (!u.length) continue;
    const cut = cuts.filter((k) => overlaps(k.box, o.tile)).map((k) => k.path);
    if (cut.length) u = differencePaths(u, cut);
    if (!o.whole) u = intersectPaths(u, toPaths(o.part));
    total += pathsArea(u);
  }
  return total;
}
