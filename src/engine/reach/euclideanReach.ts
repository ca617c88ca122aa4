// Straight-line reach (audit-cli.md, `--mode euclidean`): the part of a community within d metres
// of any source = community ∩ union(circles around point sources, buffers of polygon sources).
// Only the few prefiltered candidates are ever combined (never thousands of buffers, STACK-NOTES).
// Fast exits: no source → []; a circle containing every community vertex (a disk is convex) →
// the whole community; a polygon source containing every community vertex while no source vertex
// lies strictly inside the community → the whole community (it then lies inside the source, whose
// buffer contains it).
// Otherwise every shape is cut to the community's window (bbox + margin) first, circles already
// covered by a kept circle are dropped, and the area is computed by inclusion–exclusion over the
// few convex pieces (geo/convexClip.ts), or by one clipper intersection (non-zero union of the
// pieces, merged in a tree first when there are many: geo/clip.ts unionTreePaths) when they are
// many or not convex. When every source is a point, the area is instead the exact area within the
// true discs (geo/discUnionArea.ts); when every source is a polygon (green space), the exact area
// within the true round-joined buffers (geo/bufferUnionArea.ts), with no buffer polygon built.
// Geometry (reachedPart) always comes from clipper.
import type { MetricRings, PreparedCommunity, ReachProvider, ReachSource, XY } from './reachProvider';
import { intersectionPaths, fromPaths, offsetPaths, toPaths, unionTreePaths, CLIP_SCALE, type IntPaths } from '../geo/clip';
import { circleFlat, circleSegments, sagittaTolerance } from '../geo/circle';
import { keptDiscs } from '../geo/coveredDiscs';
import { areaWithinConvexUnionFlat, isConvexCCW } from '../geo/convexClip';
import { areaInDiscUnion } from '../geo/discUnionArea';
import { areaInBufferUnion, cachedSourcePrimitives, type BufferPrimitives } from '../geo/bufferUnionArea';
import { clipFlatToRect, isConvexFlat, pruneContainedFlat, toFlat, type FlatRing } from '../geo/flatRing';
import { pointInRings } from '../geo/pointInPolygon';

export interface EuclideanReach extends ReachProvider {
  readonly mode: 'euclidean';
  /** Like reachedPart, but returns only the area (m²) of the reached part; skips ring conversion. */
  reachedArea(community: PreparedCommunity, sources: ReachSource[], distance: number): number;
  /**
   * reachedArea for point sources given as coordinates, `points[0 … end − 1]` = x0, y0, x1, y1, …
   * (distance > 0): the same number, with no source objects.
   */
  pointArea(community: PreparedCommunity, points: ArrayLike<number>, end: number, distance: number): number;
  /** Counters for benchmarks: calls, fast exits, inclusion–exclusion and clipper runs. */
  readonly stats: { calls: number; empty: number; whole: number; clipped: number; convex: number; discs: number; buffers: number };
}

type PointSource = Extract<ReachSource, { kind: 'point' }>;
type PolygonSource = Extract<ReachSource, { kind: 'polygon' }>;

/** Up to this many convex pieces, areas use inclusion–exclusion (≤ 2^k − 1 convex clips). */
const MAX_CONVEX_TERMS = 6;
/** More discs than this around one community are pruned before their union's area is measured. */
const PRUNE_DISCS_ABOVE = 32;
/** More shapes than this are merged in a tree before the intersection (see clipped). */
const TREE_UNION_ABOVE = 8;
/** Margin (m) of the clip window around the community's bbox. */
const WINDOW_MARGIN = 1;

/** Source shapes cut to the community's window; the first `circles` are circle pieces (convex). */
interface Shapes {
  shapes: FlatRing[];
  circles: number;
}

function allFlatVerticesWithin(rings: FlatRing[], x: number, y: number, d: number): boolean {
  const d2 = d * d;
  for (const f of rings) {
    for (let i = 0; i < f.length; i += 2) {
      const dx = f[i] - x, dy = f[i + 1] - y;
      if (dx * dx + dy * dy > d2) return false;
    }
  }
  return true;
}

function allVerticesWithin(rings: MetricRings, c: XY, d: number): boolean {
  const d2 = d * d;
  for (const r of rings) for (const p of r) {
    const dx = p[0] - c[0], dy = p[1] - c[1];
    if (dx * dx + dy * dy > d2) return false;
  }
  return true;
}

/** community ⊆ polygon source (see header). */
function containedInPolygon(community: PreparedCommunity, source: { rings: MetricRings; bbox: [number, number, number, number] }): boolean {
  const cb = community.bbox, sb = source.bbox;
  if (cb[0] < sb[0] || cb[1] < sb[1] || cb[2] > sb[2] || cb[3] > sb[3]) return false;
  for (const r of community.rings) for (const p of r) if (pointInRings(p, source.rings) < 0) return false;
  for (const r of source.rings) for (const p of r) {
    if (p[0] <= cb[0] || p[0] >= cb[2] || p[1] <= cb[1] || p[1] >= cb[3]) continue;
    if (pointInRings(p, community.rings) > 0) return false;
  }
  return true;
}

function flatToPath(f: FlatRing): { X: number; Y: number }[] {
  const p: { X: number; Y: number }[] = new Array(f.length / 2);
  for (let i = 0; i < p.length; i++) p[i] = { X: Math.round(f[2 * i] * CLIP_SCALE), Y: Math.round(f[2 * i + 1] * CLIP_SCALE) };
  return p;
}

export function createEuclideanReach(): EuclideanReach {
  const communityPaths = new WeakMap<MetricRings, IntPaths>();
  const communityFlat = new WeakMap<MetricRings, { rings: FlatRing[]; convex: boolean }>();
  const bufferCache = new WeakMap<MetricRings, Map<number, FlatRing[]>>();
  const prims: BufferPrimitives[] = []; // scratch of bufferArea
  const stats = { calls: 0, empty: 0, whole: 0, clipped: 0, convex: 0, discs: 0, buffers: 0 };
  let circleScratch = new Float64Array(512);
  let centerScratch = new Float64Array(256); // pointArea's centres
  let sourceScratch = new Float64Array(256); // discArea's source coordinates

  function pathsOf(c: PreparedCommunity): IntPaths {
    let p = communityPaths.get(c.rings);
    if (!p) { p = toPaths(c.rings); communityPaths.set(c.rings, p); }
    return p;
  }

  function flatOf(c: PreparedCommunity): { rings: FlatRing[]; convex: boolean } {
    let f = communityFlat.get(c.rings);
    if (!f) {
      f = { rings: c.rings.map(toFlat), convex: c.rings.length === 1 && isConvexCCW(c.rings[0]) };
      communityFlat.set(c.rings, f);
    }
    return f;
  }

  function buffered(rings: MetricRings, d: number): FlatRing[] {
    let m = bufferCache.get(rings);
    if (!m) { m = new Map(); bufferCache.set(rings, m); }
    let p = m.get(d);
    if (!p) {
      p = (d > 0 ? fromPaths(offsetPaths(toPaths(rings), d, sagittaTolerance(d))) : rings).map(toFlat);
      m.set(d, p);
    }
    return p;
  }

  function reach(community: PreparedCommunity, sources: ReachSource[], d: number): 'none' | 'whole' | Shapes {
    stats.calls++;
    if (!sources.length || !community.rings.length) { stats.empty++; return 'none'; }
    for (const s of sources) {
      if (s.kind === 'point' ? allVerticesWithin(community.rings, s.xy, d) : containedInPolygon(community, s)) {
        stats.whole++;
        return 'whole';
      }
    }
    const b = community.bbox;
    const rect: [number, number, number, number] = [b[0] - WINDOW_MARGIN, b[1] - WINDOW_MARGIN, b[2] + WINDOW_MARGIN, b[3] + WINDOW_MARGIN];
    const shapes: FlatRing[] = [];
    // Point sources, nearest first; a circle whose clipped polygon lies inside the inscribed
    // polygon of a circle already kept (every vertex within d − sagitta of its centre, and a disk
    // is convex) adds nothing to the union and is dropped, exactly.
    if (d > 0) {
      const cx = (b[0] + b[2]) / 2, cy = (b[1] + b[3]) / 2;
      const points: XY[] = [];
      for (const s of sources) if (s.kind === 'point') points.push(s.xy);
      if (points.length > 1) points.sort((p, q) => (p[0] - cx) ** 2 + (p[1] - cy) ** 2 - ((q[0] - cx) ** 2 + (q[1] - cy) ** 2));
      const inner = d * Math.cos(Math.PI / circleSegments(d));

      const inner2 = inner * inner;
      const kept: XY[] = [];
      const n = circleSegments(d);
      if (circleScratch.length < 2 * n) circleScratch = new Float64Array(4 * n);
      for (const c of points) {
        const full = circleFlat(c[0], c[1], d, undefined, circleScratch);
        let r = clipFlatToRect(full, rect);
        if (!r) continue;
        if (r === full) r = full.slice();
        let dominated = false;
        for (const k of kept) {
          let all = true;
          for (let i = 0; i < r.length; i += 2) {
            const dx = r[i] - k[0], dy = r[i + 1] - k[1];
            if (dx * dx + dy * dy > inner2) { all = false; break; }
          }
          if (all) { dominated = true; break; }
        }
        if (dominated) continue;
        kept.push(c);
        shapes.push(r);
      }
    }
    const circles = shapes.length;
    for (const s of sources) {
      if (s.kind !== 'polygon') continue;
      for (const ring of buffered(s.rings, d)) {
        const r = clipFlatToRect(ring, rect);
        if (r) shapes.push(r);
      }
    }
    if (!shapes.length) { stats.empty++; return 'none'; }
    return { shapes, circles };
  }

  /**
   * Only point sources (facilities): the exact area of the community within the true discs
   * (geo/discUnionArea.ts), with no polygon built. It exceeds the polygonal circles' area by
   * less than their sagitta deficit (< 0.1 % of the reached area, geo/circle.ts).
   */
  function discArea(community: PreparedCommunity, sources: PointSource[], d: number): number {
    if (sourceScratch.length < 2 * sources.length) sourceScratch = new Float64Array(4 * sources.length);
    let end = 0;
    for (const s of sources) { sourceScratch[end++] = s.xy[0]; sourceScratch[end++] = s.xy[1]; }
    return pointArea(community, sourceScratch, end, d);
  }

  /** discArea on coordinates (x0, y0, x1, y1, … up to `end`). */
  function pointArea(community: PreparedCommunity, points: ArrayLike<number>, end: number, d: number): number {
    stats.calls++;
    const b = community.bbox;
    const rings = flatOf(community).rings;
    let n = 0;
    if (centerScratch.length < end) centerScratch = new Float64Array(2 * end);
    for (let i = 0; i < end; i += 2) {
      const x = points[i], y = points[i + 1];
      if (allFlatVerticesWithin(rings, x, y, d)) { stats.whole++; return community.area_m2; }
      const gx = Math.max(b[0] - x, 0, x - b[2]), gy = Math.max(b[1] - y, 0, y - b[3]);
      if (gx * gx + gy * gy < d * d) { centerScratch[n++] = x; centerScratch[n++] = y; }
    }
    if (!n) { stats.empty++; return 0; }
    stats.discs++;
    // Many discs: first drop those lying inside the others over the community (geo/coveredDiscs.ts;
    // the union there is unchanged, and the disc-union area is quadratic in the number of discs).
    const kept = n > 2 * PRUNE_DISCS_ABOVE ? keptDiscs(centerScratch.subarray(0, n), d, b) : null;
    const origin: [number, number] = [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
    const a = kept ? (kept.length ? areaInDiscUnion(rings, kept, d, origin) : 0) : areaInDiscUnion(rings, centerScratch, d, origin, n);
    return Math.max(0, Math.min(community.area_m2, a));
  }

  /**
   * Only polygon sources (green space): the exact area of the community within the true
   * round-joined buffers (geo/bufferUnionArea.ts). It exceeds the clipper offset's area by less
   * than that offset's sagitta deficit (< 0.1 % of the area reached through arcs, geo/circle.ts).
   */
  function bufferArea(community: PreparedCommunity, sources: PolygonSource[], d: number): number {
    stats.calls++;
    stats.buffers++;
    const b = community.bbox;
    prims.length = 0;
    for (const s of sources) {
      if (containedInPolygon(community, s)) { stats.whole++; return community.area_m2; }
      if (s.rings.length) prims.push(cachedSourcePrimitives(s.rings, d));
    }
    const a = areaInBufferUnion(flatOf(community).rings, prims, [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2]);
    return Math.max(0, Math.min(community.area_m2, a));
  }

  function clipped(community: PreparedCommunity, shapes: FlatRing[]): IntPaths {
    stats.clipped++;
    // Many overlapping shapes are merged in a tree first (geo/clip.ts: one sweep over them all is
    // quadratic in their number).
    const clip = shapes.length > TREE_UNION_ABOVE ? unionTreePaths(shapes.map((s) => [flatToPath(s)])) : shapes.map(flatToPath);
    return intersectionPaths(pathsOf(community), clip);
  }

  return {
    mode: 'euclidean',
    stats,
    pointArea,
    reachedPart(community, sources, distance) {
      const r = reach(community, sources, distance);
      if (r === 'none') return [];
      if (r === 'whole') return community.rings.map((ring) => ring.slice());
      return fromPaths(clipped(community, r.shapes));
    },
    reachedArea(community, sources, distance) {
      if (distance > 0 && sources.length && community.rings.length && sources.every((s) => s.kind === 'point')) return discArea(community, sources as PointSource[], distance);
      if (distance > 0 && sources.length && community.rings.length && sources.every((s) => s.kind === 'polygon')) return bufferArea(community, sources as PolygonSource[], distance);
      const r = reach(community, sources, distance);
      if (r === 'none') return 0;
      if (r === 'whole') return community.area_m2;
      // Circle pieces are convex by construction; polygon pieces are checked, and pruned when
      // one contains another.
      let pieces: FlatRing[] | null = r.shapes;
      if (r.circles < r.shapes.length) {
        const poly = r.shapes.slice(r.circles);
        pieces = poly.every(isConvexFlat) ? [...r.shapes.slice(0, r.circles), ...pruneContainedFlat(poly)] : null;
      }
      if (pieces && pieces.length <= MAX_CONVEX_TERMS) {
        stats.convex++;
        const f = flatOf(community);
        return Math.max(0, Math.min(community.area_m2, areaWithinConvexUnionFlat(f.rings, pieces, f.convex)));
      }
      let a = 0;
      for (const p of clipped(community, r.shapes)) {
        let s = 0;
        for (let i = 0, j = p.length - 1; i < p.length; j = i++) s += (p[j].X - p[i].X) * (p[j].Y + p[i].Y);
        a += s / 2;
      }
      return Math.max(0, Math.min(community.area_m2, a / (CLIP_SCALE * CLIP_SCALE)));
    },
  };
}
